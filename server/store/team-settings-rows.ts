/**
 * Team settings on the server (issue 14): one row per team holding the settings a team manager (or the
 * administrator) set, as JSON validated by the API against shared/domain/settings.ts before it is
 * stored. The same DDL serves SQLite and PostgreSQL (text columns only).
 */
import { str, strOrNull, type Row } from './rows.ts';
import { nowIso, type AuditEntry, type StoredTeamSettings } from './types.ts';

/** Migration step team-settings-v1: additive, so a database from an older version upgrades in place. */
export const TEAM_SETTINGS_SCHEMA_V1 = `
CREATE TABLE IF NOT EXISTS team_settings (
  team_id TEXT PRIMARY KEY REFERENCES teams(id),
  settings TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT
);
`;

export function toStoredTeamSettings(row: Row): StoredTeamSettings {
  return {
    teamId: str(row, 'team_id'),
    settings: JSON.parse(str(row, 'settings')) as unknown,
    updatedAt: str(row, 'updated_at'),
    updatedBy: strOrNull(row, 'updated_by'),
  };
}

/** The row a change writes: who changed the settings is the audit row's user. */
export function newTeamSettingsRow(
  teamId: string,
  settingsJson: string,
  audit: AuditEntry,
): StoredTeamSettings {
  return {
    teamId,
    settings: JSON.parse(settingsJson) as unknown,
    updatedAt: nowIso(),
    updatedBy: audit.userId ?? null,
  };
}

/**
 * Inserts or replaces a team's row; `param(n)` is the dialect's placeholder for the n-th parameter
 * (`?` for SQLite, `$n` for PostgreSQL). Parameters: teamSettingsParams.
 */
export function upsertTeamSettingsSql(param: (n: number) => string): string {
  return `INSERT INTO team_settings (team_id, settings, updated_at, updated_by)
    VALUES (${param(1)}, ${param(2)}, ${param(3)}, ${param(4)})
    ON CONFLICT (team_id) DO UPDATE SET settings = excluded.settings,
      updated_at = excluded.updated_at, updated_by = excluded.updated_by`;
}

export function teamSettingsParams(row: StoredTeamSettings, settingsJson: string): (string | null)[] {
  return [row.teamId, settingsJson, row.updatedAt, row.updatedBy];
}
