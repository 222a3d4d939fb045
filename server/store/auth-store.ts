/**
 * The persistence of sign-in state, beside the main Store (`store.auth`): server-side sessions with
 * their rotating refresh token, device public keys, accounts that must have their password reset,
 * and OpenID Connect identities (issuer + subject). Both stores implement it over their own database
 * (sqlite-auth-store.ts, postgres-auth-store.ts) and pass one suite (auth-store-suite.ts).
 *
 * Refresh tokens are never stored: only the SHA-256 of the current one.
 */

export interface AuthSession {
  readonly id: string;
  readonly userId: string;
  readonly deviceId: string;
  readonly createdAt: string;
  /** The absolute end of the session (ISO 8601): no refresh is accepted after it. */
  readonly expiresAt: string;
  readonly endedAt: string | null;
  readonly endReason: string | null;
}

export interface NewSession {
  readonly userId: string;
  readonly deviceId: string;
  readonly expiresAt: string;
  readonly refreshHash: string;
}

/**
 * The outcome of presenting a refresh token: `rotated` (it was the current one, now replaced),
 * `mismatch` (the session is live but the token is not its current one: a reused or forged token),
 * `not-live` (ended or past its absolute lifetime), `missing` (no such session).
 */
export type RotateOutcome = 'rotated' | 'mismatch' | 'not-live' | 'missing';

export interface DeviceKey {
  readonly deviceId: string;
  readonly userId: string;
  /** The public key as JWK JSON (EC P-256). */
  readonly publicKey: string;
  readonly enrolledAt: string;
}

export interface OidcIdentity {
  readonly issuer: string;
  readonly subject: string;
  readonly userId: string;
  readonly linkedAt: string;
}

export interface AuthStore {
  // --- sessions ------------------------------------------------------------------------------------
  createSession(session: NewSession): Promise<AuthSession>;
  getSession(id: string): Promise<AuthSession | null>;
  /** Atomically replaces the refresh hash if `presentedHash` is the current one of a live session. */
  rotateRefresh(id: string, presentedHash: string, nextHash: string, now: string): Promise<RotateOutcome>;
  /** Ends one session (keeps the first end reason); false if it was not live. */
  endSession(id: string, reason: string): Promise<boolean>;
  /** Ends every live session of a user; returns how many. */
  endSessionsForUser(userId: string, reason: string): Promise<number>;
  /** Ends every live session on a device; returns how many. */
  endSessionsForDevice(deviceId: string, reason: string): Promise<number>;

  // --- device keys ---------------------------------------------------------------------------------
  /** Stores the key if the device has none; returns the key in force afterwards (maybe another's). */
  enrolDeviceKey(deviceId: string, userId: string, publicKey: string): Promise<DeviceKey>;
  getDeviceKey(deviceId: string): Promise<DeviceKey | null>;

  // --- accounts that must get a new password -------------------------------------------------------
  requirePasswordReset(userId: string, reason: string): Promise<void>;
  clearPasswordReset(userId: string): Promise<void>;
  passwordResetRequired(userId: string): Promise<boolean>;

  // --- OpenID Connect identities -------------------------------------------------------------------
  /** Links an identity to a user; throws if the identity or the user is already linked. */
  linkOidcIdentity(issuer: string, subject: string, userId: string): Promise<OidcIdentity>;
  getOidcIdentity(issuer: string, subject: string): Promise<OidcIdentity | null>;
  getOidcIdentityForUser(userId: string): Promise<OidcIdentity | null>;
}

/** Thrown by linkOidcIdentity when either side is already linked. */
export class OidcLinkConflict extends Error {}

/**
 * Migration step "auth-v1" (sessions, device keys, password-reset holds, OIDC identities). Plain DDL
 * both SQLite and PostgreSQL accept; each store runs it after its own schema, on every open.
 */
export const AUTH_SCHEMA_V1 = `
CREATE TABLE IF NOT EXISTS auth_sessions (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  device_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  refresh_hash TEXT NOT NULL,
  refreshed_at TEXT,
  ended_at TEXT,
  end_reason TEXT
);
CREATE INDEX IF NOT EXISTS auth_sessions_user ON auth_sessions(user_id);
CREATE INDEX IF NOT EXISTS auth_sessions_device ON auth_sessions(device_id);
CREATE TABLE IF NOT EXISTS device_keys (
  device_id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  public_key TEXT NOT NULL,
  enrolled_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS password_reset_required (
  user_id TEXT PRIMARY KEY REFERENCES users(id),
  reason TEXT NOT NULL,
  since TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS oidc_identities (
  issuer TEXT NOT NULL,
  subject TEXT NOT NULL,
  user_id TEXT NOT NULL UNIQUE REFERENCES users(id),
  linked_at TEXT NOT NULL,
  PRIMARY KEY (issuer, subject)
);
`;
