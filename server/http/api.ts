/**
 * The small HTTP API beside the websocket (paths and shapes in shared/protocol.ts). JSON in and out,
 * bodies capped, errors as `{ error: <protocol reason>, message }`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import {
  API_PATHS,
  SERVER_REASONS,
  isValidYoungPersonId,
  assignRequestSchema,
  changeCursorParamSchema,
  loginRequestSchema,
  logoutRequestSchema,
  oidcLoginRequestSchema,
  refreshRequestSchema,
  type ApiError,
  type LoginResponse,
  type MyDocumentsResponse,
  type ServerReason,
} from '../../shared/protocol.ts';
import {
  TEAM_API_PATHS,
  teamAssignRequestSchema,
  type TeamAssignResponse,
  type TeamMembersResponse,
} from '../../shared/team-api.ts';
import { TEAM_SETTINGS_PATH, type TeamSettingsResponse } from '../../shared/team-settings-api.ts';
import type { DeviceProof } from '../../shared/device-proof.ts';
import { SCHEMA_VERSION } from '../../shared/domain/schema-version.ts';
import { changeTeamSettings, readTeamSettings } from '../team-settings.ts';
import { AdminError, assignYoungPerson } from '../admin-ops.ts';
import { AuthRefusal } from '../auth/auth-refusal.ts';
import type { DeviceChallenges } from '../auth/device-challenges.ts';
import type { DeviceGate } from '../auth/device-keys.ts';
import type { HashGate } from '../auth/hash-gate.ts';
import type { LoginBudgetCounter } from '../auth/login-budget.ts';
import { SharedLimitsUnavailable } from '../cluster/redis-scripts.ts';
import { SESSION_END_REASONS, type SessionService } from '../auth/sessions.ts';
import { dummyPasswordHash, verifyPassword } from '../auth/passwords.ts';
import { TokenError, type OidcIdentityClaim, type OidcVerifier, type TokenService } from '../auth/tokens.ts';
import { errorMessage, type ServerLogger } from '../observability/logger.ts';
import type { ServerMetrics, SignInOutcome } from '../observability/metrics.ts';
import { noteRequestUser, requestIdOf } from '../observability/request-context.ts';
import type { Store, User } from '../store/types.ts';
import { DEFAULT_HANDOVER_POLICY, accessibleDocNames, type HandoverPolicy } from '../sync/access.ts';
import { handedOverFrom, lateChangesForTeam } from './handover-api.ts';
import type { ClientAddressResolver } from './client-address.ts';
import type { OriginPolicy } from './origins.ts';
import { isValidHost, parseRequestTarget } from './request-target.ts';
import { createExchangeRoutes } from './exchange-api.ts';
import { BULK_STATES_PATH, bulkStatesRequestSchema } from '../../shared/bulk-states.ts';
import { streamRecordStates } from './bulk-states-api.ts';
import { createAdminRoutes } from './admin-api.ts';
import { searchAudit } from '../admin-audit.ts';
import type { AuditSearchResponse } from '../../shared/admin-api.ts';

const MAX_BODY_BYTES = 64 * 1024;

export interface ApiDeps {
  readonly store: Store;
  readonly tokens: TokenService;
  /**
   * Failed-login budgets, reserved before a password is checked (login-budget.ts; shared by every
   * instance through Redis when clustered, server/cluster/shared-login-budget.ts).
   */
  readonly loginBudget: LoginBudgetCounter;
  /** The bound on concurrent password hashes (hash-gate.ts). */
  readonly hashGate: HashGate;
  /** The client's address (X-Forwarded-For only from trusted proxies). */
  readonly addresses: ClientAddressResolver;
  /** Web origins allowed to call the API (CORS). */
  readonly origins: OriginPolicy;
  readonly oidc: OidcVerifier | null;
  readonly sessions: SessionService;
  readonly devices: DeviceGate;
  readonly challenges: DeviceChallenges;
  /** Re-checks open sync connections at once (after a reassignment or revocation). */
  readonly recheckAccess: () => Promise<void>;
  /** Data exchange: applies a server-side update to a document the sync server has open. */
  readonly publishUpdate?: (docName: string, update: Uint8Array) => void;
  /** The handover grace period for a former PA's late changes (server/sync/former-holder.ts). */
  readonly handover?: HandoverPolicy;
  readonly logger: ServerLogger;
  readonly metrics: ServerMetrics;
}

