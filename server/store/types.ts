/**
 * The persistence interface of the sync server. Two implementations pass one shared test suite:
 * `SqliteStore` (node:sqlite, one WAL file, the embedded default) and `PostgresStore` (pg).
 *
 * Documents are opaque Yjs docs: the store keeps a merged state per document plus the updates appended
 * since the last compaction. Every update is appended durably before the server acknowledges it;
 * `compact` folds the appended updates into the merged state. Nothing is ever garbage-collected: the
 * merged state keeps deleted content, and every update ever appended also stays, with who sent it, when
 * and its SHA-256, in the append-only document history (`listDocHistory`), whatever compaction does.
 * A sync append writes its `doc.change` audit row in the same transaction as the update.
 *
 * Every append also bumps the document's change version, in the same commit: a number from one
 * store-wide, never-decreasing sequence (compaction leaves it alone). `changedSince` answers "which of
 * these documents changed after cursor c, and what is the cursor now" for incremental sync rounds.
 *
 * The audit log is append-only: the interface has no way to update or delete audit rows, the database
 * refuses UPDATE and DELETE, and the rows are hash-chained (audit-chain.ts) so an edit made around the
 * triggers is still found by `waymark-admin audit verify`.
 */
import type { Role } from '../../shared/protocol.ts';
import type { AuthStore } from './auth-store.ts';
import type { StoredDocWithSummary } from './record-summary.ts';

export interface Team {
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
}

/** A team's settings as stored: JSON the API validated (shared/domain/settings.ts). */
export interface StoredTeamSettings {
  readonly teamId: string;
  readonly settings: unknown;
  readonly updatedAt: string;
  /** The user who last changed them. */
  readonly updatedBy: string | null;
}

export interface User {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly teamId: string | null;
  /** scrypt hash (see passwords.ts), or null for accounts that sign in with OIDC only. */
  readonly passwordHash: string | null;
  readonly disabled: boolean;
  /** Value of the configured OIDC claim mapped to this user, if any. */
  readonly oidcSubject: string | null;
  readonly createdAt: string;
}

export interface NewUser {
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly teamId: string | null;
  readonly passwordHash: string | null;
  readonly oidcSubject?: string | null;
}

/** What an administrator may change about an account (admin-ops.ts validates it first). */
export interface UserChange {
  readonly displayName: string;
  readonly role: Role;
  readonly teamId: string | null;
}

export interface Assignment {
  readonly youngPersonId: string;
  readonly paUserId: string;
  readonly teamId: string;
  readonly assignedAt: string;
}

export interface Device {
  readonly id: string;
  readonly userId: string;
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly revokedAt: string | null;
}

export const AUDIT_EVENTS = [
  'login.ok',
  'login.failed',
  'login.rate-limited',
  'token.refreshed',
  'doc.load',
  'doc.change',
  'doc.refused',
  /** A change stored from a record's former PA within the handover grace period (former-holder.ts). */
  'doc.late-change',
  /** A stored record migrated to encoding version 2 in place (record-encoding-migration.ts). */
  'doc.encoding-migrated',
  'access.denied',
  'access.closed',
  'assignment.auto',
  'assignment.set',
  'device.revoked',
  'user.created',
  'user.password-set',
  'user.disabled',
  'team.created',
  // --- administration in the app (server/http/admin-api.ts) ---
  'user.updated',
  'user.enabled',
  'team.renamed',
  'audit.searched',
  'audit.verified',
  // --- end administration ---
  // sign-in state (auth-store.ts)
  'session.ended',
  'token.reused',
  'device.enrolled',
  'oidc.linked',
  'user.reinstated',
  // --- data exchange (server/exchange): bulk import and export, one row each with counts ---
  'import.bulk',
  'export.bulk',
  // --- end data exchange ---
  // --- team settings (team-settings-rows.ts) ---
  'team.settings-changed',
] as const;
export type AuditEvent = (typeof AUDIT_EVENTS)[number];

