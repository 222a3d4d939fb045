/**
 * Team settings (issue 14): read with the defaults filled, and changed by a team manager or the
 * administrator — the fields given replace the current ones and the whole result is validated against
 * shared/domain/settings.ts before anything is written; the change and its audit row are written in one
 * transaction (Store.putTeamSettings).
 */
import { DEFAULT_SETTINGS, teamSettingsSchema, type TeamSettings } from '../shared/domain/settings.ts';
import { TEAM_SETTING_FIELDS, type TeamSettingsResponse } from '../shared/team-settings-api.ts';
import { AdminError, type Actor } from './admin-ops.ts';
import type { Store } from './store/types.ts';

function stored(value: unknown): TeamSettings {
  // Settings stored by an older version may lack newer fields (defaults fill them) or hold a field a
  // later version dropped (ignored); a stored value that no longer validates falls back field by field.
  const parsed = teamSettingsSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const kept: Record<string, unknown> = {};
  if (value !== null && typeof value === 'object')
    for (const [key, field] of Object.entries(value))
      if (teamSettingsSchema.shape[key as keyof TeamSettings]?.safeParse(field).success) kept[key] = field;
  return teamSettingsSchema.parse(kept);
}

export async function readTeamSettings(store: Store, teamId: string): Promise<TeamSettingsResponse> {
  const row = await store.getTeamSettings(teamId);
  return {
    teamId,
    settings: row ? stored(row.settings) : DEFAULT_SETTINGS,
    updatedAt: row?.updatedAt ?? null,
  };
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Applies a change to a team's settings. Throws AdminError (a 400 naming the field) for a body that is
 * not an object, an unknown field or a bad value, and for a team that does not exist; nothing is written.
 */
export async function changeTeamSettings(
  store: Store,
  teamId: string,
  change: unknown,
  actor: Actor,
): Promise<TeamSettingsResponse> {
  if (change === null || typeof change !== 'object' || Array.isArray(change))
    throw new AdminError('body: must be an object of the settings to change');
  const unknown = Object.keys(change).filter((key) => !TEAM_SETTING_FIELDS.has(key));
  if (unknown.length > 0) throw new AdminError(`${unknown[0]}: not a team setting`);
  if (Object.keys(change).length === 0) throw new AdminError('body: name at least one setting to change');
  if (!(await store.getTeam(teamId))) throw new AdminError('teamId: no such team');
  const current = (await readTeamSettings(store, teamId)).settings;
  const result = teamSettingsSchema.safeParse({ ...current, ...change });
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue?.path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`));
    throw new AdminError(
      `${(field ?? []).join('').replace(/^\./, '') || 'body'}: ${issue?.message ?? 'invalid'}`,
    );
  }
  const next = result.data;
  const changed = Object.keys(next).filter(
    (key) => !sameValue(next[key as keyof TeamSettings], current[key as keyof TeamSettings]),
  );
  if (changed.length === 0) return readTeamSettings(store, teamId);
  const row = await store.putTeamSettings(teamId, JSON.stringify(next), {
    event: 'team.settings-changed',
    userId: actor.userId,
    deviceId: actor.deviceId ?? null,
    ip: actor.ip ?? null,
    detail: `team=${teamId} changed=${changed.join(',')}`,
  });
  return { teamId, settings: next, updatedAt: row.updatedAt };
}