/** How a sign-in request ended, for the metrics: from its answer or the error it was refused with. */
function signInOutcome(error: unknown): SignInOutcome {
  if (error === null) return 'ok';
  if (error instanceof HttpError) {
    if (error.status === 429) return 'rate-limited';
    if (error.status === 401) return 'failed';
    if (error.reason === SERVER_REASONS.appUpdateRequired) return 'app-update-required';
    if (error.status < 500) return 'bad-request';
  }
  if (error instanceof AuthRefusal) return 'refused';
  return 'error';
}

class HttpError extends Error {
  readonly status: number;
  readonly reason: ServerReason;
  readonly retryAfterSeconds: number | undefined;
  constructor(status: number, reason: ServerReason, message: string, retryAfterSeconds?: number) {
    super(message);
    this.status = status;
    this.reason = reason;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

function send(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  response.end(text);
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const type = request.headers['content-type'] ?? '';
  if (!type.startsWith('application/json')) {
    throw new HttpError(415, SERVER_REASONS.badRequest, 'content-type must be application/json');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, SERVER_REASONS.badRequest, 'request body too large');
    chunks.push(buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, SERVER_REASONS.badRequest, 'request body is not valid JSON');
  }
}

function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const result = schema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue?.path.join('.') || 'body';
    throw new HttpError(400, SERVER_REASONS.badRequest, `${field}: ${issue?.message ?? 'invalid'}`);
  }
  return result.data;
}

function parseQuery<T extends z.ZodType>(schema: T, name: string, value: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new HttpError(
      400,
      SERVER_REASONS.badRequest,
      `${name}: ${result.error.issues[0]?.message ?? 'invalid'}`,
    );
  }
  return result.data;
}

/** What an app older than the server's record encoding is told (its user reads it: plain English). */
export const APP_UPDATE_REQUIRED_MESSAGE =
  'This copy of Waymark is out of date and cannot sync until IT updates it. Everything recorded on this laptop is kept.';

/**
 * Refuses an app that cannot read the records others now write: one that names an older record encoding
 * than this server's, or none (apps from before the field). Checked at sign-in once the person is known
 * and at every refresh before anything is rotated, so an out-of-date laptop stops syncing within one
 * access-token lifetime (ACCESS_TOKEN_TTL_SECONDS) and nothing is half-done (docs/design.md §8).
 */
function requireCurrentApp(recordEncoding: number | undefined): void {
  if (recordEncoding === undefined || recordEncoding < SCHEMA_VERSION)
    throw new HttpError(426, SERVER_REASONS.appUpdateRequired, APP_UPDATE_REQUIRED_MESSAGE);
}

/** An attempted username as the audit log keeps it: trimmed, printable, at most 64 characters. */
function auditedUsername(username: string): string {
  return JSON.stringify(
    username
      .trim()
      .toLowerCase()
      .replace(/[^\x20-\x7e]/g, '?')
      .slice(0, 64),
  );
}