export interface AuditEntry {
  readonly event: AuditEvent;
  readonly userId?: string | null;
  readonly deviceId?: string | null;
  readonly docName?: string | null;
  readonly ip?: string | null;
  /** Short metadata (a reason, a count). Never document contents. */
  readonly detail?: string | null;
}

/** Who sent an update: written to the document history and the `doc.change` audit row with it. */
export interface ChangeAuthor {
  readonly userId: string;
  readonly deviceId: string | null;
  readonly ip: string | null;
}

/** One update as it was appended, kept for good (compaction never removes it). */
export interface DocHistoryRow {
  readonly seq: number;
  readonly name: string;
  readonly at: string;
  /** Null for updates the server wrote itself (demo seed, import) or carried over from before history. */
  readonly userId: string | null;
  readonly deviceId: string | null;
  /** 'sync' (a client's update), 'server' (written by the server itself), 'import' (a system-of-record import) or 'migrated' (stored before history existed). */
  readonly origin: string;
  /** SHA-256 of `update`, hex. */
  readonly sha256: string;
  readonly update: Uint8Array;
}

export interface AuditRow {
  readonly seq: number;
  readonly at: string;
  readonly event: AuditEvent;
  readonly userId: string | null;
  readonly deviceId: string | null;
  readonly docName: string | null;
  readonly ip: string | null;
  readonly detail: string | null;
  /** SHA-256 (hex) of the update a `doc.change` row records. */
  readonly updateSha256: string | null;
  /** The hash of the row before (audit-chain.ts); null only in a database not yet migrated. */
  readonly prevHash: string | null;
  readonly hash: string | null;
}

export interface AuditQuery {
  readonly limit?: number;
  readonly event?: AuditEvent;
  readonly docName?: string;
  readonly userId?: string;
  /** Rows at or after this ISO 8601 UTC instant. */
  readonly from?: string;
  /** Rows before this ISO 8601 UTC instant. */
  readonly to?: string;
  /** Rows older than this sequence number (the next page of a newest-first search). */
  readonly beforeSeq?: number;
}

/** The answer of `Store.changedSince`. */
export interface ChangeFeed {
  /**
   * The store-wide change cursor now: every change with a version up to it is committed and visible,
   * and every later change gets a greater version. Pass it as `since` next time.
   */
  readonly cursor: number;
  /** The given names whose version is greater than `since` (in no particular order). */
  readonly changed: string[];
}

