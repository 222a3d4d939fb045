/**
 * Administrative operations shared by the admin CLI and the administrator HTTP API. Each validates its
 * input, names the offending field in its error, and writes an audit row.
 */
import { ROLES, isValidYoungPersonId, type Role } from '../shared/protocol.ts';
import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import { hashPassword, MIN_PASSWORD_LENGTH } from './auth/passwords.ts';
import { endUserSessions, SESSION_END_REASONS } from './auth/sessions.ts';
import { OidcLinkConflict, type OidcIdentity } from './store/auth-store.ts';
import { verifyAuditChain, type AuditChainReport } from './store/audit-chain.ts';
import type { Assignment, AuditEvent, Device, Store, Team, User } from './store/types.ts';

export class AdminError extends Error {}

/** Who performed an action, for the audit log (userId null = the CLI on the server host). */
export interface Actor {
  readonly userId: string | null;
  readonly deviceId?: string | null;
  readonly ip?: string | null;
  /** The operating-system account that ran the admin CLI (recorded in the audit detail). */
  readonly osUser?: string | null;
}

/** The OS account running this process, as a short safe token (never empty). */
export function currentOsUser(env: NodeJS.ProcessEnv = process.env): string {
  let name: string | undefined;
  try {
    name = userInfo().username;
  } catch {
    name = env['USER'] ?? env['USERNAME'] ?? env['LOGNAME'];
  }
  const safe = (name ?? '').replace(/[^A-Za-z0-9._@$\\-]/g, '_').slice(0, 64);
  return safe || 'unknown';
}

/** The admin CLI as an actor: no Waymark account, the OS user who ran it. */
export function cliActor(osUser: string = currentOsUser()): Actor {
  return { userId: null, ip: 'admin-cli', osUser };
}

/** An audit detail with the OS user of a CLI actor appended. */
export function actorDetail(actor: Actor, detail: string): string {
  return actor.osUser ? `${detail} os-user=${actor.osUser}` : detail;
}

const USERNAME = /^[a-z0-9][a-z0-9._@-]{1,63}$/;

export function parseRole(value: string): Role {
  const role = ROLES.find((r) => r === value);
  if (!role) throw new AdminError(`role must be one of ${ROLES.join(', ')} (got ${JSON.stringify(value)})`);
  return role;
}

/** A team name, trimmed, that no other team has. */
async function newTeamName(store: Store, name: string): Promise<string> {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > 100) throw new AdminError('team name must be 1–100 characters');
  if (await store.getTeamByName(trimmed))
    throw new AdminError(`team ${JSON.stringify(trimmed)} already exists`);
  return trimmed;
}

/** A one-time password: 20 characters, 120 random bits (shown once to whoever set it). */
export function generatePassword(): string {
  return randomBytes(15).toString('base64url');
}

export async function addTeam(store: Store, name: string, actor: Actor): Promise<Team> {
  const trimmed = await newTeamName(store, name);
  const team = await store.createTeam(trimmed);
  await store.appendAudit({
    event: 'team.created',
    userId: actor.userId,
    ip: actor.ip ?? null,
    detail: actorDetail(actor, `team=${team.id}`),
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
    detail: actorDetail(actor, `user=${user.id} role=${user.role}`),
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
  await store.auth.clearPasswordReset(user.id);
  await store.appendAudit({
    event: 'user.password-set',
    userId: actor.userId,
    ip: actor.ip ?? null,
    detail: actorDetail(actor, `user=${user.id}`),
  });
  // Whoever signed in with the old password is signed out everywhere (open sockets close at the
  // server's next access re-check).
  await endUserSessions(store, user.id, SESSION_END_REASONS.passwordChanged, actor.ip ?? null);
  return user;
}

export async function disableUser(store: Store, username: string, actor: Actor): Promise<User> {
  const user = await requireUser(store, username);
  if (user.id === actor.userId) throw new AdminError('you cannot disable your own account');
  if (user.disabled) throw new AdminError(`user ${JSON.stringify(user.username)} is already disabled`);
  await store.setUserDisabled(user.id, true);
  await store.appendAudit({
    event: 'user.disabled',
    userId: actor.userId,
    ip: actor.ip ?? null,
    detail: actorDetail(actor, `user=${user.id}`),
  });
  await endUserSessions(store, user.id, SESSION_END_REASONS.accountDisabled, actor.ip ?? null);
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
    detail: actorDetail(actor, `pa=${pa.id} previous=${previous?.paUserId ?? 'none'}`),
  });
  return { assignment, previousPaUserId: previous?.paUserId ?? null };
}

