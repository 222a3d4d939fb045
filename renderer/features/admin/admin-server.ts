/**
 * Calls to the administrator's part of the sync server's HTTP API (shared/admin-api.ts), through the
 * team feature's authenticated `call` (access token refreshed when needed, errors in plain English).
 */
import type { WaymarkBridge } from '../../../shared/bridge.ts';
import {
  ADMIN_API_PATHS,
  adminDevicesResponseSchema,
  adminMoveRecordResponseSchema,
  adminRecordPath,
  adminRecordResponseSchema,
  adminOneTimePasswordSchema,
  adminRevokeResponseSchema,
  adminTeamResponseSchema,
  adminTeamRenamePath,
  adminTeamsResponseSchema,
  adminUserPath,
  adminUserResponseSchema,
  adminUsersResponseSchema,
  auditSearchResponseSchema,
  auditVerifyResponseSchema,
  type AdminCreateUser,
  type AdminUpdateUser,
} from '../../../shared/admin-api.ts';
import { API_PATHS } from '../../../shared/protocol.ts';
import { call } from '../team/team-server.ts';

const JSON_CONTENT = { 'content-type': 'application/json' };

/** The administrator's server calls, bound to the sync server this laptop uses. */
export function adminServer(bridge: WaymarkBridge, serverUrl: string) {
  const get = (path: string) => call(bridge, serverUrl, path, { method: 'GET' });
  const post = (path: string, body: unknown = {}) =>
    call(bridge, serverUrl, path, { method: 'POST', headers: JSON_CONTENT, body: JSON.stringify(body) });
  return {
    users: async () => adminUsersResponseSchema.parse(await get(ADMIN_API_PATHS.users)).users,
    addUser: async (body: AdminCreateUser) =>
      adminOneTimePasswordSchema.parse(await post(ADMIN_API_PATHS.users, body)),
    updateUser: async (username: string, body: AdminUpdateUser) =>
      adminUserResponseSchema.parse(await post(adminUserPath(username, 'update'), body)).user,
    disable: async (username: string) =>
      adminUserResponseSchema.parse(await post(adminUserPath(username, 'disable'))).user,
    enable: async (username: string) =>
      adminUserResponseSchema.parse(await post(adminUserPath(username, 'enable'))).user,
    resetPassword: async (username: string) =>
      adminOneTimePasswordSchema.parse(await post(adminUserPath(username, 'reset-password'))),
    devices: async (username: string) =>
      adminDevicesResponseSchema.parse(await get(adminUserPath(username, 'devices'))).devices,
    revokeDevice: async (deviceId: string) =>
      adminRevokeResponseSchema.parse(
        await post(`${API_PATHS.adminDeviceRevokePrefix}${encodeURIComponent(deviceId)}/revoke`),
      ),
    teams: async () => adminTeamsResponseSchema.parse(await get(ADMIN_API_PATHS.teams)).teams,
    addTeam: async (name: string) =>
      adminTeamResponseSchema.parse(await post(ADMIN_API_PATHS.teams, { name })).team,
    renameTeam: async (teamId: string, name: string) =>
      adminTeamResponseSchema.parse(await post(adminTeamRenamePath(teamId), { name })).team,
    searchAudit: async (filters: Readonly<Record<string, string>>) => {
      const query = new URLSearchParams(Object.entries(filters).filter(([, value]) => value !== ''));
      return auditSearchResponseSchema.parse(await get(`${ADMIN_API_PATHS.audit}?${query.toString()}`));
    },
    /** Where the record with this reference sits (team and PA; no case data). */
    recordPlace: async (reference: string) =>
      adminRecordResponseSchema.parse(await get(adminRecordPath(reference))).record,
    moveRecord: async (reference: string, paUsername: string) =>
      adminMoveRecordResponseSchema.parse(await post(adminRecordPath(reference, 'move'), { paUsername })),
    verifyAudit: async () => auditVerifyResponseSchema.parse(await post(ADMIN_API_PATHS.auditVerify)),
  };
}

export type AdminServer = ReturnType<typeof adminServer>;
