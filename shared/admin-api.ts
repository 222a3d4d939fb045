/**
 * The administrator's part of the HTTP API (beside shared/protocol.ts; same conventions: Bearer token,
 * JSON, errors as `{ error, message }`). Administrators only; none of it returns case data. People are
 * addressed by username, teams by id, devices by id; the app shows names, never ids.
 * - `GET /api/admin/users` lists accounts; `POST` `{ username, displayName, role, teamId }` adds one and
 *   answers its one-time password (shown once, never stored in plain text).
 * - `POST /api/admin/users/<username>/update` `{ displayName, role, teamId }`, `…/disable`, `…/enable`,
 *   `…/reset-password` (answers a new one-time password); `GET …/devices` lists their devices.
 * - `GET /api/admin/teams`, `POST /api/admin/teams` `{ name }`, `POST /api/admin/teams/<teamId>/rename`.
 * - `POST /api/admin/devices/<deviceId>/revoke` (API_PATHS.adminDeviceRevokePrefix).
 * - `GET /api/admin/audit?record=&user=&from=&to=&before=` searches the audit log (who, what, when: never
 *   record contents); `POST /api/admin/audit/verify` checks its hash chain. `record` is a record
 *   reference (shared/record-reference.ts), never a record id.
 * - `GET /api/admin/records/<reference>` says where a record sits (team and PA, no case data);
 *   `POST /api/admin/records/<reference>/move` `{ paUsername }` moves it to a PA of any team.
 */
import { z } from 'zod';
import { publicUserSchema, roleSchema } from './protocol.ts';

export const ADMIN_API_PATHS = {
  users: '/api/admin/users',
  teams: '/api/admin/teams',
  audit: '/api/admin/audit',
  auditVerify: '/api/admin/audit/verify',
  records: '/api/admin/records',
} as const;

/** `GET` where the record with this reference sits; with 'move', `POST` moves it. */
export function adminRecordPath(reference: string, action?: 'move'): string {
  return `${ADMIN_API_PATHS.records}/${encodeURIComponent(reference)}${action ? `/${action}` : ''}`;
}

export const ADMIN_USER_ACTIONS = ['update', 'disable', 'enable', 'reset-password'] as const;
export type AdminUserAction = (typeof ADMIN_USER_ACTIONS)[number];

export function adminUserPath(username: string, action: AdminUserAction | 'devices'): string {
  return `${ADMIN_API_PATHS.users}/${encodeURIComponent(username)}/${action}`;
}

export function adminTeamRenamePath(teamId: string): string {
  return `${ADMIN_API_PATHS.teams}/${encodeURIComponent(teamId)}/rename`;
}

/** Audit search results come in pages of at most this many rows, newest first. */
export const AUDIT_PAGE_SIZE = 100;

// --- requests -------------------------------------------------------------------------------------

const displayNameSchema = z
  .string('displayName: enter the person’s full name')
  .trim()
  .min(1, 'enter the person’s full name')
  .max(100, 'the name must be 100 characters or fewer');

export const adminCreateUserSchema = z.object({
  username: z.string('enter a username').trim().min(1, 'enter a username').max(64, 'username is too long'),
  displayName: displayNameSchema,
  role: roleSchema,
  teamId: z.string().min(1).max(64).nullable(),
});
export type AdminCreateUser = z.infer<typeof adminCreateUserSchema>;

export const adminUpdateUserSchema = z.object({
  displayName: displayNameSchema,
  role: roleSchema,
  teamId: z.string().min(1).max(64).nullable(),
});
export type AdminUpdateUser = z.infer<typeof adminUpdateUserSchema>;

export const adminTeamNameSchema = z.object({
  name: z
    .string('enter a team name')
    .trim()
    .min(1, 'enter a team name')
    .max(100, 'the team name must be 100 characters or fewer'),
});

// --- answers --------------------------------------------------------------------------------------

