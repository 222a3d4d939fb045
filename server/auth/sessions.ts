/**
 * Server-side sessions. Sign-in starts a session (bound to the user and the device) with an absolute
 * lifetime (default 12 hours, WAYMARK_SESSION_HOURS); the short-lived access tokens carry its id
 * (`sid`) and every API call and websocket checks it is still live. A refresh token is
 * `<session id>.<random>`; the store keeps only the SHA-256 of the current one. Every refresh replaces
 * it; presenting an earlier (or any other) token for a live session is treated as theft: the whole
 * session ends and the event is audited. Sign-out ends the session; a password change, reset or
 * disable ends all the user's sessions.
 */
import { createHash, randomBytes } from 'node:crypto';
import { SERVER_REASONS, type LoginResponse, type TokenClaims } from '../../shared/protocol.ts';
import type { AuthSession } from '../store/auth-store.ts';
import { isLive } from '../store/auth-rows.ts';
import { nowIso, type Store, type User } from '../store/types.ts';
import { AuthRefusal } from './auth-refusal.ts';
import type { TokenService } from './tokens.ts';

export const DEFAULT_SESSION_HOURS = 12;

/** Why sessions end (kept on the session row and in the audit detail). */
export const SESSION_END_REASONS = {
  signedOut: 'signed-out',
  passwordChanged: 'password-changed',
  accountDisabled: 'account-disabled',
  deviceRevoked: 'device-revoked',
  refreshReused: 'refresh-token-reused',
  /** An administrator changed their role or team: sign in again to pick it up. */
  accountChanged: 'account-changed',
} as const;

