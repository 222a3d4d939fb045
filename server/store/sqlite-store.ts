/**
 * The embedded default store: one SQLite file (node:sqlite, WAL, synchronous=FULL so a committed
 * append survives a crash of the process or the machine). The folder is made 0700 and the database
 * files (with -wal and -shm) 0600: they hold children's case records (issue 13, finding 9).
 */
import { randomUUID } from 'node:crypto';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import {
  AUDIT_CHAIN_GENESIS,
  AUDIT_INSERT_COLUMNS,
  auditInsertValues,
  auditRowHash,
  sha256Hex,
  type AuditContent,
} from './audit-chain.ts';
import type { AuthStore } from './auth-store.ts';
import { loadedState, mergeAndSummarise } from './merge.ts';
import {
  DOC_SUMMARY_TABLE,
  RECORD_SUMMARY_FORMAT,
  storedSummary,
  summarySql,
  type StoredDocWithSummary,
} from './record-summary.ts';
import { SqliteAuthStore } from './sqlite-auth-store.ts';
import {
  TEAM_SETTINGS_SCHEMA_V1,
  newTeamSettingsRow,
  teamSettingsParams,
  toStoredTeamSettings,
  upsertTeamSettingsSql,
} from './team-settings-rows.ts';
import {
  bytes,
  int,
  normalizeUsername,
  str,
  strOrNull,
  toAssignment,
  toAuditRow,
  toDevice,
  toDocHistoryRow,
  toTeam,
  toUser,
  type Row,
} from './rows.ts';
import {
  nowIso,
  type Assignment,
  type AuditEntry,
  type AuditQuery,
  type AuditRow,
  type ChangeAuthor,
  type ChangeFeed,
  type Device,
  type DocHistoryRow,
  type ImportBatchEntry,
  type NewUser,
  type Store,
  type StoredTeamSettings,
  type Team,
  type User,
  type UserChange,
} from './types.ts';
import { auditQuerySql } from './audit-query.ts';