export const adminUserSchema = publicUserSchema.extend({
  disabled: z.boolean(),
  /** A device of theirs was revoked: they cannot sign in until given a new password. */
  passwordResetRequired: z.boolean(),
  /** Signs in through the council's identity provider (no Waymark password). */
  identityProviderOnly: z.boolean(),
  createdAt: z.string(),
});
export type AdminUser = z.infer<typeof adminUserSchema>;

export const adminUsersResponseSchema = z.object({ users: z.array(adminUserSchema) });
export type AdminUsersResponse = z.infer<typeof adminUsersResponseSchema>;

export const adminUserResponseSchema = z.object({ user: adminUserSchema });

/** A new account or a reset: the password is in this answer only, once. */
export const adminOneTimePasswordSchema = z.object({
  user: adminUserSchema,
  oneTimePassword: z.string().min(12),
});
export type AdminOneTimePassword = z.infer<typeof adminOneTimePasswordSchema>;

export const adminTeamSchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  /** Active accounts in the team. */
  members: z.number().int().nonnegative(),
});
export type AdminTeam = z.infer<typeof adminTeamSchema>;
export const adminTeamsResponseSchema = z.object({ teams: z.array(adminTeamSchema) });
export const adminTeamResponseSchema = z.object({ team: adminTeamSchema });

export const adminDeviceSchema = z.object({
  id: z.string(),
  firstSeen: z.string(),
  lastSeen: z.string(),
  revokedAt: z.string().nullable(),
});
export type AdminDevice = z.infer<typeof adminDeviceSchema>;
export const adminDevicesResponseSchema = z.object({ devices: z.array(adminDeviceSchema) });

export const adminRevokeResponseSchema = z.object({
  revoked: z.string(),
  /** The device's owner: they need a new password (or reinstating) before signing in again. */
  owner: z.object({ username: z.string(), displayName: z.string() }).nullable(),
});

const personSchema = z.object({ username: z.string(), displayName: z.string() });

export const auditViewRowSchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  event: z.string(),
  /** Who did it; null when not a known account (the server itself, the admin CLI, an unknown name). */
  actor: personSchema.nullable(),
  via: z.enum(['app', 'admin-cli', 'server']),
  /** The record's reference (shared/record-reference.ts) for rows about a record; never its id or contents. */
  record: z.string().nullable(),
  /** The account the action was about (a new, changed or disabled user; a revoked device's owner). */
  about: personSchema.nullable(),
  /** A short reason code (e.g. `bad-password`, `forbidden`), or null. */
  reason: z.string().nullable(),
});
export type AuditViewRow = z.infer<typeof auditViewRowSchema>;

/** Where a record sits, for the administrator: its reference, team and PA. Never case data. */
export const adminRecordPlaceSchema = z.object({
  reference: z.string(),
  team: z.object({ id: z.string(), name: z.string() }),
  pa: personSchema.nullable(),
});
export type AdminRecordPlace = z.infer<typeof adminRecordPlaceSchema>;
export const adminRecordResponseSchema = z.object({ record: adminRecordPlaceSchema });

export const adminMoveRecordSchema = z.object({
  paUsername: z
    .string('paUsername: choose the personal adviser to move the record to')
    .trim()
    .min(1, 'choose the personal adviser to move the record to')
    .max(64),
});
export const adminMoveRecordResponseSchema = z.object({
  from: adminRecordPlaceSchema,
  to: adminRecordPlaceSchema,
});
export type AdminMoveRecordResponse = z.infer<typeof adminMoveRecordResponseSchema>;

export const auditSearchResponseSchema = z.object({
  rows: z.array(auditViewRowSchema),
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextBefore: z.number().int().nullable(),
});
export type AuditSearchResponse = z.infer<typeof auditSearchResponseSchema>;

export const auditVerifyResponseSchema = z.object({
  intact: z.boolean(),
  rows: z.number().int().nonnegative(),
  lastHash: z.string(),
  /** The first broken row, when not intact. */
  broken: z.object({ seq: z.number().int(), problem: z.string() }).nullable(),
});
export type AuditVerifyResponse = z.infer<typeof auditVerifyResponseSchema>;