export function hashRefreshToken(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Splits `<session id>.<secret>`; null for anything else. */
export function parseRefreshToken(token: string): { sessionId: string; secret: string } | null {
  const match = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/.exec(token);
  return match?.[1] && match[2] ? { sessionId: match[1], secret: match[2] } : null;
}

function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

const ended = (message = 'this session has ended: sign in again'): AuthRefusal =>
  new AuthRefusal(401, SERVER_REASONS.sessionEnded, message);

/** The refusal for an ended session: revoked devices and disabled accounts keep their own reasons. */
function endedRefusal(session: AuthSession): AuthRefusal {
  if (session.endReason === SESSION_END_REASONS.deviceRevoked)
    return new AuthRefusal(
      403,
      SERVER_REASONS.deviceRevoked,
      'this device has been revoked: wipe local data',
    );
  if (session.endReason === SESSION_END_REASONS.accountDisabled)
    return new AuthRefusal(403, SERVER_REASONS.accountDisabled, 'this account is disabled');
  return ended();
}

export class SessionService {
  private readonly store: Store;
  private readonly tokens: TokenService;
  readonly lifetimeMs: number;

  constructor(store: Store, tokens: TokenService, lifetimeMs: number = DEFAULT_SESSION_HOURS * 3_600_000) {
    this.store = store;
    this.tokens = tokens;
    this.lifetimeMs = lifetimeMs;
  }

  private async answer(user: User, session: AuthSession, secret: string): Promise<LoginResponse> {
    const notAfter = Math.floor(Date.parse(session.expiresAt) / 1000);
    const issued = await this.tokens.issue(user, session.deviceId, session.id, notAfter);
    return {
      token: issued.token,
      expiresAt: issued.expiresAt.toISOString(),
      refreshToken: `${session.id}.${secret}`,
      sessionExpiresAt: session.expiresAt,
      user: { id: user.id, displayName: user.displayName, role: user.role, teamId: user.teamId },
    };
  }

  /** Starts a session for a user who just proved who they are on an admitted device. */
  async start(user: User, deviceId: string): Promise<LoginResponse> {
    const secret = newSecret();
    const session = await this.store.auth.createSession({
      userId: user.id,
      deviceId,
      expiresAt: new Date(Date.now() + this.lifetimeMs).toISOString(),
      refreshHash: hashRefreshToken(secret),
    });
    return this.answer(user, session, secret);
  }

  /**
   * Rotates a refresh token. `checkDevice` runs first (the device proof). A token that is not the
   * session's current one ends the session (reuse detection) and is audited.
   */
  async refresh(
    refreshToken: string,
    checkDevice: (session: AuthSession) => Promise<void>,
    ip: string,
  ): Promise<{ answer: LoginResponse; session: AuthSession }> {
    const parsed = parseRefreshToken(refreshToken);
    if (!parsed) throw ended('refreshToken is not a Waymark refresh token');
    const session = await this.store.auth.getSession(parsed.sessionId);
    if (!session) throw ended();
    const now = nowIso();
    if (session.endedAt) throw endedRefusal(session);
    if (!isLive(session, now))
      throw new AuthRefusal(
        401,
        SERVER_REASONS.sessionExpired,
        'this session reached its time limit: sign in again',
      );
    await checkDevice(session);
    const user = await this.store.getUser(session.userId);
    if (!user || user.disabled) {
      await this.end(session, SESSION_END_REASONS.accountDisabled, ip);
      throw ended();
    }
    const secret = newSecret();
    const outcome = await this.store.auth.rotateRefresh(
      session.id,
      hashRefreshToken(parsed.secret),
      hashRefreshToken(secret),
      now,
    );
    if (outcome === 'mismatch') {
      // An old token came back: someone holds a copy. End the whole session (both holders sign in again).
      await this.store.auth.endSession(session.id, SESSION_END_REASONS.refreshReused);
      await this.store.appendAudit({
        event: 'token.reused',
        userId: session.userId,
        deviceId: session.deviceId,
        ip,
        detail: `session=${session.id} ended`,
      });
      throw ended('this refresh token was already used: the session has ended, sign in again');
    }
    if (outcome !== 'rotated') throw ended();
    await this.store.appendAudit({
      event: 'token.refreshed',
      userId: user.id,
      deviceId: session.deviceId,
      ip,
      detail: `session=${session.id}`,
    });
    return { answer: await this.answer(user, session, secret), session };
  }

  /** The session an access token belongs to, if it is live and matches the token; refuses otherwise. */
  async requireLive(claims: TokenClaims): Promise<AuthSession> {
    const session = await this.store.auth.getSession(claims.sid);
    const refusal = this.refusalFor(session, claims.sub, claims.device);
    if (refusal || !session) throw refusal ?? ended();
    return session;
  }

  /** Why a session does not admit this user and device (null while it is live). */
  async problem(sessionId: string, userId: string, deviceId: string): Promise<AuthRefusal | null> {
    return this.refusalFor(await this.store.auth.getSession(sessionId), userId, deviceId);
  }

  private refusalFor(session: AuthSession | null, userId: string, deviceId: string): AuthRefusal | null {
    if (!session || session.userId !== userId || session.deviceId !== deviceId) return ended();
    if (session.endedAt) return endedRefusal(session);
    if (!isLive(session, nowIso()))
      return new AuthRefusal(
        401,
        SERVER_REASONS.sessionExpired,
        'this session reached its time limit: sign in again',
      );
    return null;
  }

  /** Ends one session and audits it (no row when it had already ended). */
  async end(session: AuthSession, reason: string, ip: string | null): Promise<void> {
    if (!(await this.store.auth.endSession(session.id, reason))) return;
    await this.store.appendAudit({
      event: 'session.ended',
      userId: session.userId,
      deviceId: session.deviceId,
      ip,
      detail: `${reason} session=${session.id}`,
    });
  }

  /** Ends the session a refresh token names, if the token is its current one (sign-out offline of the access token). */
  async endByRefreshToken(refreshToken: string, ip: string): Promise<void> {
    const parsed = parseRefreshToken(refreshToken);
    const session = parsed ? await this.store.auth.getSession(parsed.sessionId) : null;
    if (!parsed || !session) throw ended();
    const rotated = await this.store.auth.rotateRefresh(
      session.id,
      hashRefreshToken(parsed.secret),
      hashRefreshToken(newSecret()),
      nowIso(),
    );
    if (rotated !== 'rotated') throw ended();
    await this.end(session, SESSION_END_REASONS.signedOut, ip);
  }
}

/** Ends every session of a user and audits how many (password set, account disabled, …). */
export async function endUserSessions(
  store: Store,
  userId: string,
  reason: string,
  ip: string | null,
): Promise<number> {
  const count = await store.auth.endSessionsForUser(userId, reason);
  if (count > 0) {
    await store.appendAudit({ event: 'session.ended', userId, ip, detail: `${reason} sessions=${count}` });
  }
  return count;
}
