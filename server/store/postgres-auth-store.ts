/** AuthStore over the PostgresStore's pool; its DDL (AUTH_SCHEMA_V1) runs in the store's migration. */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import {
  OidcLinkConflict,
  type AuthSession,
  type AuthStore,
  type DeviceKey,
  type NewSession,
  type OidcIdentity,
  type RotateOutcome,
} from './auth-store.ts';
import { isLive, toAuthSession, toDeviceKey, toOidcIdentity } from './auth-rows.ts';
import type { Row } from './rows.ts';
import { nowIso } from './types.ts';

/** PostgreSQL's unique_violation. */
const UNIQUE_VIOLATION = '23505';

export class PostgresAuthStore implements AuthStore {
  private readonly pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.pool = pool;
  }

  private async row(sql: string, params: unknown[]): Promise<Row | undefined> {
    return (await this.pool.query<Row>(sql, params)).rows[0];
  }

  private async count(sql: string, params: unknown[]): Promise<number> {
    return (await this.pool.query(sql, params)).rowCount ?? 0;
  }

  async createSession(session: NewSession): Promise<AuthSession> {
    const row = await this.row(
      `INSERT INTO auth_sessions (id, user_id, device_id, created_at, expires_at, refresh_hash)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
      [randomUUID(), session.userId, session.deviceId, nowIso(), session.expiresAt, session.refreshHash],
    );
    if (!row) throw new Error('session vanished after insert');
    return toAuthSession(row);
  }

  async getSession(id: string): Promise<AuthSession | null> {
    const row = await this.row('SELECT * FROM auth_sessions WHERE id = $1', [id]);
    return row ? toAuthSession(row) : null;
  }

  async rotateRefresh(id: string, presented: string, next: string, now: string): Promise<RotateOutcome> {
    const changed = await this.count(
      `UPDATE auth_sessions SET refresh_hash = $1, refreshed_at = $2
       WHERE id = $3 AND refresh_hash = $4 AND ended_at IS NULL AND expires_at > $2`,
      [next, now, id, presented],
    );
    if (changed === 1) return 'rotated';
    const session = await this.getSession(id);
    if (!session) return 'missing';
    return isLive(session, now) ? 'mismatch' : 'not-live';
  }

  async endSession(id: string, reason: string): Promise<boolean> {
    return (
      (await this.count(
        'UPDATE auth_sessions SET ended_at = $1, end_reason = $2 WHERE id = $3 AND ended_at IS NULL',
        [nowIso(), reason, id],
      )) > 0
    );
  }

  async endSessionsForUser(userId: string, reason: string): Promise<number> {
    return this.count(
      'UPDATE auth_sessions SET ended_at = $1, end_reason = $2 WHERE user_id = $3 AND ended_at IS NULL',
      [nowIso(), reason, userId],
    );
  }

  async endSessionsForDevice(deviceId: string, reason: string): Promise<number> {
    return this.count(
      'UPDATE auth_sessions SET ended_at = $1, end_reason = $2 WHERE device_id = $3 AND ended_at IS NULL',
      [nowIso(), reason, deviceId],
    );
  }

  async enrolDeviceKey(deviceId: string, userId: string, publicKey: string): Promise<DeviceKey> {
    await this.pool.query(
      `INSERT INTO device_keys (device_id, user_id, public_key, enrolled_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (device_id) DO NOTHING`,
      [deviceId, userId, publicKey, nowIso()],
    );
    const key = await this.getDeviceKey(deviceId);
    if (!key) throw new Error('device key vanished after insert');
    return key;
  }

  async getDeviceKey(deviceId: string): Promise<DeviceKey | null> {
    const row = await this.row('SELECT * FROM device_keys WHERE device_id = $1', [deviceId]);
    return row ? toDeviceKey(row) : null;
  }

  async requirePasswordReset(userId: string, reason: string): Promise<void> {
    await this.pool.query(
      `INSERT INTO password_reset_required (user_id, reason, since) VALUES ($1, $2, $3)
       ON CONFLICT (user_id) DO NOTHING`,
      [userId, reason, nowIso()],
    );
  }

  async clearPasswordReset(userId: string): Promise<void> {
    await this.pool.query('DELETE FROM password_reset_required WHERE user_id = $1', [userId]);
  }

  async passwordResetRequired(userId: string): Promise<boolean> {
    return (
      (await this.row('SELECT 1 AS x FROM password_reset_required WHERE user_id = $1', [userId])) !==
      undefined
    );
  }

  async linkOidcIdentity(issuer: string, subject: string, userId: string): Promise<OidcIdentity> {
    const linkedAt = nowIso();
    try {
      await this.pool.query(
        'INSERT INTO oidc_identities (issuer, subject, user_id, linked_at) VALUES ($1, $2, $3, $4)',
        [issuer, subject, userId, linkedAt],
      );
    } catch (error) {
      if (error instanceof Error && 'code' in error && error.code === UNIQUE_VIOLATION) {
        throw new OidcLinkConflict(
          (await this.getOidcIdentity(issuer, subject))
            ? 'this identity is already linked to a Waymark account'
            : 'this account is already linked to an identity',
        );
      }
      throw error;
    }
    return { issuer, subject, userId, linkedAt };
  }

  async getOidcIdentity(issuer: string, subject: string): Promise<OidcIdentity | null> {
    const row = await this.row('SELECT * FROM oidc_identities WHERE issuer = $1 AND subject = $2', [
      issuer,
      subject,
    ]);
    return row ? toOidcIdentity(row) : null;
  }

  async getOidcIdentityForUser(userId: string): Promise<OidcIdentity | null> {
    const row = await this.row('SELECT * FROM oidc_identities WHERE user_id = $1', [userId]);
    return row ? toOidcIdentity(row) : null;
  }
}
