/** AuthStore over the SqliteStore's database connection (node:sqlite is synchronous: no interleaving). */
import { randomUUID } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import {
  AUTH_SCHEMA_V1,
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

type Param = string | number | null;

export class SqliteAuthStore implements AuthStore {
  private readonly db: DatabaseSync;

  /** Runs the auth-v1 migration step on the (already migrated) main database. */
  constructor(db: DatabaseSync) {
    this.db = db;
    this.db.exec(AUTH_SCHEMA_V1);
  }

  private get(sql: string, ...params: Param[]): Row | undefined {
    return this.db.prepare(sql).get(...params);
  }

  private run(sql: string, ...params: Param[]): number {
    return Number(this.db.prepare(sql).run(...params).changes);
  }

  async createSession(session: NewSession): Promise<AuthSession> {
    const id = randomUUID();
    this.run(
      `INSERT INTO auth_sessions (id, user_id, device_id, created_at, expires_at, refresh_hash)
       VALUES (?, ?, ?, ?, ?, ?)`,
      id,
      session.userId,
      session.deviceId,
      nowIso(),
      session.expiresAt,
      session.refreshHash,
    );
    const created = await this.getSession(id);
    if (!created) throw new Error('session vanished after insert');
    return created;
  }

  async getSession(id: string): Promise<AuthSession | null> {
    const row = this.get('SELECT * FROM auth_sessions WHERE id = ?', id);
    return row ? toAuthSession(row) : null;
  }

  async rotateRefresh(id: string, presented: string, next: string, now: string): Promise<RotateOutcome> {
    const changed = this.run(
      `UPDATE auth_sessions SET refresh_hash = ?, refreshed_at = ?
       WHERE id = ? AND refresh_hash = ? AND ended_at IS NULL AND expires_at > ?`,
      next,
      now,
      id,
      presented,
      now,
    );
    if (changed === 1) return 'rotated';
    const session = await this.getSession(id);
    if (!session) return 'missing';
    return isLive(session, now) ? 'mismatch' : 'not-live';
  }

  async endSession(id: string, reason: string): Promise<boolean> {
    return (
      this.run(
        'UPDATE auth_sessions SET ended_at = ?, end_reason = ? WHERE id = ? AND ended_at IS NULL',
        nowIso(),
        reason,
        id,
      ) > 0
    );
  }

  async endSessionsForUser(userId: string, reason: string): Promise<number> {
    return this.run(
      'UPDATE auth_sessions SET ended_at = ?, end_reason = ? WHERE user_id = ? AND ended_at IS NULL',
      nowIso(),
      reason,
      userId,
    );
  }

  async endSessionsForDevice(deviceId: string, reason: string): Promise<number> {
    return this.run(
      'UPDATE auth_sessions SET ended_at = ?, end_reason = ? WHERE device_id = ? AND ended_at IS NULL',
      nowIso(),
      reason,
      deviceId,
    );
  }

  async enrolDeviceKey(deviceId: string, userId: string, publicKey: string): Promise<DeviceKey> {
    this.run(
      `INSERT INTO device_keys (device_id, user_id, public_key, enrolled_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (device_id) DO NOTHING`,
      deviceId,
      userId,
      publicKey,
      nowIso(),
    );
    const key = await this.getDeviceKey(deviceId);
    if (!key) throw new Error('device key vanished after insert');
    return key;
  }

  async getDeviceKey(deviceId: string): Promise<DeviceKey | null> {
    const row = this.get('SELECT * FROM device_keys WHERE device_id = ?', deviceId);
    return row ? toDeviceKey(row) : null;
  }

  async requirePasswordReset(userId: string, reason: string): Promise<void> {
    this.run(
      `INSERT INTO password_reset_required (user_id, reason, since) VALUES (?, ?, ?)
       ON CONFLICT (user_id) DO NOTHING`,
      userId,
      reason,
      nowIso(),
    );
  }

  async clearPasswordReset(userId: string): Promise<void> {
    this.run('DELETE FROM password_reset_required WHERE user_id = ?', userId);
  }

  async passwordResetRequired(userId: string): Promise<boolean> {
    return this.get('SELECT 1 AS x FROM password_reset_required WHERE user_id = ?', userId) !== undefined;
  }

  async linkOidcIdentity(issuer: string, subject: string, userId: string): Promise<OidcIdentity> {
    if (await this.getOidcIdentity(issuer, subject))
      throw new OidcLinkConflict('this identity is already linked to a Waymark account');
    if (await this.getOidcIdentityForUser(userId))
      throw new OidcLinkConflict('this account is already linked to an identity');
    const linkedAt = nowIso();
    this.run(
      'INSERT INTO oidc_identities (issuer, subject, user_id, linked_at) VALUES (?, ?, ?, ?)',
      issuer,
      subject,
      userId,
      linkedAt,
    );
    return { issuer, subject, userId, linkedAt };
  }

  async getOidcIdentity(issuer: string, subject: string): Promise<OidcIdentity | null> {
    const row = this.get('SELECT * FROM oidc_identities WHERE issuer = ? AND subject = ?', issuer, subject);
    return row ? toOidcIdentity(row) : null;
  }

  async getOidcIdentityForUser(userId: string): Promise<OidcIdentity | null> {
    const row = this.get('SELECT * FROM oidc_identities WHERE user_id = ?', userId);
    return row ? toOidcIdentity(row) : null;
  }
}
