/** Typed readers for the rows of the auth tables (see auth-store.ts). */
import type { AuthSession, DeviceKey, OidcIdentity } from './auth-store.ts';
import { str, strOrNull, type Row } from './rows.ts';

export function toAuthSession(row: Row): AuthSession {
  return {
    id: str(row, 'id'),
    userId: str(row, 'user_id'),
    deviceId: str(row, 'device_id'),
    createdAt: str(row, 'created_at'),
    expiresAt: str(row, 'expires_at'),
    endedAt: strOrNull(row, 'ended_at'),
    endReason: strOrNull(row, 'end_reason'),
  };
}

export function toDeviceKey(row: Row): DeviceKey {
  return {
    deviceId: str(row, 'device_id'),
    userId: str(row, 'user_id'),
    publicKey: str(row, 'public_key'),
    enrolledAt: str(row, 'enrolled_at'),
  };
}

export function toOidcIdentity(row: Row): OidcIdentity {
  return {
    issuer: str(row, 'issuer'),
    subject: str(row, 'subject'),
    userId: str(row, 'user_id'),
    linkedAt: str(row, 'linked_at'),
  };
}

/** Whether a session is still in force at `now` (ISO 8601; the stores write one format, so text order is time order). */
export function isLive(session: AuthSession, now: string): boolean {
  return session.endedAt === null && session.expiresAt > now;
}