/** Most statements SqliteStore keeps prepared (see `statement`). */
const STATEMENT_CACHE_SIZE = 256;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS teams (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS users (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('pa', 'team_manager', 'admin')),
  team_id TEXT REFERENCES teams(id),
  password_hash TEXT,
  disabled INTEGER NOT NULL DEFAULT 0,
  oidc_subject TEXT UNIQUE,
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS assignments (
  young_person_id TEXT PRIMARY KEY,
  pa_user_id TEXT NOT NULL REFERENCES users(id),
  team_id TEXT NOT NULL REFERENCES teams(id),
  assigned_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS assignments_pa ON assignments(pa_user_id);
CREATE INDEX IF NOT EXISTS assignments_team ON assignments(team_id);
CREATE TABLE IF NOT EXISTS devices (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  first_seen TEXT NOT NULL,
  last_seen TEXT NOT NULL,
  revoked_at TEXT
);
CREATE TABLE IF NOT EXISTS doc_state (
  name TEXT PRIMARY KEY,
  state BLOB NOT NULL,
  updated_at TEXT NOT NULL
);
${DOC_SUMMARY_TABLE}
CREATE TABLE IF NOT EXISTS doc_updates (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  update_data BLOB NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS doc_updates_name ON doc_updates(name, seq);
-- The change version of each document: the seq of its latest appended update (AUTOINCREMENT never
-- reuses a seq, even after compaction deletes the rows), bumped in the append's transaction.
CREATE TABLE IF NOT EXISTS doc_versions (
  name TEXT PRIMARY KEY,
  version INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS doc_versions_version ON doc_versions(version);
-- Documents stored before doc_versions existed (a server upgraded in place) get a version on open:
-- their newest uncompacted seq, or 0 if fully compacted (older than any cursor handed out since).
INSERT INTO doc_versions (name, version)
  SELECT name, MAX(v) FROM (
    SELECT name, 0 AS v FROM doc_state UNION ALL SELECT name, seq AS v FROM doc_updates
  ) WHERE true GROUP BY name
  ON CONFLICT (name) DO NOTHING;
CREATE TABLE IF NOT EXISTS audit (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  event TEXT NOT NULL,
  user_id TEXT,
  device_id TEXT,
  doc_name TEXT,
  ip TEXT,
  detail TEXT,
  update_sha256 TEXT,
  prev_hash TEXT,
  hash TEXT
);
`;

const AUDIT_NO_UPDATE = `CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit
  BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;`;
const AUDIT_NO_DELETE = `CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit
  BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;`;

/**
 * Every update ever appended, kept for good: compaction folds doc_updates into doc_state and deletes
 * them, but never touches this table. Append-only, like the audit log.
 */
const HISTORY_SCHEMA = `
CREATE TABLE IF NOT EXISTS doc_history (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  update_data BLOB NOT NULL,
  sha256 TEXT NOT NULL,
  created_at TEXT NOT NULL,
  user_id TEXT,
  device_id TEXT,
  origin TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS doc_history_name ON doc_history(name, seq);
CREATE TRIGGER IF NOT EXISTS doc_history_no_update BEFORE UPDATE ON doc_history
  BEGIN SELECT RAISE(ABORT, 'document history is append-only'); END;
CREATE TRIGGER IF NOT EXISTS doc_history_no_delete BEFORE DELETE ON doc_history
  BEGIN SELECT RAISE(ABORT, 'document history is append-only'); END;
`;

/** Makes the folder 0700 (creating it if needed) and the database file 0600 before SQLite opens it. */
function prepareDatabaseFile(path: string): void {
  const dir = dirname(path);
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
  const dirStat = statSync(dir);
  // Only our own folder: never a shared one such as /tmp (sticky) or one owned by someone else.
  const ownFolder = (dirStat.mode & 0o1000) === 0 && dirStat.uid === process.getuid?.();
  if (ownFolder && (dirStat.mode & 0o077) !== 0) chmodSync(dir, 0o700);
  closeSync(openSync(path, 'a', 0o600));
  chmodSync(path, 0o600);
}

/** The database file and its WAL companions to 0600 (SQLite creates -wal and -shm on first write). */
function restrictDatabaseFiles(path: string): void {
  for (const file of [path, `${path}-wal`, `${path}-shm`])
    if (existsSync(file) && (statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
}

function auditValues(entry: AuditEntry, updateSha256: string | null = null): AuditContent {
  return {
    at: nowIso(),
    event: entry.event,
    userId: entry.userId ?? null,
    deviceId: entry.deviceId ?? null,
    docName: entry.docName ?? null,
    ip: entry.ip ?? null,
    detail: entry.detail ?? null,
    updateSha256,
  };
}

export class SqliteStore implements Store {
  readonly kind = 'sqlite';
  readonly path: string;
  readonly auth: AuthStore;
  private readonly db: DatabaseSync;
  private readonly auditQueue: {
    readonly values: AuditContent;
    resolve(): void;
    reject(error: unknown): void;
  }[] = [];
  private auditFlush: ReturnType<typeof setImmediate> | null = null;

  constructor(path: string) {
    this.path = path;
    if (path !== ':memory:') prepareDatabaseFile(path);
    this.db = new DatabaseSync(path);
    this.db.exec('PRAGMA journal_mode = WAL');
    this.db.exec('PRAGMA synchronous = FULL');
    this.db.exec('PRAGMA foreign_keys = ON');
    this.db.exec('PRAGMA busy_timeout = 5000');
    this.db.exec(SCHEMA);
    this.migrate();
    // Migration step auth-v1 (sessions, device keys, OIDC identities): see auth-store.ts.
    this.auth = new SqliteAuthStore(this.db);
    // Migration step team-settings-v1: see team-settings-rows.ts.
    this.db.exec(TEAM_SETTINGS_SCHEMA_V1);
    if (path !== ':memory:') restrictDatabaseFiles(path);
  }

  /**
   * Brings a database written by an older version up to date, in one transaction, losing nothing:
   * - the audit table gains its hash-chain columns, and the rows already there are chained once, here
   *   (later rows without a hash are reported by verification, never silently re-chained);
   * - doc_history is created and filled with what the database holds: each compacted state (the
   *   history before this version, already merged) and every uncompacted update, marked 'migrated'.
   */
  private migrate(): void {
    this.transaction(() => {
      const auditColumns = new Set(this.all('PRAGMA table_info(audit)').map((r) => str(r, 'name')));
      if (!auditColumns.has('hash')) {
        for (const column of ['update_sha256', 'prev_hash', 'hash'])
          if (!auditColumns.has(column)) this.db.exec(`ALTER TABLE audit ADD COLUMN ${column} TEXT`);
        this.db.exec('DROP TRIGGER IF EXISTS audit_no_update');
        let prev = AUDIT_CHAIN_GENESIS;
        for (const row of this.all('SELECT * FROM audit ORDER BY seq').map(toAuditRow)) {
          const hash = auditRowHash(prev, row);
          this.run('UPDATE audit SET prev_hash = ?, hash = ? WHERE seq = ?', prev, hash, row.seq);
          prev = hash;
        }
      }
      this.db.exec(AUDIT_NO_UPDATE);
      this.db.exec(AUDIT_NO_DELETE);
      const hadHistory = this.get(
        "SELECT 1 AS x FROM sqlite_master WHERE type = 'table' AND name = 'doc_history'",
      );
      this.db.exec(HISTORY_SCHEMA);
      if (!hadHistory) {
        const at = nowIso();
        const insert = this.db.prepare(
          `INSERT INTO doc_history (name, update_data, sha256, created_at, user_id, device_id, origin)
           VALUES (?, ?, ?, ?, NULL, NULL, 'migrated')`,
        );
        for (const row of this.all('SELECT name, state, updated_at FROM doc_state ORDER BY name')) {
          const state = bytes(row, 'state');
          insert.run(str(row, 'name'), state, sha256Hex(state), strOrNull(row, 'updated_at') ?? at);
        }
        for (const row of this.all('SELECT name, update_data, created_at FROM doc_updates ORDER BY seq')) {
          const update = bytes(row, 'update_data');
          insert.run(str(row, 'name'), update, sha256Hex(update), str(row, 'created_at'));
        }
      }
    });
  }

  /** Inserts one audit row chained to the newest row. Call inside a write transaction. */
  private insertAuditSync(values: AuditContent): void {
    const last = this.get('SELECT hash FROM audit ORDER BY seq DESC LIMIT 1');
    const prev = last ? (strOrNull(last, 'hash') ?? AUDIT_CHAIN_GENESIS) : AUDIT_CHAIN_GENESIS;
    this.run(
      `INSERT INTO audit (${AUDIT_INSERT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ...auditInsertValues(prev, values).values,
    );
  }

  /**
   * Statements prepared once and kept, by SQL text: compiling the SQL was most of a point read's cost
   * (a bulk first sync reads three rows a record). Bounded: the SQL texts are the store's own, a few
   * dozen; past STATEMENT_CACHE_SIZE (never expected) the cache starts again.
   */
  private readonly statements = new Map<string, StatementSync>();

  private statement(sql: string): StatementSync {
    let statement = this.statements.get(sql);
    if (!statement) {
      if (this.statements.size >= STATEMENT_CACHE_SIZE) this.statements.clear();
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private get(sql: string, ...params: (string | number | null | Uint8Array)[]): Row | undefined {
    return this.statement(sql).get(...params);
  }

  private all(sql: string, ...params: (string | number | null | Uint8Array)[]): Row[] {
    return this.statement(sql).all(...params);
  }

  private run(sql: string, ...params: (string | number | null | Uint8Array)[]): void {
    this.statement(sql).run(...params);
  }

  private transaction<T>(fn: () => T): T {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const result = fn();
      this.db.exec('COMMIT');
      return result;
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
  }

  // --- documents -----------------------------------------------------------------------------------

  async loadDoc(name: string): Promise<Uint8Array | null> {
    return this.loadDocSync(name, null)?.state ?? null;
  }

  async loadDocWithSummary(name: string, rowKey: string): Promise<StoredDocWithSummary | null> {
    return this.loadDocSync(name, rowKey);
  }

  /** Reads state, updates and summary with no await between them: one consistent view. */
  private loadDocSync(name: string, rowKey: string | null): StoredDocWithSummary | null {
    const state = this.get('SELECT state FROM doc_state WHERE name = ?', name);
    const updates = this.all('SELECT update_data FROM doc_updates WHERE name = ? ORDER BY seq', name);
    if (!state && updates.length === 0) return null;
    const parts = [...(state ? [bytes(state, 'state')] : []), ...updates.map((u) => bytes(u, 'update_data'))];
    // A summary describes the compacted state only: none while updates wait to be compacted.
    const row =
      rowKey !== null && updates.length === 0 ? this.get(summarySql('?1', '?2'), rowKey, name) : undefined;
    return { state: loadedState(parts), summary: storedSummary(row) };
  }

  async appendUpdate(name: string, update: Uint8Array, author?: ChangeAuthor): Promise<number> {
    const sha256 = sha256Hex(update);
    return this.transaction(() => {
      const at = nowIso();
      const inserted = this.db
        .prepare('INSERT INTO doc_updates (name, update_data, created_at) VALUES (?, ?, ?)')
        .run(name, update, at);
      this.run(
        `INSERT INTO doc_history (name, update_data, sha256, created_at, user_id, device_id, origin)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
        name,
        update,
        sha256,
        at,
        author?.userId ?? null,
        author?.deviceId ?? null,
        author ? 'sync' : 'server',
      );
      if (author)
        this.insertAuditSync(
          auditValues(
            {
              event: 'doc.change',
              userId: author.userId,
              deviceId: author.deviceId,
              docName: name,
              ip: author.ip,
              detail: `updates=1 bytes=${update.byteLength}`,
            },
            sha256,
          ),
        );
      this.run(
        `INSERT INTO doc_versions (name, version) VALUES (?, ?)
         ON CONFLICT (name) DO UPDATE SET version = MAX(version, excluded.version)`,
        name,
        Number(inserted.lastInsertRowid),
      );
      return this.pendingCountSync(name);
    });
  }

  // --- data exchange (server/exchange) ------------------------------------------------------------
  async appendImportBatch(entries: readonly ImportBatchEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const at = nowIso();
    this.transaction(() => {
      const insert = this.db.prepare(
        'INSERT INTO doc_updates (name, update_data, created_at) VALUES (?, ?, ?)',
      );
      for (const entry of entries) {
        const inserted = insert.run(entry.name, entry.update, at);
        this.run(
          `INSERT INTO doc_history (name, update_data, sha256, created_at, user_id, device_id, origin)
           VALUES (?, ?, ?, ?, ?, NULL, 'import')`,
          entry.name,
          entry.update,
          sha256Hex(entry.update),
          at,
          entry.importedBy,
        );
        this.run(
          `INSERT INTO doc_versions (name, version) VALUES (?, ?)
           ON CONFLICT (name) DO UPDATE SET version = MAX(version, excluded.version)`,
          entry.name,
          Number(inserted.lastInsertRowid),
        );
        const a = entry.assignment;
        if (a !== null)
          this.run(
            `INSERT INTO assignments (young_person_id, pa_user_id, team_id, assigned_at) VALUES (?, ?, ?, ?)
             ON CONFLICT (young_person_id) DO UPDATE SET pa_user_id = excluded.pa_user_id,
               team_id = excluded.team_id, assigned_at = excluded.assigned_at`,
            a.youngPersonId,
            a.paUserId,
            a.teamId,
            at,
          );
      }
    });
  }
  // --- end data exchange ---

  private pendingCountSync(name: string): number {
    const row = this.get('SELECT COUNT(*) AS n FROM doc_updates WHERE name = ?', name);
    return row ? int(row, 'n') : 0;
  }

  async compact(name: string): Promise<number> {
    return this.transaction(() => {
      const updates = this.all('SELECT seq, update_data FROM doc_updates WHERE name = ? ORDER BY seq', name);
      if (updates.length === 0) return 0;
      const state = this.get('SELECT state FROM doc_state WHERE name = ?', name);
      const parts = [
        ...(state ? [bytes(state, 'state')] : []),
        ...updates.map((u) => bytes(u, 'update_data')),
      ];
      const { merged, summary } = mergeAndSummarise(parts);
      this.run(
        `INSERT INTO doc_state (name, state, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
        name,
        merged,
        nowIso(),
      );
      if (summary === null) this.run('DELETE FROM doc_summary WHERE name = ?', name);
      else
        this.run(
          `INSERT INTO doc_summary (name, format, record, row_key, row_json) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (name) DO UPDATE SET format = excluded.format, record = excluded.record,
             row_key = excluded.row_key, row_json = excluded.row_json`,
          name,
          RECORD_SUMMARY_FORMAT,
          summary.record,
          summary.rowKey,
          summary.row,
        );
      const maxSeq = Math.max(...updates.map((u) => int(u, 'seq')));
      this.run('DELETE FROM doc_updates WHERE name = ? AND seq <= ?', name, maxSeq);
      return updates.length;
    });
  }

  async pendingUpdateCount(name: string): Promise<number> {
    return this.pendingCountSync(name);
  }

  async listDocHistory(name: string): Promise<DocHistoryRow[]> {
    return this.all('SELECT * FROM doc_history WHERE name = ? ORDER BY seq', name).map(toDocHistoryRow);
  }

  async hasDoc(name: string): Promise<boolean> {
    return (
      this.get(
        'SELECT 1 AS x FROM doc_state WHERE name = ? UNION ALL SELECT 1 FROM doc_updates WHERE name = ? LIMIT 1',
        name,
        name,
      ) !== undefined
    );
  }

  async listDocNames(): Promise<string[]> {
    return this.all('SELECT name FROM doc_state UNION SELECT name FROM doc_updates ORDER BY name').map((r) =>
      String(r['name']),
    );
  }

  async changeCursor(): Promise<number> {
    return this.cursorSync();
  }

  private cursorSync(): number {
    const row = this.get('SELECT COALESCE(MAX(version), 0) AS cursor FROM doc_versions');
    return row ? int(row, 'cursor') : 0;
  }

  async changedSince(since: number, names: readonly string[]): Promise<ChangeFeed> {
    // One connection, synchronous calls: nothing commits between the two reads.
    const changed = this.all(
      `SELECT v.name FROM doc_versions v JOIN json_each(?) j ON j.value = v.name WHERE v.version > ?`,
      JSON.stringify(names),
      since,
    ).map((r) => String(r['name']));
    return { cursor: this.cursorSync(), changed };
  }

  // --- teams and users -----------------------------------------------------------------------------

  async createTeam(name: string): Promise<Team> {
    const team: Team = { id: randomUUID(), name: name.trim(), createdAt: nowIso() };
    this.run('INSERT INTO teams (id, name, created_at) VALUES (?, ?, ?)', team.id, team.name, team.createdAt);
    return team;
  }

  async getTeam(id: string): Promise<Team | null> {
    const row = this.get('SELECT * FROM teams WHERE id = ?', id);
    return row ? toTeam(row) : null;
  }

  async getTeamByName(name: string): Promise<Team | null> {
    const row = this.get('SELECT * FROM teams WHERE name = ?', name.trim());
    return row ? toTeam(row) : null;
  }

  async listTeams(): Promise<Team[]> {
    return this.all('SELECT * FROM teams ORDER BY name').map(toTeam);
  }

  async createUser(user: NewUser): Promise<User> {
    const created: User = {
      id: randomUUID(),
      username: normalizeUsername(user.username),
      displayName: user.displayName,
      role: user.role,
      teamId: user.teamId,
      passwordHash: user.passwordHash,
      disabled: false,
      oidcSubject: user.oidcSubject ?? null,
      createdAt: nowIso(),
    };
    this.run(
      `INSERT INTO users (id, username, display_name, role, team_id, password_hash, disabled, oidc_subject, created_at)
       VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?)`,
      created.id,
      created.username,
      created.displayName,
      created.role,
      created.teamId,
      created.passwordHash,
      created.oidcSubject,
      created.createdAt,
    );
    return created;
  }

  async getUser(id: string): Promise<User | null> {
    const row = this.get('SELECT * FROM users WHERE id = ?', id);
    return row ? toUser(row) : null;
  }

  async getUserByUsername(username: string): Promise<User | null> {
    const row = this.get('SELECT * FROM users WHERE username = ?', normalizeUsername(username));
    return row ? toUser(row) : null;
  }

  async getUserByOidcSubject(subject: string): Promise<User | null> {
    const row = this.get('SELECT * FROM users WHERE oidc_subject = ?', subject);
    return row ? toUser(row) : null;
  }

  async listUsers(): Promise<User[]> {
    return this.all('SELECT * FROM users ORDER BY username').map(toUser);
  }

  async setPasswordHash(userId: string, passwordHash: string): Promise<void> {
    this.run('UPDATE users SET password_hash = ? WHERE id = ?', passwordHash, userId);
  }

  async setUserDisabled(userId: string, disabled: boolean): Promise<void> {
    this.run('UPDATE users SET disabled = ? WHERE id = ?', disabled ? 1 : 0, userId);
  }

  // --- administration (server/admin-ops.ts) ---
  async updateUser(userId: string, change: UserChange): Promise<void> {
    this.run(
      'UPDATE users SET display_name = ?, role = ?, team_id = ? WHERE id = ?',
      change.displayName,
      change.role,
      change.teamId,
      userId,
    );
  }

  async renameTeam(teamId: string, name: string): Promise<void> {
    this.run('UPDATE teams SET name = ? WHERE id = ?', name.trim(), teamId);
  }
  // --- end administration ---

  // --- assignments ---------------------------------------------------------------------------------

  async getAssignment(youngPersonId: string): Promise<Assignment | null> {
    const row = this.get('SELECT * FROM assignments WHERE young_person_id = ?', youngPersonId);
    return row ? toAssignment(row) : null;
  }

  async setAssignment(youngPersonId: string, paUserId: string, teamId: string): Promise<Assignment> {
    const at = nowIso();
    this.run(
      `INSERT INTO assignments (young_person_id, pa_user_id, team_id, assigned_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (young_person_id) DO UPDATE SET pa_user_id = excluded.pa_user_id,
         team_id = excluded.team_id, assigned_at = excluded.assigned_at`,
      youngPersonId,
      paUserId,
      teamId,
      at,
    );
    return { youngPersonId, paUserId, teamId, assignedAt: at };
  }

  async assignIfUnassigned(youngPersonId: string, paUserId: string, teamId: string): Promise<Assignment> {
    this.run(
      `INSERT INTO assignments (young_person_id, pa_user_id, team_id, assigned_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (young_person_id) DO NOTHING`,
      youngPersonId,
      paUserId,
      teamId,
      nowIso(),
    );
    const row = this.get('SELECT * FROM assignments WHERE young_person_id = ?', youngPersonId);
    if (!row) throw new Error('assignment vanished after insert');
    return toAssignment(row);
  }

  async listAssignmentsForPa(paUserId: string): Promise<Assignment[]> {
    return this.all('SELECT * FROM assignments WHERE pa_user_id = ? ORDER BY young_person_id', paUserId).map(
      toAssignment,
    );
  }

  async listAssignmentsForTeam(teamId: string): Promise<Assignment[]> {
    return this.all('SELECT * FROM assignments WHERE team_id = ? ORDER BY young_person_id', teamId).map(
      toAssignment,
    );
  }

  // --- devices -------------------------------------------------------------------------------------

  async touchDevice(deviceId: string, userId: string): Promise<Device> {
    const at = nowIso();
    this.run(
      `INSERT INTO devices (id, user_id, first_seen, last_seen) VALUES (?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET last_seen = excluded.last_seen WHERE devices.user_id = excluded.user_id`,
      deviceId,
      userId,
      at,
      at,
    );
    const row = this.get('SELECT * FROM devices WHERE id = ?', deviceId);
    if (!row) throw new Error('device vanished after insert');
    return toDevice(row);
  }

  async getDevice(deviceId: string): Promise<Device | null> {
    const row = this.get('SELECT * FROM devices WHERE id = ?', deviceId);
    return row ? toDevice(row) : null;
  }

  async listDevices(): Promise<Device[]> {
    return this.all('SELECT * FROM devices ORDER BY last_seen DESC').map(toDevice);
  }

  async revokeDevice(deviceId: string): Promise<boolean> {
    const result = this.db
      .prepare('UPDATE devices SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?')
      .run(nowIso(), deviceId);
    return Number(result.changes) > 0;
  }

  // --- audit ---------------------------------------------------------------------------------------

  /**
   * Group commit: rows appended while a commit is running wait for the next event-loop turn and go
   * to disk together in one transaction (one fsync), and each caller's promise settles only once its
   * row is committed. Under load (a laptop syncing many records) this turns one fsync per record load
   * into one per batch; alone, a row is written at the next turn as before.
   */
  // --- team settings --------------------------------------------------------------------------------

  async getTeamSettings(teamId: string): Promise<StoredTeamSettings | null> {
    const row = this.get('SELECT * FROM team_settings WHERE team_id = ?', teamId);
    return row ? toStoredTeamSettings(row) : null;
  }

  async putTeamSettings(
    teamId: string,
    settingsJson: string,
    audit: AuditEntry,
  ): Promise<StoredTeamSettings> {
    const row = newTeamSettingsRow(teamId, settingsJson, audit);
    this.transaction(() => {
      this.run(
        upsertTeamSettingsSql(() => '?'),
        ...teamSettingsParams(row, settingsJson),
      );
      this.insertAuditSync(auditValues(audit));
    });
    return row;
  }

  async appendAudit(entry: AuditEntry): Promise<void> {
    const values = auditValues(entry);
    return new Promise((resolve, reject) => {
      this.auditQueue.push({ values, resolve, reject });
      this.auditFlush ??= setImmediate(() => this.flushAudit());
    });
  }

  private flushAudit(): void {
    if (this.auditFlush) clearImmediate(this.auditFlush);
    this.auditFlush = null;
    const batch = this.auditQueue.splice(0);
    if (batch.length === 0) return;
    try {
      this.transaction(() => {
        for (const { values } of batch) this.insertAuditSync(values);
      });
      for (const { resolve } of batch) resolve();
    } catch (error) {
      for (const { reject } of batch) reject(error);
    }
  }

  async queryAudit(query: AuditQuery = {}): Promise<AuditRow[]> {
    this.flushAudit(); // a reader sees every row appended before it asked
    const { sql, params } = auditQuerySql(query, () => '?');
    return this.all(sql, ...params).map(toAuditRow);
  }

  async auditPage(afterSeq: number, limit: number): Promise<AuditRow[]> {
    this.flushAudit();
    return this.all('SELECT * FROM audit WHERE seq > ? ORDER BY seq LIMIT ?', afterSeq, limit).map(
      toAuditRow,
    );
  }

  async close(): Promise<void> {
    if (this.db.isOpen) this.flushAudit();
    if (this.db.isOpen) this.db.close();
  }
}
