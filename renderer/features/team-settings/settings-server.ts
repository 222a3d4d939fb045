/**
 * Calls to the team settings part of the sync server's API (shared/team-settings-api.ts), through the
 * team API's authenticated call (features/team/team-server.ts).
 */
import type { WaymarkBridge } from '../../../shared/bridge.ts';
import {
  TEAM_SETTINGS_PATH,
  teamSettingsResponseSchema,
  type TeamSettingsChange,
  type TeamSettingsResponse,
} from '../../../shared/team-settings-api.ts';
import { call } from '../team/team-server.ts';

function settingsPath(teamId: string | undefined): string {
  return teamId === undefined
    ? TEAM_SETTINGS_PATH
    : `${TEAM_SETTINGS_PATH}?teamId=${encodeURIComponent(teamId)}`;
}

export async function fetchTeamSettings(
  bridge: WaymarkBridge,
  serverUrl: string,
  teamId?: string,
): Promise<TeamSettingsResponse> {
  return teamSettingsResponseSchema.parse(
    await call(bridge, serverUrl, settingsPath(teamId), { method: 'GET' }),
  );
}

export async function saveTeamSettings(
  bridge: WaymarkBridge,
  serverUrl: string,
  change: TeamSettingsChange,
  teamId?: string,
): Promise<TeamSettingsResponse> {
  const body = await call(bridge, serverUrl, settingsPath(teamId), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(change),
  });
  return teamSettingsResponseSchema.parse(body);
}
