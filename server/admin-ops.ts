/**
 * Administrative operations shared by the admin CLI and the administrator HTTP API. Each validates its
 * input, names the offending field in its error, and writes an audit row.
 */
import { ROLES, isValidYoungPersonId, type Role } from '../shared/protocol.ts';
import { hashPassword, MIN_PASSWORD_LENGTH } from './auth/passwords.ts';
import type { Assignment, Store, Team, User } from './store/types.ts';

export class AdminError extends Error {}

/** Who performed an action, for the audit log (null = the CLI on the server host). */
export interface Actor {
  readonly userId: string | null;
  readonly deviceId?: string | null;
  readonly ip?: string | null;
}

const CLI_ACTOR: Actor = { userId: null, ip: 'admin-cli' };
export function cliActor(): Actor {
  return CLI_ACTOR;
}

const USERNAME = /^[a-z0-9][a-z0-9._@-]{1,63}$/;

export function parseRole(value: string): Role {
  const role = ROLES.find((r) => r === value);
  if (!role) throw new AdminError(`role must be one of ${ROLES.join(', ')} (got ${JSON.stringify(value)})`);
  return role;
}

export async function addTeam(store: Store, name: string, actor: Actor): Promise<Team> {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > 100) throw new AdminError('team name must be 1–100 characters');
  if (await store.getTeamByName(trimmed))
    throw new AdminError(`team ${JSON.stringify(trimmed)} already exists`);
  const team = await store.createTeam(trimmed);
  await store.appendAudit({
    event: 'team.created',
    userId: actor.userId,
    ip: actor.ip ?? null,
    detail: `team=${team.id}`,
  });
  return team;
}

export interface AddUserInput {
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly teamName: string | null;
  readonly password: string | null;
  readonly oidcSubject?: string | null;
}

export async function addUser(store: Store, input: AddUserInput, actor: Actor): Promise<User> {
  const username = input.username.trim().toLowerCase();
  if (!USERNAME.test(username)) {
    throw new AdminError(
      'username must be 2–64 characters: lower-case letters, digits, ".", "_", "@" or "-"',
    );
  }
  if (!input.displayName.trim()) throw new AdminError('display name (--name) is required');
  if (await store.getUserByUsername(username))
    throw new AdminError(`user ${JSON.stringify(username)} already exists`);
  let teamId: string | null = null;
  if (input.teamName) {
    const team = await store.getTeamByName(input.teamName);
    if (!team)
      throw new AdminError(`team ${JSON.stringify(input.teamName)} does not exist (add it with: teams add)`);
    teamId = team.id;
  }
  if ((input.role === 'pa' || input.role === 'team_manager') && !teamId) {
    throw new AdminError(`a ${input.role} needs a team (--team <team name>)`);
  }
  if (input.password !== null && input.password.length < MIN_PASSWORD_LENGTH) {
    throw new AdminError(`password must be at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  const user = await store.createUser({
    username,
    displayName: input.displayName.trim(),
    role: input.role,
    teamId,
    passwordHash: input.password === null ? null : await hashPassword(input.password),
    oidcSubject: input.oidcSubject ?? null,
  });
  await store.appendAudit({
    event: 'user.created',
    userId: actor.userId,
    ip: actor.ip ?? null,
    detail: `user=${user.id} role=${user.role}`,
  });
  return user;
}

async function requireUser(store: Store, username: string): Promise<User> {
  const user = await store.getUserByUsername(username);
  if (!user) throw new AdminError(`user ${JSON.stringify(username)} does not exist`);
  return user;
}

export async function setPassword(
  store: Store,
  username: string,
  password: string,
  actor: Actor,
): Promise<User> {
  const user = await requireUser(store, username);
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new AdminError(`password must be at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  await store.setPasswordHash(user.id, await hashPassword(password));
  await store.appendAudit({
    event: 'user.password-set',
    userId: actor.userId,
    ip: actor.ip ?? null,
    detail: `user=${user.id}`,
  });
  return user;
}

export async function disableUser(store: Store, username: string, actor: Actor): Promise<User> {
  const user = await requireUser(store, username);
  await store.setUserDisabled(user.id, true);
  await store.appendAudit({
    event: 'user.disabled',
    userId: actor.userId,
    ip: actor.ip ?? null,
    detail: `user=${user.id}`,
  });
  return user;
}

export async function assignYoungPerson(
  store: Store,
  youngPersonId: string,
  paUsername: string,
  actor: Actor,
): Promise<{ assignment: Assignment; previousPaUserId: string | null }> {
  if (!isValidYoungPersonId(youngPersonId)) {
    throw new AdminError('youngPersonId must be 1–64 characters of A–Z, a–z, 0–9, "_" or "-"');
  }
  const pa = await requireUser(store, paUsername);
  if (pa.role !== 'pa') throw new AdminError(`user ${JSON.stringify(pa.username)} is a ${pa.role}, not a pa`);
  if (pa.disabled) throw new AdminError(`user ${JSON.stringify(pa.username)} is disabled`);
  if (!pa.teamId) throw new AdminError(`user ${JSON.stringify(pa.username)} has no team`);
  const previous = await store.getAssignment(youngPersonId);
  const assignment = await store.setAssignment(youngPersonId, pa.id, pa.teamId);
  await store.appendAudit({
    event: 'assignment.set',
    userId: actor.userId,
    deviceId: actor.deviceId ?? null,
    ip: actor.ip ?? null,
    docName: `yp:${youngPersonId}`,
    detail: `pa=${pa.id} previous=${previous?.paUserId ?? 'none'}`,
  });
  return { assignment, previousPaUserId: previous?.paUserId ?? null };
}

export async function revokeDevice(store: Store, deviceId: string, actor: Actor): Promise<void> {
  if (!(await store.revokeDevice(deviceId)))
    throw new AdminError(`device ${JSON.stringify(deviceId)} does not exist`);
  await store.appendAudit({
    event: 'device.revoked',
    userId: actor.userId,
    ip: actor.ip ?? null,
    deviceId,
    detail: 'revoked',
  });
}
