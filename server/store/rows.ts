/** Typed readers for database rows (node:sqlite and pg both hand back loosely typed records). */
import { ROLES, type Role } from '../../shared/protocol.ts';
import {
  AUDIT_EVENTS,
  type Assignment,
  type AuditEvent,
  type AuditRow,
  type Device,
  type DocHistoryRow,
  type Team,
  type User,
} from './types.ts';

export type Row = Record<string, unknown>;

export function str(row: Row, column: string): string {
  const value = row[column];
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (value instanceof Date) return value.toISOString();
  throw new Error(`Database column ${column}: expected text, got ${value === null ? 'null' : typeof value}`);
}

export function strOrNull(row: Row, column: string): string | null {
  return row[column] === null || row[column] === undefined ? null : str(row, column);
}

export function int(row: Row, column: string): number {
  const value = row[column];
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return Number(value);
  throw new Error(`Database column ${column}: expected an integer, got ${typeof value}`);
}

export function bytes(row: Row, column: string): Uint8Array {
  const value = row[column];
  if (value instanceof Uint8Array) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  throw new Error(`Database column ${column}: expected bytes, got ${typeof value}`);
}

function role(row: Row, column: string): Role {
  const value = str(row, column);
  const found = ROLES.find((r) => r === value);
  if (!found) throw new Error(`Database column ${column}: unknown role ${JSON.stringify(value)}`);
  return found;
}

function auditEvent(row: Row, column: string): AuditEvent {
  const value = str(row, column);
  const found = AUDIT_EVENTS.find((e) => e === value);
  if (!found) throw new Error(`Database column ${column}: unknown audit event ${JSON.stringify(value)}`);
  return found;
}

export function toTeam(row: Row): Team {
  return { id: str(row, 'id'), name: str(row, 'name'), createdAt: str(row, 'created_at') };
}

export function toUser(row: Row): User {
  return {
    id: str(row, 'id'),
    username: str(row, 'username'),
    displayName: str(row, 'display_name'),
    role: role(row, 'role'),
    teamId: strOrNull(row, 'team_id'),
    passwordHash: strOrNull(row, 'password_hash'),
    disabled: int(row, 'disabled') !== 0,
    oidcSubject: strOrNull(row, 'oidc_subject'),
    createdAt: str(row, 'created_at'),
  };
}

export function toAssignment(row: Row): Assignment {
  return {
    youngPersonId: str(row, 'young_person_id'),
    paUserId: str(row, 'pa_user_id'),
    teamId: str(row, 'team_id'),
    assignedAt: str(row, 'assigned_at'),
  };
}

export function toDevice(row: Row): Device {
  return {
    id: str(row, 'id'),
    userId: str(row, 'user_id'),
    firstSeen: str(row, 'first_seen'),
    lastSeen: str(row, 'last_seen'),
    revokedAt: strOrNull(row, 'revoked_at'),
  };
}

export function toAuditRow(row: Row): AuditRow {
  return {
    seq: int(row, 'seq'),
    at: str(row, 'at'),
    event: auditEvent(row, 'event'),
    userId: strOrNull(row, 'user_id'),
    deviceId: strOrNull(row, 'device_id'),
    docName: strOrNull(row, 'doc_name'),
    ip: strOrNull(row, 'ip'),
    detail: strOrNull(row, 'detail'),
    updateSha256: strOrNull(row, 'update_sha256'),
    prevHash: strOrNull(row, 'prev_hash'),
    hash: strOrNull(row, 'hash'),
  };
}

/** Usernames are matched case-insensitively and stored lower-case. */
export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase();
}

export function toDocHistoryRow(row: Row): DocHistoryRow {
  return {
    seq: int(row, 'seq'),
    name: str(row, 'name'),
    at: str(row, 'created_at'),
    userId: strOrNull(row, 'user_id'),
    deviceId: strOrNull(row, 'device_id'),
    origin: str(row, 'origin'),
    sha256: str(row, 'sha256'),
    update: bytes(row, 'update_data'),
  };
}