// --- data exchange (server/exchange): one batch of an import ---
/** A young person's update and, when the import (re)assigns them, their assignment. */
export interface ImportBatchEntry {
  readonly name: string;
  readonly update: Uint8Array;
  /** Who imported (kept in the document's history with origin 'import'); null for the operator's CLI. */
  readonly importedBy: string | null;
  readonly assignment: {
    readonly youngPersonId: string;
    readonly paUserId: string;
    readonly teamId: string;
  } | null;
}
// --- end data exchange ---

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** Sessions, device keys, password-reset holds and OIDC identities (auth-store.ts). */
  readonly auth: AuthStore;

  // --- documents -----------------------------------------------------------------------------------
  /** The merged state plus every appended update, as one Yjs update; null if never stored. */
  loadDoc(name: string): Promise<Uint8Array | null>;
  /**
   * loadDoc, and the record summary kept with the compacted state (record-summary.ts) when it describes
   * the whole stored state (no update appended since compaction, current format), read together: the
   * kept row when it was computed for `rowKey` (rowKeyOf), else the record.
   */
  loadDocWithSummary(name: string, rowKey: string): Promise<StoredDocWithSummary | null>;
  /**
   * Durably appends one Yjs update, and its document-history row; with an author, also its `doc.change`
   * audit row (with the update's SHA-256), all in one transaction. Resolves after commit with the number
   * of uncompacted updates.
   */
  appendUpdate(name: string, update: Uint8Array, author?: ChangeAuthor): Promise<number>;
  /** Every update ever appended to a document, oldest first (compaction keeps them all). */
  listDocHistory(name: string): Promise<DocHistoryRow[]>;
  /** Folds all appended updates into the merged state, atomically. Returns how many were folded. */
  compact(name: string): Promise<number>;
  pendingUpdateCount(name: string): Promise<number>;
  /** True if anything (merged state or an update) was ever stored under this name. */
  hasDoc(name: string): Promise<boolean>;
  listDocNames(): Promise<string[]>;
  /** The current change cursor (0 when nothing was ever appended). */
  changeCursor(): Promise<number>;
  /** Which of `names` changed after cursor `since`, and the cursor now, read together. */
  changedSince(since: number, names: readonly string[]): Promise<ChangeFeed>;

  // --- teams and users -----------------------------------------------------------------------------
  createTeam(name: string): Promise<Team>;
  getTeam(id: string): Promise<Team | null>;
  getTeamByName(name: string): Promise<Team | null>;
  listTeams(): Promise<Team[]>;

  createUser(user: NewUser): Promise<User>;
  getUser(id: string): Promise<User | null>;
  getUserByUsername(username: string): Promise<User | null>;
  getUserByOidcSubject(subject: string): Promise<User | null>;
  listUsers(): Promise<User[]>;
  setPasswordHash(userId: string, passwordHash: string): Promise<void>;
  setUserDisabled(userId: string, disabled: boolean): Promise<void>;
  // --- administration (server/admin-ops.ts) ---
  /** Sets a user's display name, role and team together. */
  updateUser(userId: string, change: UserChange): Promise<void>;
  /** Renames a team (names are unique: the caller checks first). */
  renameTeam(teamId: string, name: string): Promise<void>;
  // --- end administration ---

  // --- caseload assignments ------------------------------------------------------------------------
  getAssignment(youngPersonId: string): Promise<Assignment | null>;
  /** Assigns (or reassigns) a young person to a PA in a team. */
  setAssignment(youngPersonId: string, paUserId: string, teamId: string): Promise<Assignment>;
  /** Creates the assignment only if none exists; returns whichever assignment is in force afterwards. */
  assignIfUnassigned(youngPersonId: string, paUserId: string, teamId: string): Promise<Assignment>;
  listAssignmentsForPa(paUserId: string): Promise<Assignment[]>;
  listAssignmentsForTeam(teamId: string): Promise<Assignment[]>;

  // --- devices -------------------------------------------------------------------------------------
  /**
   * Registers a device for a user, or updates its last-seen time. Never un-revokes, and never moves a
   * device enrolled by one user to another (the row keeps its owner; callers compare `userId`).
   */
  touchDevice(deviceId: string, userId: string): Promise<Device>;
  getDevice(deviceId: string): Promise<Device | null>;
  listDevices(): Promise<Device[]>;
  /** Marks a device revoked; returns false if it does not exist. */
  revokeDevice(deviceId: string): Promise<boolean>;

  // --- audit (append-only) -------------------------------------------------------------------------
  appendAudit(entry: AuditEntry): Promise<void>;
  /** The newest rows first. */
  queryAudit(query?: AuditQuery): Promise<AuditRow[]>;
  /** Oldest first: the rows after `afterSeq`, at most `limit` (for verifying the hash chain). */
  auditPage(afterSeq: number, limit: number): Promise<AuditRow[]>;

  // --- data exchange (server/exchange) ------------------------------------------------------------
  /**
   * Appends each entry's update (kept in the document history with origin 'import' and bumping its
   * change version, as appendUpdate does) and sets its assignment, all in one transaction: every entry
   * is written, or none.
   */
  appendImportBatch(entries: readonly ImportBatchEntry[]): Promise<void>;
  // --- end data exchange ---

  // --- team settings (team-settings-rows.ts) -------------------------------------------------------
  /** The team's stored settings, or null when none were ever set (the defaults apply). */
  getTeamSettings(teamId: string): Promise<StoredTeamSettings | null>;
  /**
   * Replaces the team's settings (validated JSON text) and appends the audit row, in one transaction:
   * both are written, or neither. `audit.userId` is kept as who changed them.
   */
  putTeamSettings(teamId: string, settingsJson: string, audit: AuditEntry): Promise<StoredTeamSettings>;

  close(): Promise<void>;
}

export function nowIso(): string {
  return new Date().toISOString();
}
