/**
 * Team settings on the server (issue 14): one row per team holding the settings a team manager (or the
 * administrator) set, as JSON validated by the API against shared/domain/settings.ts before it is
 * stored. The same DDL serves SQLite and PostgreSQL (text columns only).
 */
import { str, strOrNull, type Row } from './rows.ts';
import type { StoredTeamSettings } from './types.ts';

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
