/**
 * Team settings over the HTTP API (beside shared/team-api.ts; same conventions: Bearer token, JSON,
 * errors as `{ error, message }`). Issue 14: set by a team manager (or the administrator), stored on the
 * server, synced to every laptop of the team and used by every rule and measure there.
 * - `GET /api/team/settings`: the caller's team's settings, defaults filled (PAs and managers of the team;
 *   the administrator names the team: `?teamId=…`).
 * - `POST /api/team/settings` `{ …fields to change }`: a team manager changes their own team's settings
 *   (the administrator: `?teamId=…`). The fields given replace the current ones; the whole result is
 *   validated against `teamSettingsSchema` (an unknown field or a bad value is a 400 naming the field, and
 *   nothing is written). Audited (`team.settings-changed`, naming the fields changed).
 */
import { z } from 'zod';
import { teamSettingsSchema } from './domain/settings.ts';

export const TEAM_SETTINGS_PATH = '/api/team/settings';

/** The fields a change may carry: each optional, none unknown. */
export type TeamSettingsChange = Partial<z.input<typeof teamSettingsSchema>>;

/** The names of every team setting (a change naming anything else is refused). */
export const TEAM_SETTING_FIELDS: ReadonlySet<string> = new Set(Object.keys(teamSettingsSchema.shape));

export const teamSettingsResponseSchema = z.object({
  teamId: z.string().min(1),
  settings: teamSettingsSchema,
  /** When a manager last changed them (ISO date-time); null while the defaults apply. */
  updatedAt: z.string().nullable(),
});
export type TeamSettingsResponse = z.infer<typeof teamSettingsResponseSchema>;
