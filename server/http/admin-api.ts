/**
 * The administrator's routes of the HTTP API (paths and shapes in shared/admin-api.ts): accounts, teams,
 * devices and the audit log, for the administrator role only, and none of them touches case data. The
 * logic is server/admin-ops.ts, shared with the `npm run admin` CLI; every change it makes is audited
 * there. Wired into api.ts, which authenticates and answers errors (an AdminError is a 400 naming the
 * problem).
 */
import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import {
  ADMIN_API_PATHS,
  ADMIN_USER_ACTIONS,
  adminCreateUserSchema,
  adminMoveRecordSchema,
  adminTeamNameSchema,
  adminUpdateUserSchema,
  type AdminDevice,
  type AdminMoveRecordResponse,
  type AdminTeam,
  type AdminUser,
} from '../../shared/admin-api.ts';
import { API_PATHS } from '../../shared/protocol.ts';
import { searchAudit, type AuditSearch } from '../admin-audit.ts';
import { findRecordByReference, moveRecord, recordPlace } from '../admin-records.ts';
import {
  AdminError,
  addTeam,
  addUser,
  checkAuditChain,
  disableUser,
  enableUser,
  generatePassword,
  listUserDevices,
  renameTeam,
  resetPassword,
  revokeDevice,
  updateUser,
  type Actor,
} from '../admin-ops.ts';
import type { Store, Team, User } from '../store/types.ts';

export interface AdminRouteDeps {
  readonly store: Store;
  /** The caller, refused with 401 (no or bad token) or 403 (not an administrator). */
  readonly requireAdmin: (request: IncomingMessage) => Promise<{ user: User; deviceId: string }>;
  /** The request's JSON body checked against a schema (400 naming the field otherwise). */
  readonly readBody: <T extends z.ZodType>(request: IncomingMessage, schema: T) => Promise<z.infer<T>>;
  readonly clientIp: (request: IncomingMessage) => string;
  /** Closes sync connections a change has ended (a disabled account, a revoked device). */
  readonly recheckAccess: () => Promise<void>;
  /** Sends an update the server stored to laptops with the record open (a record moved to another team). */
  readonly publishUpdate?: ((docName: string, update: Uint8Array) => void) | undefined;
}

/** The answer of a route: a 200 JSON body. */
export interface AdminAnswer {
  readonly body: unknown;
}

const USER_ROUTE = new RegExp(`^/api/admin/users/([^/]{1,200})/(${ADMIN_USER_ACTIONS.join('|')}|devices)$`);
const TEAM_RENAME = /^\/api\/admin\/teams\/([A-Za-z0-9_-]{1,64})\/rename$/;
const DEVICE_REVOKE = new RegExp(`^${API_PATHS.adminDeviceRevokePrefix}([A-Za-z0-9_-]{1,64})/revoke$`);
const RECORD_ROUTE = /^\/api\/admin\/records\/([^/]{1,40})(\/move)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A username (or, with `what`, a record reference) from the address. */
function usernameFromPath(segment: string, what = 'username'): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new AdminError(`the ${what} in the address is not valid`);
  }
}

/** A `YYYY-MM-DD` query parameter as the instant its day starts (UTC), or undefined when absent. */
function dayStart(name: string, value: string | null, plusDays = 0): string | undefined {
  if (value === null || value === '') return undefined;
  const day = DATE.test(value) ? new Date(`${value}T00:00:00.000Z`) : null;
  if (!day || Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== value)
    throw new AdminError(`${name}: enter a real date as YYYY-MM-DD`);
  day.setUTCDate(day.getUTCDate() + plusDays);
  return day.toISOString();
}