/**
 * Revokes a device: it is told to wipe its local data, its sessions end, and its id can never sign in
 * again. Its user must be given a new password before signing in anywhere: a revoked laptop is usually
 * lost or stolen, and whoever has it may also have the password (written down, remembered by the
 * browser, watched being typed). Without the reset they could enrol a new device id with the old
 * password at once. Returns the owner, who needs the new password.
 */
export async function revokeDevice(store: Store, deviceId: string, actor: Actor): Promise<User | null> {
  if (!(await store.revokeDevice(deviceId)))
    throw new AdminError(`device ${JSON.stringify(deviceId)} does not exist`);
  await store.appendAudit({
    event: 'device.revoked',
    userId: actor.userId,
    ip: actor.ip ?? null,
    deviceId,
    detail: actorDetail(actor, 'revoked'),
  });
  await store.auth.endSessionsForDevice(deviceId, SESSION_END_REASONS.deviceRevoked);
  const device = await store.getDevice(deviceId);
  const owner = device ? await store.getUser(device.userId) : null;
  if (owner) await store.auth.requirePasswordReset(owner.id, `device ${deviceId} revoked`);
  return owner;
}

/**
 * Lets a user whose device was revoked sign in again without a Waymark password (OIDC accounts: once
 * the identity provider has reset their credentials). Password accounts get `setPassword` instead.
 */
export async function reinstateUser(store: Store, username: string, actor: Actor): Promise<User> {
  const user = await requireUser(store, username);
  if (!(await store.auth.passwordResetRequired(user.id)))
    throw new AdminError(`user ${JSON.stringify(user.username)} is not waiting for a password reset`);
  await store.auth.clearPasswordReset(user.id);
  await store.appendAudit({
    event: 'user.reinstated',
    userId: actor.userId,
    ip: actor.ip ?? null,
    detail: actorDetail(actor, `user=${user.id}`),
  });
  return user;
}

/**
 * Links a Waymark account to an OpenID Connect identity (issuer + immutable subject), once: an account
 * or identity already linked is refused (unlinking is deliberately not offered from here).
 */
export async function linkOidcIdentity(
  store: Store,
  username: string,
  issuer: string,
  subject: string,
  actor: Actor,
): Promise<OidcIdentity> {
  const user = await requireUser(store, username);
  const iss = issuer.trim();
  const sub = subject.trim();
  if (!/^https:\/\/\S{1,500}$/.test(iss) && !/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?(\/\S*)?$/.test(iss))
    throw new AdminError(
      "--issuer must be the identity provider's issuer URL (https://…), exactly as in its tokens",
    );
  if (!sub || sub.length > 255 || /\s/.test(sub))
    throw new AdminError("--subject must be the person's sub (or oid) claim: 1–255 characters, no spaces");
  let identity: OidcIdentity;
  try {
    identity = await store.auth.linkOidcIdentity(iss, sub, user.id);
  } catch (error) {
    if (error instanceof OidcLinkConflict)
      throw new AdminError(`cannot link ${user.username}: ${error.message}`);
    throw error;
  }
  await store.appendAudit({
    event: 'oidc.linked',
    userId: actor.userId,
    ip: actor.ip ?? null,
    detail: actorDetail(actor, `user=${user.id} issuer=${iss.slice(0, 200)}`),
  });
  return identity;
}

// --- administration in the app (server/http/admin-api.ts) ------------------------------------------

/** The audit row of an administrator's action. */
function auditAction(store: Store, actor: Actor, event: AuditEvent, detail: string): Promise<void> {
  return store.appendAudit({
    event,
    userId: actor.userId,
    deviceId: actor.deviceId ?? null,
    ip: actor.ip ?? null,
    detail: actorDetail(actor, detail),
  });
}