export function createApiHandler(
  deps: ApiDeps,
): (request: IncomingMessage, response: ServerResponse) => void {
  const { store, tokens, loginBudget, hashGate, sessions } = deps;
  const handover = deps.handover ?? DEFAULT_HANDOVER_POLICY;
  const clientIp = (request: IncomingMessage): string => deps.addresses.addressOf(request);

  /** Audits a refused sign-in (never the password; an unknown name only as `auditedUsername` keeps it). */
  function loginFailed(deviceId: string, ip: string, detail: string, userId?: string | null): Promise<void> {
    return store.appendAudit({
      event: 'login.failed',
      ...(userId === undefined ? {} : { userId }),
      deviceId,
      ip,
      detail,
    });
  }

  /**
   * Refuses revoked devices, devices enrolled by another user and missing or wrong device proofs
   * (audited); enrols or touches the device otherwise (device-keys.ts).
   */
  async function admitDevice(
    user: User,
    deviceId: string,
    proof: DeviceProof | undefined,
    ip: string,
  ): Promise<void> {
    try {
      const admission = await deps.devices.admitSignIn(user, deviceId, proof);
      if (admission.enrolled)
        await store.appendAudit({
          event: 'device.enrolled',
          userId: user.id,
          deviceId,
          ip,
          detail: 'ecdsa-p256',
        });
    } catch (error) {
      if (error instanceof AuthRefusal) await loginFailed(deviceId, ip, error.reason, user.id);
      throw error;
    }
  }

  async function login(request: IncomingMessage): Promise<LoginResponse> {
    const body = parseBody(loginRequestSchema, await readJson(request));
    const ip = clientIp(request);
    const user = await store.getUserByUsername(body.username);
    // A device this account signed in on before gets its own budget and the priority lane, so guesses
    // from elsewhere cannot keep the real user out.
    const device = user ? await store.getDevice(body.deviceId) : null;
    const knownDevice = user && device && device.userId === user.id && !device.revokedAt ? device.id : null;
    const admission = await Promise.resolve(loginBudget.admit(body.username, ip, knownDevice)).catch(
      (error: unknown) => {
        // Several instances and Redis unreachable: no budget can be counted, so nobody is let through
        // (fail closed; nothing hashed). The instance serves no sockets meanwhile either.
        if (!(error instanceof SharedLimitsUnavailable)) throw error;
        deps.logger.warn({ err: error.message }, 'sign-in refused: shared budgets unavailable');
        throw new HttpError(
          503,
          SERVER_REASONS.serverShutdown,
          'signing in is unavailable for a moment; try again',
          5,
        );
      },
    );
    if (!admission.admitted) {
      if (admission.firstRefusal) {
        await store.appendAudit({
          event: 'login.rate-limited',
          userId: user?.id ?? null,
          deviceId: body.deviceId,
          ip,
          detail: 'too many failures',
        });
      }
      throw new HttpError(
        429,
        SERVER_REASONS.rateLimited,
        'too many failed logins; try again later',
        admission.retryAfterSeconds,
      );
    }
    const { attempt } = admission;
    const hash = user?.passwordHash ?? (await dummyPasswordHash());
    const verifying = hashGate.run(knownDevice ? 'priority' : 'normal', () =>
      verifyPassword(body.password, hash),
    );
    if (!verifying) {
      attempt.cancel();
      throw new HttpError(
        429,
        SERVER_REASONS.rateLimited,
        'the server is busy signing people in; try again',
        2,
      );
    }
    const passwordOk = await verifying.catch((error: unknown) => {
      attempt.cancel();
      throw error;
    });
    if (!user || !user.passwordHash || !passwordOk || user.disabled) {
      attempt.fail();
      await loginFailed(
        body.deviceId,
        ip,
        !user
          ? `unknown-user name=${auditedUsername(body.username)}`
          : user.disabled && passwordOk
            ? 'account-disabled'
            : 'bad-password',
        user?.id ?? null,
      );
      // A disabled account gets the same answer as a wrong password: a 403 would confirm the password.
      throw new HttpError(401, SERVER_REASONS.invalidCredentials, 'wrong username or password');
    }
    try {
      const answer = await signInUser(user, body, ip, 'password');
      attempt.succeed();
      return answer;
    } catch (error) {
      attempt.fail();
      throw error;
    }
  }

  /** The checks and audit every successful sign-in shares, whatever proved who the user is. */
  async function signInUser(
    user: User,
    request: { deviceId: string; proof?: DeviceProof | undefined; recordEncoding?: number | undefined },
    ip: string,
    method: 'password' | 'oidc',
  ): Promise<LoginResponse> {
    const { deviceId, proof } = request;
    if (user.disabled) {
      await loginFailed(deviceId, ip, 'account-disabled', user.id);
      // Same answer as a wrong password: a distinct one would confirm the credentials were right.
      throw new HttpError(401, SERVER_REASONS.invalidCredentials, 'wrong username or password');
    }
    const revokedDevice = (await store.getDevice(deviceId))?.revokedAt; // answered below: wipe
    if (!revokedDevice && (await store.auth.passwordResetRequired(user.id))) {
      // A device of this user was revoked: whoever had it may know the password. Same answer as a wrong
      // password, so the holder of the old password learns nothing; the administrator sees the reason.
      await loginFailed(deviceId, ip, 'password-reset-required', user.id);
      throw new HttpError(401, SERVER_REASONS.invalidCredentials, 'wrong username or password');
    }
    // Before the device is enrolled or a session started, so an out-of-date app leaves nothing behind;
    // a revoked laptop is told to wipe (admitDevice) whatever its version.
    if (!revokedDevice) {
      try {
        requireCurrentApp(request.recordEncoding);
      } catch (error) {
        await loginFailed(
          deviceId,
          ip,
          `app-update-required encoding=${request.recordEncoding ?? 'none'}`,
          user.id,
        );
        throw error;
      }
    }
    await admitDevice(user, deviceId, proof, ip);
    const answer = await sessions.start(user, deviceId);
    await store.appendAudit({ event: 'login.ok', userId: user.id, deviceId, ip, detail: method });
    return answer;
  }

  async function loginOidc(request: IncomingMessage): Promise<LoginResponse> {
    if (!deps.oidc) throw new HttpError(404, SERVER_REASONS.notFound, 'OIDC sign-in is not configured');
    const body = parseBody(oidcLoginRequestSchema, await readJson(request));
    const ip = clientIp(request);
    let identity: OidcIdentityClaim;
    try {
      identity = await deps.oidc.verify(body.idToken);
    } catch (error) {
      const reason = error instanceof TokenError ? error.reason : SERVER_REASONS.invalidToken;
      await loginFailed(body.deviceId, ip, `oidc ${reason}`);
      throw new HttpError(401, reason, 'the identity provider token was not accepted');
    }
    // By issuer + immutable subject only (never a name or email the directory can change).
    const linked = await store.auth.getOidcIdentity(identity.issuer, identity.subject);
    const user = linked ? await store.getUser(linked.userId) : null;
    if (!user) {
      await loginFailed(body.deviceId, ip, 'oidc unknown-user');
      throw new HttpError(401, SERVER_REASONS.invalidCredentials, 'no Waymark account for this identity');
    }
    return signInUser(user, body, ip, 'oidc');
  }

  /**
   * The caller's current user, device and session from the Bearer token; refuses ended or expired
   * sessions and revoked devices.
   */
  async function authenticate(
    request: IncomingMessage,
  ): Promise<{ user: User; deviceId: string; sessionId: string }> {
    const header = request.headers.authorization ?? '';
    const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header);
    if (!match?.[1])
      throw new HttpError(401, SERVER_REASONS.invalidToken, 'Authorization: Bearer <token> required');
    let claims;
    try {
      claims = await tokens.verify(match[1]);
    } catch (error) {
      const reason = error instanceof TokenError ? error.reason : SERVER_REASONS.invalidToken;
      throw new HttpError(
        401,
        reason,
        reason === SERVER_REASONS.tokenExpired ? 'token expired' : 'token invalid',
      );
    }
    const session = await sessions.requireLive(claims);
    noteRequestUser(request, claims.sub);
    const user = await store.getUser(claims.sub);
    if (!user) throw new HttpError(401, SERVER_REASONS.invalidToken, 'token invalid');
    const device = await store.getDevice(claims.device);
    if (!device || device.revokedAt) {
      throw new HttpError(403, SERVER_REASONS.deviceRevoked, 'this device has been revoked: wipe local data');
    }
    if (user.disabled) throw new HttpError(403, SERVER_REASONS.accountDisabled, 'this account is disabled');
    return { user, deviceId: claims.device, sessionId: session.id };
  }

  /** Rotates a refresh token after the device signs a fresh challenge (sessions.ts, device-keys.ts). */
  async function refresh(request: IncomingMessage): Promise<LoginResponse> {
    const body = parseBody(refreshRequestSchema, await readJson(request));
    // Before the refresh token is used: the app, once updated, refreshes with the same one.
    requireCurrentApp(body.recordEncoding);
    const ip = clientIp(request);
    const { answer } = await sessions.refresh(
      body.refreshToken,
      (session) => deps.devices.checkRefresh(session.userId, session.deviceId, body.proof),
      ip,
    );
    return answer;
  }

  /** Ends the caller's session: by the Bearer access token, or by `{ refreshToken }` without one. */
  async function logout(request: IncomingMessage): Promise<{ signedOut: true }> {
    const ip = clientIp(request);
    if (request.headers.authorization) {
      const caller = await authenticate(request);
      const session = await store.auth.getSession(caller.sessionId);
      if (session) await sessions.end(session, SESSION_END_REASONS.signedOut, ip);
    } else {
      const body = parseBody(logoutRequestSchema, await readJson(request));
      await sessions.endByRefreshToken(body.refreshToken, ip);
    }
    await deps.recheckAccess();
    return { signedOut: true };
  }

  async function requireAdmin(request: IncomingMessage): Promise<{ user: User; deviceId: string }> {
    const caller = await authenticate(request);
    if (caller.user.role !== 'admin')
      throw new HttpError(403, SERVER_REASONS.forbidden, 'administrators only');
    return caller;
  }

  async function requireTeamManager(
    request: IncomingMessage,
  ): Promise<{ user: User & { teamId: string }; deviceId: string }> {
    const caller = await authenticate(request);
    const { user } = caller;
    if (user.role !== 'team_manager' || user.teamId === null)
      throw new HttpError(403, SERVER_REASONS.forbidden, 'team managers only');
    return { user: { ...user, teamId: user.teamId }, deviceId: caller.deviceId };
  }

  /** A team's manager or PA (an administrator belongs to no team). */
  async function requireTeamMember(
    request: IncomingMessage,
  ): Promise<{ user: User & { teamId: string }; deviceId: string }> {
    const caller = await authenticate(request);
    const { user } = caller;
    if ((user.role !== 'team_manager' && user.role !== 'pa') || user.teamId === null)
      throw new HttpError(403, SERVER_REASONS.forbidden, 'members of a team only');
    return { user: { ...user, teamId: user.teamId }, deviceId: caller.deviceId };
  }

  /**
   * The active PAs and managers of the caller's own team: names and roles for everyone of the team, and
   * the sign-in names the manager reassigns by for the manager only.
   */
  async function teamMembers(request: IncomingMessage): Promise<TeamMembersResponse> {
    const { user } = await requireTeamMember(request);
    const manager = user.role === 'team_manager';
    const members = (await store.listUsers())
      .filter((u) => u.teamId === user.teamId && !u.disabled && u.role !== 'admin')
      .map((u) => ({
        id: u.id,
        ...(manager ? { username: u.username } : {}),
        displayName: u.displayName,
        role: u.role,
      }))
      .sort((a, b) => a.displayName.localeCompare(b.displayName));
    const administrators = (await store.listUsers())
      .filter((u) => u.role === 'admin' && !u.disabled)
      .map((u) => ({ id: u.id, displayName: u.displayName }));
    const team = await store.getTeam(user.teamId);
    return { teamId: user.teamId, teamName: team?.name ?? user.teamId, members, administrators };
  }

  /**
   * The team whose settings a call reads or changes: the caller's own team (its PAs read, its manager
   * changes), or for the administrator the team named by `?teamId=`.
   */
  async function settingsTeam(
    request: IncomingMessage,
    teamIdParam: string | null,
    change: boolean,
  ): Promise<{ teamId: string; user: User; deviceId: string }> {
    const caller = await authenticate(request);
    const { user } = caller;
    if (user.role === 'admin') {
      if (!teamIdParam) throw new HttpError(400, SERVER_REASONS.badRequest, 'teamId: name the team');
      if (!(await store.getTeam(teamIdParam)))
        throw new HttpError(404, SERVER_REASONS.notFound, 'teamId: no such team');
      return { teamId: teamIdParam, user, deviceId: caller.deviceId };
    }
    if (user.teamId === null || (teamIdParam !== null && teamIdParam !== user.teamId))
      throw new HttpError(403, SERVER_REASONS.forbidden, 'only your own team’s settings');
    if (change && user.role !== 'team_manager')
      throw new HttpError(403, SERVER_REASONS.forbidden, 'team managers and administrators only');
    return { teamId: user.teamId, user, deviceId: caller.deviceId };
  }

  async function teamSettings(
    request: IncomingMessage,
    teamIdParam: string | null,
    change: boolean,
  ): Promise<TeamSettingsResponse> {
    const { teamId, user, deviceId } = await settingsTeam(request, teamIdParam, change);
    if (!change) return readTeamSettings(store, teamId);
    const body = await readJson(request);
    return changeTeamSettings(store, teamId, body, { userId: user.id, deviceId, ip: clientIp(request) });
  }

  /**
   * A team manager moves a young person between PAs of their own team: the young person must be assigned
   * within the manager's team now, and the new PA must be an active PA of that team. Audited like the
   * administrator's reassignment, with the manager as the actor.
   */
  async function teamReassign(request: IncomingMessage): Promise<TeamAssignResponse> {
    const manager = await requireTeamManager(request);
    const body = parseBody(teamAssignRequestSchema, await readJson(request));
    const current = await store.getAssignment(body.youngPersonId);
    if (!current || current.teamId !== manager.user.teamId)
      throw new HttpError(403, SERVER_REASONS.forbidden, 'youngPersonId: not assigned within your team');
    const pa = await store.getUserByUsername(body.paUsername.trim().toLowerCase());
    if (!pa || pa.role !== 'pa' || pa.disabled || pa.teamId !== manager.user.teamId)
      throw new HttpError(400, SERVER_REASONS.badRequest, 'paUsername: not an active PA of your team');
    const actor = { userId: manager.user.id, deviceId: manager.deviceId, ip: clientIp(request) };
    const result = await assignYoungPerson(store, body.youngPersonId, pa.username, actor);
    await deps.recheckAccess();
    return result;
  }

  /**
   * Who has opened or changed one record (shared/team-api.ts recordAudit): the team manager of the team
   * that holds the record now, and nobody else: a PA is refused (who looked at a record is management
   * oversight, and the PA's own visits are in the record's history), as is a manager of another team and
   * the administrator (who searches the whole log by record reference, seeing no case data).
   */
  async function teamRecordAudit(
    request: IncomingMessage,
    query: URLSearchParams,
  ): Promise<AuditSearchResponse> {
    const manager = await requireTeamManager(request);
    const youngPersonId = query.get('record') ?? '';
    if (!isValidYoungPersonId(youngPersonId))
      throw new HttpError(400, SERVER_REASONS.badRequest, 'record: name one record of your team');
    const beforeText = query.get('before');
    const before = beforeText === null ? undefined : Number(beforeText);
    if (before !== undefined && (!Number.isSafeInteger(before) || before < 1))
      throw new HttpError(400, SERVER_REASONS.badRequest, 'before: must be a positive whole number');
    const assignment = await store.getAssignment(youngPersonId);
    if (!assignment || assignment.teamId !== manager.user.teamId)
      throw new HttpError(403, SERVER_REASONS.forbidden, 'record: not a record of your team');
    const actor = { userId: manager.user.id, deviceId: manager.deviceId, ip: clientIp(request) };
    return searchAudit(store, { record: youngPersonId, ...(before ? { before } : {}) }, actor);
  }

  /**
   * The caller's documents, and which of them changed after `since` (all of them without it). A `since`
   * ahead of the store's cursor (a client of a server restored from backup) gets every document too.
   */
  async function myDocuments(
    request: IncomingMessage,
    sinceParam: string | null,
  ): Promise<MyDocumentsResponse> {
    const { user } = await authenticate(request);
    // An administrator manages accounts and devices and has no access to case records (sync/access.ts).
    if (user.role === 'admin')
      throw new HttpError(403, SERVER_REASONS.forbidden, 'administrators have no access to case records');
    const since = sinceParam === null ? null : parseQuery(changeCursorParamSchema, 'since', sinceParam);
    const documents = await accessibleDocNames(store, user);
    const handedOver = await handedOverFrom(store, user, handover);
    if (since === null)
      return { documents, changed: documents, cursor: await store.changeCursor(), handedOver };
    const feed = await store.changedSince(since, documents);
    return {
      documents,
      changed: since > feed.cursor ? documents : feed.changed,
      cursor: feed.cursor,
      handedOver,
    };
  }

  // --- administration (server/http/admin-api.ts) ---
  const adminRoutes = createAdminRoutes({
    store,
    requireAdmin,
    readBody: async (request, schema) => parseBody(schema, await readJson(request)),
    clientIp,
    recheckAccess: deps.recheckAccess,
    publishUpdate: deps.publishUpdate,
  });
  /** A sign-in, counted by outcome; the signed-in user noted for the request's log line. */
  async function countedSignIn(
    method: 'password' | 'oidc',
    request: IncomingMessage,
    signIn: (request: IncomingMessage) => Promise<LoginResponse>,
  ): Promise<LoginResponse> {
    try {
      const answer = await signIn(request);
      deps.metrics.signIn(method, 'ok');
      noteRequestUser(request, answer.user.id);
      return answer;
    } catch (error) {
      deps.metrics.signIn(method, signInOutcome(error));
      throw error;
    }
  }

  // --- data exchange (server/http/exchange-api.ts) ---
  const exchangeRoutes = createExchangeRoutes({
    store,
    recheckAccess: deps.recheckAccess,
    publish: deps.publishUpdate,
    requireTeamManager,
    clientIp,
  });

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!isValidHost(request.headers.host))
      throw new HttpError(400, SERVER_REASONS.badRequest, 'the Host header is not a valid host name');
    const url = parseRequestTarget(request.url);
    if (!url)
      throw new HttpError(
        400,
        SERVER_REASONS.badRequest,
        'request target must be a path such as /api/health',
      );
    const method = request.method ?? 'GET';
    const path = url.pathname;
    if (method === 'OPTIONS') {
      response.writeHead(204, {
        'access-control-allow-methods': 'GET, POST, OPTIONS',
        'access-control-allow-headers': 'authorization, content-type',
        'access-control-max-age': '600',
      });
      response.end();
      return;
    }
    if (method === 'GET' && path === API_PATHS.health) return send(response, 200, { ok: true });
    if (method === 'POST' && path === API_PATHS.login)
      return send(response, 200, await countedSignIn('password', request, login));
    if (method === 'POST' && path === API_PATHS.loginOidc)
      return send(response, 200, await countedSignIn('oidc', request, loginOidc));
    if (method === 'POST' && path === API_PATHS.challenge)
      return send(response, 200, deps.challenges.issue());
    if (method === 'POST' && path === API_PATHS.refresh) return send(response, 200, await refresh(request));
    if (method === 'POST' && path === API_PATHS.logout) return send(response, 200, await logout(request));
    if (method === 'GET' && path === API_PATHS.myDocuments)
      return send(response, 200, await myDocuments(request, url.searchParams.get('since')));
    if (method === 'POST' && path === API_PATHS.adminAssignments) {
      const admin = await requireAdmin(request);
      const body = parseBody(assignRequestSchema, await readJson(request));
      const actor = { userId: admin.user.id, deviceId: admin.deviceId, ip: clientIp(request) };
      const { assignment } = await assignYoungPerson(store, body.youngPersonId, body.paUsername, actor);
      await deps.recheckAccess();
      return send(response, 200, { assignment });
    }
    if (method === 'GET' && path === TEAM_API_PATHS.members)
      return send(response, 200, await teamMembers(request));
    if (method === 'POST' && path === TEAM_API_PATHS.assignments)
      return send(response, 200, await teamReassign(request));
    if (method === 'GET' && path === TEAM_API_PATHS.recordAudit)
      return send(response, 200, await teamRecordAudit(request, url.searchParams));
    if (method === 'GET' && path === TEAM_API_PATHS.lateChanges) {
      const { user } = await requireTeamManager(request);
      // Late changes are listed for twice the grace period (at least 30 days), so each is seen well after it arrived.
      return send(
        response,
        200,
        await lateChangesForTeam(
          store,
          user.teamId,
          handover.now(),
          Math.max(2 * handover.graceMs, 30 * 86_400_000),
        ),
      );
    }
    if ((method === 'GET' || method === 'POST') && path === TEAM_SETTINGS_PATH)
      return send(
        response,
        200,
        await teamSettings(request, url.searchParams.get('teamId'), method === 'POST'),
      );
    if (method === 'POST' && path === BULK_STATES_PATH) {
      const { user, deviceId } = await authenticate(request);
      const body = parseBody(bulkStatesRequestSchema, await readJson(request));
      if (user.role === 'admin')
        throw new HttpError(403, SERVER_REASONS.forbidden, 'administrators read no records');
      await streamRecordStates(store, { user, deviceId, ip: clientIp(request) }, body, response);
      return;
    }
    const adminAnswer = await adminRoutes(request, method, path, url.searchParams);
    if (adminAnswer) return send(response, 200, adminAnswer.body);
    if (await exchangeRoutes(request, response, method, path)) return;
    throw new HttpError(404, SERVER_REASONS.notFound, `no route for ${method} ${path}`);
  }

  return (request, response) => {
    // CORS: only the app's origins; a request from any other web page is refused before anything runs.
    const origin = deps.origins.check(request.headers.origin);
    if (!origin.allowed) {
      request.resume();
      send(response, 403, {
        error: SERVER_REASONS.forbidden,
        message: 'this web origin may not use the Waymark API',
      } satisfies ApiError);
      return;
    }
    response.setHeader('vary', 'Origin');
    if (origin.echo !== null) response.setHeader('access-control-allow-origin', origin.echo);
    route(request, response).catch((error: unknown) => {
      if (response.headersSent) {
        response.destroy();
        return;
      }
      if (
        (error instanceof HttpError || error instanceof AuthRefusal) &&
        (error.status === 401 || error.status === 403)
      )
        deps.metrics.refused('http', error.reason);
      if (error instanceof HttpError) {
        const body: ApiError = {
          error: error.reason,
          message: error.message,
          ...(error.retryAfterSeconds ? { retryAfterSeconds: error.retryAfterSeconds } : {}),
        };
        send(
          response,
          error.status,
          body,
          error.retryAfterSeconds ? { 'retry-after': String(error.retryAfterSeconds) } : {},
        );
        return;
      }
      if (error instanceof AuthRefusal) {
        send(response, error.status, { error: error.reason, message: error.message } satisfies ApiError);
        return;
      }
      if (error instanceof AdminError) {
        send(response, 400, { error: SERVER_REASONS.badRequest, message: error.message } satisfies ApiError);
        return;
      }
      deps.logger.error({ reqId: requestIdOf(request), err: errorMessage(error) }, 'HTTP API error');
      send(response, 500, {
        error: SERVER_REASONS.internalError,
        message: 'internal error',
      } satisfies ApiError);
    });
  };
}