export function createAdminRoutes(
  deps: AdminRouteDeps,
): (
  request: IncomingMessage,
  method: string,
  path: string,
  query: URLSearchParams,
) => Promise<AdminAnswer | null> {
  const { store } = deps;

  async function admin(request: IncomingMessage): Promise<Actor> {
    const caller = await deps.requireAdmin(request);
    return { userId: caller.user.id, deviceId: caller.deviceId, ip: deps.clientIp(request) };
  }

  async function userView(user: User): Promise<AdminUser> {
    return {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      teamId: user.teamId,
      disabled: user.disabled,
      passwordResetRequired: await store.auth.passwordResetRequired(user.id),
      identityProviderOnly: user.passwordHash === null,
      createdAt: user.createdAt,
    };
  }

  async function teamView(team: Team): Promise<AdminTeam> {
    const members = (await store.listUsers()).filter((u) => u.teamId === team.id && !u.disabled).length;
    return { id: team.id, name: team.name, createdAt: team.createdAt, members };
  }

  async function teamName(teamId: string | null): Promise<string | null> {
    if (teamId === null) return null;
    const team = await store.getTeam(teamId);
    if (!team) throw new AdminError('team: no such team');
    return team.name;
  }

  async function auditSearch(query: URLSearchParams): Promise<AuditSearch> {
    const reference = query.get('record')?.trim() || undefined;
    const record =
      reference === undefined ? undefined : (await findRecordByReference(store, reference)).youngPersonId;
    const username = query.get('user')?.trim() || undefined;
    const user = username === undefined ? undefined : await store.getUserByUsername(username);
    if (user === null) throw new AdminError(`user: no account with the username ${JSON.stringify(username)}`);
    const from = dayStart('from', query.get('from'));
    const to = dayStart('to', query.get('to'), 1);
    if (from && to && from >= to) throw new AdminError('to: the end date must be on or after the start date');
    const beforeText = query.get('before');
    const before = beforeText === null || beforeText === '' ? undefined : Number(beforeText);
    if (before !== undefined && (!Number.isSafeInteger(before) || before < 1))
      throw new AdminError('before: must be a positive whole number from the previous page');
    return {
      ...(record ? { record } : {}),
      ...(user ? { user } : {}),
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      ...(before !== undefined ? { before } : {}),
    };
  }

  return async (request, method, path, query) => {
    if (path === ADMIN_API_PATHS.users && method === 'GET') {
      await admin(request);
      return { body: { users: await Promise.all((await store.listUsers()).map(userView)) } };
    }
    if (path === ADMIN_API_PATHS.users && method === 'POST') {
      const actor = await admin(request);
      const body = await deps.readBody(request, adminCreateUserSchema);
      const password = generatePassword();
      const user = await addUser(store, { ...body, teamName: await teamName(body.teamId), password }, actor);
      return { body: { user: await userView(user), oneTimePassword: password } };
    }
    const userRoute = USER_ROUTE.exec(path);
    if (userRoute?.[1] && userRoute[2]) {
      const username = usernameFromPath(userRoute[1]);
      const action = userRoute[2];
      if (action === 'devices' && method === 'GET') {
        await admin(request);
        const devices: AdminDevice[] = (await listUserDevices(store, username)).map((d) => ({
          id: d.id,
          firstSeen: d.firstSeen,
          lastSeen: d.lastSeen,
          revokedAt: d.revokedAt,
        }));
        return { body: { devices } };
      }
      if (method !== 'POST' || action === 'devices') return null;
      const actor = await admin(request);
      switch (action) {
        case 'update': {
          const body = await deps.readBody(request, adminUpdateUserSchema);
          const user = await updateUser(store, username, body, actor);
          await deps.recheckAccess();
          return { body: { user: await userView(user) } };
        }
        case 'disable': {
          const user = await disableUser(store, username, actor);
          await deps.recheckAccess();
          return { body: { user: await userView({ ...user, disabled: true }) } };
        }
        case 'enable':
          return { body: { user: await userView(await enableUser(store, username, actor)) } };
        case 'reset-password': {
          const { user, password } = await resetPassword(store, username, actor);
          await deps.recheckAccess();
          return { body: { user: await userView(user), oneTimePassword: password } };
        }
      }
    }
    if (path === ADMIN_API_PATHS.teams && method === 'GET') {
      await admin(request);
      return { body: { teams: await Promise.all((await store.listTeams()).map(teamView)) } };
    }
    if (path === ADMIN_API_PATHS.teams && method === 'POST') {
      const actor = await admin(request);
      const { name } = await deps.readBody(request, adminTeamNameSchema);
      return { body: { team: await teamView(await addTeam(store, name, actor)) } };
    }
    const rename = TEAM_RENAME.exec(path);
    if (rename?.[1] && method === 'POST') {
      const actor = await admin(request);
      const { name } = await deps.readBody(request, adminTeamNameSchema);
      return { body: { team: await teamView(await renameTeam(store, rename[1], name, actor)) } };
    }
    const revoke = DEVICE_REVOKE.exec(path);
    if (revoke?.[1] && method === 'POST') {
      const actor = await admin(request);
      const owner = await revokeDevice(store, revoke[1], actor);
      await deps.recheckAccess();
      return {
        body: {
          revoked: revoke[1],
          owner: owner ? { username: owner.username, displayName: owner.displayName } : null,
        },
      };
    }
    const recordRoute = RECORD_ROUTE.exec(path);
    if (recordRoute?.[1]) {
      const reference = usernameFromPath(recordRoute[1], 'record reference');
      if (!recordRoute[2] && method === 'GET') {
        await admin(request);
        return { body: { record: await recordPlace(store, await findRecordByReference(store, reference)) } };
      }
      if (recordRoute[2] && method === 'POST') {
        const actor = await admin(request);
        const { paUsername } = await deps.readBody(request, adminMoveRecordSchema);
        const moved: AdminMoveRecordResponse = await moveRecord(store, reference, paUsername, actor, {
          publish: deps.publishUpdate,
        });
        await deps.recheckAccess();
        return { body: moved };
      }
    }
    if (path === ADMIN_API_PATHS.audit && method === 'GET') {
      const actor = await admin(request);
      return { body: await searchAudit(store, await auditSearch(query), actor) };
    }
    if (path === ADMIN_API_PATHS.auditVerify && method === 'POST') {
      const report = await checkAuditChain(store, await admin(request));
      return { body: { intact: report.broken === null, ...report } };
    }
    return null;
  };
}