/** Resets a password to a generated one-time password (returned once); ends every session they had. */
export async function resetPassword(
  store: Store,
  username: string,
  actor: Actor,
): Promise<{ user: User; password: string }> {
  const password = generatePassword();
  const user = await setPassword(store, username, password, actor);
  return { user, password };
}

export async function enableUser(store: Store, username: string, actor: Actor): Promise<User> {
  const user = await requireUser(store, username);
  if (!user.disabled) throw new AdminError(`user ${JSON.stringify(user.username)} is not disabled`);
  await store.setUserDisabled(user.id, false);
  await auditAction(store, actor, 'user.enabled', `user=${user.id}`);
  return { ...user, disabled: false };
}

export interface UserChangeInput {
  readonly displayName: string;
  readonly role: Role;
  /** Null for an administrator (who has no team). */
  readonly teamId: string | null;
}

/**
 * Changes a person's name, role and team. A PA or team manager needs a team and an administrator has
 * none; a PA with young people allocated keeps their role and team until their team manager has moved
 * the young people (otherwise the records would follow a PA into another team or role); nobody changes
 * their own role. A change of role or team ends their sessions, so their laptop signs in again with it.
 */
export async function updateUser(
  store: Store,
  username: string,
  input: UserChangeInput,
  actor: Actor,
): Promise<User> {
  const user = await requireUser(store, username);
  const displayName = input.displayName.trim();
  if (!displayName || displayName.length > 100) throw new AdminError('display name must be 1–100 characters');
  const role = parseRole(input.role);
  if (role === 'admin' && input.teamId !== null) throw new AdminError('an administrator has no team');
  if (role !== 'admin' && input.teamId === null) throw new AdminError(`a ${role} needs a team`);
  if (input.teamId !== null && !(await store.getTeam(input.teamId)))
    throw new AdminError('team: no such team');
  if (user.id === actor.userId && role !== user.role) throw new AdminError('you cannot change your own role');
  const roleOrTeamChanged = role !== user.role || input.teamId !== user.teamId;
  if (roleOrTeamChanged && user.role === 'pa') {
    const caseload = (await store.listAssignmentsForPa(user.id)).length;
    if (caseload > 0)
      throw new AdminError(
        `${user.displayName} has ${caseload} young ${caseload === 1 ? 'person' : 'people'} allocated: ` +
          'their team manager must reassign them before the role or team changes',
      );
  }
  if (!roleOrTeamChanged && displayName === user.displayName) return user;
  await store.updateUser(user.id, { displayName, role, teamId: input.teamId });
  await auditAction(
    store,
    actor,
    'user.updated',
    `user=${user.id} role=${role} team=${input.teamId ?? 'none'} name-changed=${displayName !== user.displayName}`,
  );
  if (roleOrTeamChanged)
    await endUserSessions(store, user.id, SESSION_END_REASONS.accountChanged, actor.ip ?? null);
  return { ...user, displayName, role, teamId: input.teamId };
}

export async function renameTeam(store: Store, teamId: string, name: string, actor: Actor): Promise<Team> {
  const team = await store.getTeam(teamId);
  if (!team) throw new AdminError('team: no such team');
  if (name.trim() === team.name) return team;
  const trimmed = await newTeamName(store, name);
  await store.renameTeam(team.id, trimmed);
  await auditAction(store, actor, 'team.renamed', `team=${team.id}`);
  return { ...team, name: trimmed };
}

/** A person's devices, most recently seen first. */
export async function listUserDevices(store: Store, username: string): Promise<Device[]> {
  const user = await requireUser(store, username);
  return (await store.listDevices()).filter((device) => device.userId === user.id);
}

/** Checks the audit log's hash chain (audit-chain.ts), recording that it was checked and the outcome. */
export async function checkAuditChain(store: Store, actor: Actor): Promise<AuditChainReport> {
  const report = await verifyAuditChain((after, limit) => store.auditPage(after, limit));
  await auditAction(
    store,
    actor,
    'audit.verified',
    report.broken ? `broken-at=${report.broken.seq}` : `intact rows=${report.rows}`,
  );
  return report;
}
