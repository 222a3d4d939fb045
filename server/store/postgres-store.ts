/**
 * The production store: PostgreSQL through `pg`. Same behaviour as SqliteStore (one shared test
 * suite). Each store may live in its own schema (`schema` option), which the tests use for isolation.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import {
  AUDIT_CHAIN_GENESIS,
  auditRowHash,
  docChangeEntry,
  sha256Hex,
  type AuditContent,
} from './audit-chain.ts';
import {
  CHAINED_WRITES_SQL,
  ChainedWrites,
  inTransaction,
  insertChainedAudit,
  lockChainTail,
} from './postgres-chained-writes.ts';
import { AUTH_SCHEMA_V1, type AuthStore } from './auth-store.ts';
import { loadedState, mergeAndSummarise } from './merge.ts';
import {
  DOC_SUMMARY_TABLE,
  RECORD_SUMMARY_FORMAT,
  storedSummary,
  summarySql,
  type StoredDocWithSummary,
} from './record-summary.ts';
import { PostgresAuthStore } from './postgres-auth-store.ts';
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
  state BYTEA NOT NULL,
  updated_at TEXT NOT NULL
);
${DOC_SUMMARY_TABLE}
CREATE TABLE IF NOT EXISTS doc_updates (
  seq BIGSERIAL PRIMARY KEY,
  name TEXT NOT NULL,
  update_data BYTEA NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS doc_updates_name ON doc_updates(name, seq);
-- The change version of each document: the seq of its latest appended update (a sequence never goes
-- back, whatever compaction deletes), bumped in the append's statement.
CREATE TABLE IF NOT EXISTS doc_versions (
  name TEXT PRIMARY KEY,
  version BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS doc_versions_version ON doc_versions(version);
-- Documents stored before doc_versions existed (a server upgraded in place) get a version on open:
-- their newest uncompacted seq, or 0 if fully compacted (older than any cursor handed out since).
INSERT INTO doc_versions (name, version)
  SELECT name, MAX(v) FROM (
    SELECT name, 0::bigint AS v FROM doc_state UNION ALL SELECT name, seq AS v FROM doc_updates
  ) AS stored GROUP BY name
  ON CONFLICT (name) DO NOTHING;
CREATE TABLE IF NOT EXISTS audit (
  seq BIGSERIAL PRIMARY KEY,
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
CREATE OR REPLACE FUNCTION waymark_audit_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit log is append-only';
END
$$ LANGUAGE plpgsql;
CREATE OR REPLACE TRIGGER audit_no_update_delete BEFORE UPDATE OR DELETE ON audit
  FOR EACH ROW EXECUTE FUNCTION waymark_audit_append_only();
CREATE OR REPLACE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit
  FOR EACH STATEMENT EXECUTE FUNCTION waymark_audit_append_only();
`;

/**
 * Every update ever appended, kept for good: compaction folds doc_updates into doc_state and deletes
 * them, but never touches this table. Append-only, like the audit log.
 */
const HISTORY_SCHEMA = `
CREATE TABLE IF NOT EXISTS doc_history (
  seq BIGSERIAL PRIMARY KEY,
  name TEXT NOT NULL,
  update_data BYTEA NOT NULL,
  sha256 TEXT NOT NULL,
  created_at TEXT NOT NULL,
  user_id TEXT,
  device_id TEXT,
  origin TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS doc_history_name ON doc_history(name, seq);
CREATE OR REPLACE FUNCTION waymark_history_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'document history is append-only';
END
$$ LANGUAGE plpgsql;
CREATE OR REPLACE TRIGGER doc_history_no_update_delete BEFORE UPDATE OR DELETE ON doc_history
  FOR EACH ROW EXECUTE FUNCTION waymark_history_append_only();
CREATE OR REPLACE TRIGGER doc_history_no_truncate BEFORE TRUNCATE ON doc_history
  FOR EACH STATEMENT EXECUTE FUNCTION waymark_history_append_only();
-- The audit chain's tail, for the row about to be appended: takes the chain lock (held until commit),
-- then reads the newest row's hash with a fresh snapshot, so each row links to the one committed last.
CREATE OR REPLACE FUNCTION waymark_audit_chain_tail() RETURNS text AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(7023);
  RETURN (SELECT hash FROM audit ORDER BY seq DESC LIMIT 1);
END
$$ LANGUAGE plpgsql VOLATILE;
${CHAINED_WRITES_SQL}`;

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

/**
 * Inserts one audit row chained to the newest row, inside the caller's transaction. The chain lock
 * (taken by waymark_audit_chain_tail) serialises audit appends until commit.
 */
async function insertAudit(client: pg.PoolClient, values: AuditContent): Promise<void> {
  await insertChainedAudit(client, await lockChainTail(client), values);
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

function toBuffer(data: Uint8Array): Buffer {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

export interface PostgresStoreOptions {
  readonly connectionString: string;
  /** Schema to create and use (default `public`). Lower-case letters, digits and `_`. */
  readonly schema?: string;
  readonly maxConnections?: number;
}

export class PostgresStore implements Store {
  readonly kind = 'postgres';
  readonly schema: string;
  readonly auth: AuthStore;
  private readonly pool: pg.Pool;
  /** Audit-chained writes (stored updates, audit rows), committed in groups. */
  private readonly chained: ChainedWrites;

  private constructor(pool: pg.Pool, schema: string) {
    this.pool = pool;
    this.chained = new ChainedWrites(pool);
    this.schema = schema;
    this.auth = new PostgresAuthStore(pool);
  }

  static async open(options: PostgresStoreOptions): Promise<PostgresStore> {
    const schema = options.schema ?? 'public';
    if (!SCHEMA_NAME.test(schema))
      throw new Error(`Invalid PostgreSQL schema name ${JSON.stringify(schema)}`);
    const pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.maxConnections ?? 10,
      options: `-c search_path=${schema}`,
    });
    // An idle client losing its connection must not crash the server; the next query reconnects.
    pool.on('error', (error) => console.error('PostgreSQL pool error:', error.message));
    const store = new PostgresStore(pool, schema);
    try {
      await store.migrate();
    } catch (error) {
      await pool.end();
      throw error;
    }
    return store;
  }

  private async migrate(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock(7021)');
      if (await this.mayChangeSchema(client)) {
        await client.query(`CREATE SCHEMA IF NOT EXISTS ${this.schema}`);
        await client.query(SCHEMA);
        await this.migrateHistoryAndChain(client);
        // Migration step auth-v1 (sessions, device keys, OIDC identities): see auth-store.ts.
        await client.query(AUTH_SCHEMA_V1);
        // Migration step team-settings-v1: see team-settings-rows.ts.
        await client.query(TEAM_SETTINGS_SCHEMA_V1);
      } else {
        await this.checkSchemaIsCurrent(client);
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /**
   * False when the schema exists and this role may not create in it: the application role without DDL
   * rights (docs/operations.md), which runs on a schema its owner created and migrated.
   */
  private async mayChangeSchema(client: pg.PoolClient): Promise<boolean> {
    const row = (
      await client.query<Row>(
        `SELECT n.oid IS NULL OR has_schema_privilege(current_user, n.oid, 'CREATE') AS ok
         FROM (SELECT 1) AS one LEFT JOIN pg_namespace n ON n.nspname = $1`,
        [this.schema],
      )
    ).rows[0];
    return row?.['ok'] === true;
  }

  private async checkSchemaIsCurrent(client: pg.PoolClient): Promise<void> {
    const row = (
      await client.query<Row>(
        `SELECT to_regclass('doc_history') IS NOT NULL
           AND to_regclass('auth_sessions') IS NOT NULL AND to_regclass('oidc_identities') IS NOT NULL
           AND to_regclass('team_settings') IS NOT NULL AND to_regclass('doc_summary') IS NOT NULL
           AND to_regprocedure('waymark_audit_chain_tail()') IS NOT NULL
           AND to_regproc('waymark_audit_append_chained') IS NOT NULL AND EXISTS (
           SELECT 1 FROM information_schema.columns
           WHERE table_schema = $1 AND table_name = 'audit' AND column_name = 'hash') AS ok`,
        [this.schema],
      )
    ).rows[0];
    if (row?.['ok'] !== true)
      throw new Error(
        `The PostgreSQL schema ${this.schema} needs migrating and this role may not change it: ` +
          'start the server once as the schema owner, then again as the application role.',
      );
  }

  /**
   * Brings a database written by an older version up to date, inside migrate's transaction, losing
   * nothing: the audit table gains its hash-chain columns and the rows already there are chained once,
   * here (later rows without a hash are reported by verification, never silently re-chained); and
   * doc_history is created and filled with each compacted state and every uncompacted update.
   */
  private async migrateHistoryAndChain(client: pg.PoolClient): Promise<void> {
    const hasColumn = async (column: string): Promise<boolean> =>
      (
        await client.query(
          `SELECT 1 FROM information_schema.columns
           WHERE table_schema = $1 AND table_name = 'audit' AND column_name = $2`,
          [this.schema, column],
        )
      ).rows.length > 0;
    if (!(await hasColumn('hash'))) {
      for (const column of ['update_sha256', 'prev_hash', 'hash'])
        await client.query(`ALTER TABLE audit ADD COLUMN IF NOT EXISTS ${column} TEXT`);
      await client.query('ALTER TABLE audit DISABLE TRIGGER audit_no_update_delete');
      let prev = AUDIT_CHAIN_GENESIS;
      const rows = (await client.query<Row>('SELECT * FROM audit ORDER BY seq')).rows.map(toAuditRow);
      for (const row of rows) {
        const hash = auditRowHash(prev, row);
        await client.query('UPDATE audit SET prev_hash = $1, hash = $2 WHERE seq = $3', [
          prev,
          hash,
          row.seq,
        ]);
        prev = hash;
      }
      await client.query('ALTER TABLE audit ENABLE TRIGGER audit_no_update_delete');
    }
    const hadHistory = (await client.query<Row>("SELECT to_regclass('doc_history') IS NOT NULL AS x"))
      .rows[0];
    await client.query(HISTORY_SCHEMA);
    if (hadHistory?.['x'] !== true) {
      const at = nowIso();
      const insert = (name: string, update: Uint8Array, createdAt: string) =>
        client.query(
          `INSERT INTO doc_history (name, update_data, sha256, created_at, user_id, device_id, origin)
           VALUES ($1, $2, $3, $4, NULL, NULL, 'migrated')`,
          [name, toBuffer(update), sha256Hex(update), createdAt],
        );
      for (const row of (await client.query<Row>('SELECT * FROM doc_state ORDER BY name')).rows)
        await insert(str(row, 'name'), bytes(row, 'state'), strOrNull(row, 'updated_at') ?? at);
      for (const row of (await client.query<Row>('SELECT * FROM doc_updates ORDER BY seq')).rows)
        await insert(str(row, 'name'), bytes(row, 'update_data'), str(row, 'created_at'));
    }
  }

  /** Runs `fn` in one transaction on one pooled connection. */
  private inTransaction<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, fn);
  }

  private async rows(sql: string, params: unknown[] = []): Promise<Row[]> {
    const result = await this.pool.query<Row>(sql, params);
    return result.rows;
  }

  private async row(sql: string, params: unknown[] = []): Promise<Row | undefined> {
    return (await this.rows(sql, params))[0];
  }

  // --- documents -----------------------------------------------------------------------------------

  async loadDoc(name: string): Promise<Uint8Array | null> {
    return (await this.loadDocParts(name, null))?.state ?? null;
  }

  async loadDocWithSummary(name: string, rowKey: string): Promise<StoredDocWithSummary | null> {
    return this.loadDocParts(name, rowKey);
  }

  private async loadDocParts(name: string, rowKey: string | null): Promise<StoredDocWithSummary | null> {
    const client = await this.pool.connect();
    try {
      // One snapshot for every read, so a concurrent compaction cannot make us miss an update.
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const state = (await client.query<Row>('SELECT state FROM doc_state WHERE name = $1', [name])).rows[0];
      const updates = (
        await client.query<Row>('SELECT update_data FROM doc_updates WHERE name = $1 ORDER BY seq', [name])
      ).rows;
      // A summary describes the compacted state only: none while updates wait to be compacted.
      const row =
        rowKey !== null && updates.length === 0
          ? (await client.query<Row>(summarySql('$2', '$1'), [name, rowKey])).rows[0]
          : undefined;
      await client.query('COMMIT');
      if (!state && updates.length === 0) return null;
      const parts = [
        ...(state ? [bytes(state, 'state')] : []),
        ...updates.map((u) => bytes(u, 'update_data')),
      ];
      return { state: loadedState(parts), summary: storedSummary(row) };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async appendUpdate(name: string, update: Uint8Array, author?: ChangeAuthor): Promise<number> {
    const sha256 = sha256Hex(update);
    const at = nowIso();
    // One statement for the update, its history row and the version bump; with an author, one
    // transaction with the audit row too. PostgreSQL locks every table a statement names before running
    // it, so the statement holds doc_versions' ROW EXCLUSIVE lock before the seq is drawn (until
    // commit): `changedSince` (SHARE lock) never sees a cursor past a seq still uncommitted.
    if (!author) {
      const row = (
        await this.pool.query<Row>(
          `WITH appended AS (
             INSERT INTO doc_updates (name, update_data, created_at) VALUES ($1, $2, $3) RETURNING name, seq
           ), history AS (
             INSERT INTO doc_history (name, update_data, sha256, created_at, user_id, device_id, origin)
             VALUES ($1, $2, $4, $3, NULL, NULL, 'server')
           ), versioned AS (
             INSERT INTO doc_versions (name, version) SELECT name, seq FROM appended
             ON CONFLICT (name) DO UPDATE SET version = GREATEST(doc_versions.version, excluded.version)
           )
           SELECT (SELECT COUNT(*) FROM doc_updates WHERE name = $1) + 1 AS pending`,
          [name, toBuffer(update), at, sha256],
        )
      ).rows[0];
      return row ? int(row, 'pending') : 1;
    }
    // With an author: one grouped statement with the audit row (postgres-chained-writes.ts).
    const pending = await this.chained.run({
      update: {
        name,
        data: update,
        sha256,
        createdAt: at,
        userId: author.userId,
        deviceId: author.deviceId,
        origin: 'sync',
      },
      audit: auditValues(docChangeEntry(name, author, update.byteLength), sha256),
    });
    return pending ?? 1;
  }

  async listDocHistory(name: string): Promise<DocHistoryRow[]> {
    return (await this.rows('SELECT * FROM doc_history WHERE name = $1 ORDER BY seq', [name])).map(
      toDocHistoryRow,
    );
  }

  // --- data exchange (server/exchange) ------------------------------------------------------------
  async appendImportBatch(entries: readonly ImportBatchEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const at = nowIso();
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      for (const entry of entries) {
        await client.query(
          `WITH appended AS (
             INSERT INTO doc_updates (name, update_data, created_at) VALUES ($1, $2, $3) RETURNING name, seq
           ), history AS (
             INSERT INTO doc_history (name, update_data, sha256, created_at, user_id, device_id, origin)
             VALUES ($1, $2, $4, $3, $5, NULL, 'import')
           )
           INSERT INTO doc_versions (name, version) SELECT name, seq FROM appended
           ON CONFLICT (name) DO UPDATE SET version = GREATEST(doc_versions.version, excluded.version)`,
          [entry.name, toBuffer(entry.update), at, sha256Hex(entry.update), entry.importedBy],
        );
        const a = entry.assignment;
        if (a !== null)
          await client.query(
            `INSERT INTO assignments (young_person_id, pa_user_id, team_id, assigned_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (young_person_id) DO UPDATE SET pa_user_id = excluded.pa_user_id,
               team_id = excluded.team_id, assigned_at = excluded.assigned_at`,
            [a.youngPersonId, a.paUserId, a.teamId, at],
          );
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
  // --- end data exchange ---

  async compact(name: string): Promise<number> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock(7022, hashtext($1))', [name]);
      const updates = (
        await client.query<Row>('SELECT seq, update_data FROM doc_updates WHERE name = $1 ORDER BY seq', [
          name,
        ])
      ).rows;
      if (updates.length === 0) {
        await client.query('COMMIT');
        return 0;
      }
      const state = (await client.query<Row>('SELECT state FROM doc_state WHERE name = $1', [name])).rows[0];
      const parts = [
        ...(state ? [bytes(state, 'state')] : []),
        ...updates.map((u) => bytes(u, 'update_data')),
      ];
      const { merged, summary } = mergeAndSummarise(parts);
      await client.query(
        `INSERT INTO doc_state (name, state, updated_at) VALUES ($1, $2, $3)
         ON CONFLICT (name) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
        [name, toBuffer(merged), nowIso()],
      );
      if (summary === null) await client.query('DELETE FROM doc_summary WHERE name = $1', [name]);
      else
        await client.query(
          `INSERT INTO doc_summary (name, format, record, row_key, row_json) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (name) DO UPDATE SET format = excluded.format, record = excluded.record,
             row_key = excluded.row_key, row_json = excluded.row_json`,
          [name, RECORD_SUMMARY_FORMAT, summary.record, summary.rowKey, summary.row],
        );
      // Delete exactly the rows folded in: an update committed meanwhile stays for the next compaction.
      const seqs = updates.map((u) => String(int(u, 'seq')));
      await client.query('DELETE FROM doc_updates WHERE seq = ANY($1::bigint[])', [seqs]);
      await client.query('COMMIT');
      return updates.length;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async pendingUpdateCount(name: string): Promise<number> {
    const row = await this.row('SELECT COUNT(*) AS n FROM doc_updates WHERE name = $1', [name]);
    return row ? int(row, 'n') : 0;
  }

  async hasDoc(name: string): Promise<boolean> {
    const row = await this.row(
      'SELECT 1 AS x FROM doc_state WHERE name = $1 UNION ALL SELECT 1 FROM doc_updates WHERE name = $1 LIMIT 1',
      [name],
    );
    return row !== undefined;
  }

  async listDocNames(): Promise<string[]> {
    const rows = await this.rows(
      'SELECT name FROM doc_state UNION SELECT name FROM doc_updates ORDER BY name',
    );
    return rows.map((r) => String(r['name']));
  }

  async changeCursor(): Promise<number> {
    return (await this.changedSince(0, [])).cursor;
  }

  async changedSince(since: number, names: readonly string[]): Promise<ChangeFeed> {
    const client = await this.pool.connect();
    try {
      // Sequence values are drawn in one order and committed in another. The SHARE lock waits for
      // every append in flight to commit and holds new ones back while we read, so every version up
      // to the cursor is visible here and every later append gets a greater one.
      await client.query('BEGIN');
      await client.query('LOCK TABLE doc_versions IN SHARE MODE');
      const cursorRow = (
        await client.query<Row>('SELECT COALESCE(MAX(version), 0) AS cursor FROM doc_versions')
      ).rows[0];
      const changed =
        names.length === 0
          ? []
          : (
              await client.query<Row>(
                'SELECT name FROM doc_versions WHERE version > $1 AND name = ANY($2::text[])',
                [String(since), [...names]],
              )
            ).rows.map((r) => String(r['name']));
      await client.query('COMMIT');
      return { cursor: cursorRow ? int(cursorRow, 'cursor') : 0, changed };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  // --- teams and users -----------------------------------------------------------------------------

  async createTeam(name: string): Promise<Team> {
    const team: Team = { id: randomUUID(), name: name.trim(), createdAt: nowIso() };
    await this.pool.query('INSERT INTO teams (id, name, created_at) VALUES ($1, $2, $3)', [
      team.id,
      team.name,
      team.createdAt,
    ]);
    return team;
  }

  async getTeam(id: string): Promise<Team | null> {
    const row = await this.row('SELECT * FROM teams WHERE id = $1', [id]);
    return row ? toTeam(row) : null;
  }

  async getTeamByName(name: string): Promise<Team | null> {
    const row = await this.row('SELECT * FROM teams WHERE name = $1', [name.trim()]);
    return row ? toTeam(row) : null;
  }

  async listTeams(): Promise<Team[]> {
    return (await this.rows('SELECT * FROM teams ORDER BY name')).map(toTeam);
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
    await this.pool.query(
      `INSERT INTO users (id, username, display_name, role, team_id, password_hash, disabled, oidc_subject, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, 0, $7, $8)`,
      [
        created.id,
        created.username,
        created.displayName,
        created.role,
        created.teamId,
        created.passwordHash,
        created.oidcSubject,
        created.createdAt,
      ],
    );
    return created;
  }

  async getUser(id: string): Promise<User | null> {
    const row = await this.row('SELECT * FROM users WHERE id = $1', [id]);
    return row ? toUser(row) : null;
  }

  async getUserByUsername(username: string): Promise<User | null> {
    const row = await this.row('SELECT * FROM users WHERE username = $1', [normalizeUsername(username)]);
    return row ? toUser(row) : null;
  }

  async getUserByOidcSubject(subject: string): Promise<User | null> {
    const row = await this.row('SELECT * FROM users WHERE oidc_subject = $1', [subject]);
    return row ? toUser(row) : null;
  }

  async listUsers(): Promise<User[]> {
    return (await this.rows('SELECT * FROM users ORDER BY username')).map(toUser);
  }

  async setPasswordHash(userId: string, passwordHash: string): Promise<void> {
    await this.pool.query('UPDATE users SET password_hash = $1 WHERE id = $2', [passwordHash, userId]);
  }

  async setUserDisabled(userId: string, disabled: boolean): Promise<void> {
    await this.pool.query('UPDATE users SET disabled = $1 WHERE id = $2', [disabled ? 1 : 0, userId]);
  }

  // --- administration (server/admin-ops.ts) ---
  async updateUser(userId: string, change: UserChange): Promise<void> {
    await this.pool.query('UPDATE users SET display_name = $1, role = $2, team_id = $3 WHERE id = $4', [
      change.displayName,
      change.role,
      change.teamId,
      userId,
    ]);
  }

  async renameTeam(teamId: string, name: string): Promise<void> {
    await this.pool.query('UPDATE teams SET name = $1 WHERE id = $2', [name.trim(), teamId]);
  }
  // --- end administration ---

  // --- assignments ---------------------------------------------------------------------------------

  async getAssignment(youngPersonId: string): Promise<Assignment | null> {
    const row = await this.row('SELECT * FROM assignments WHERE young_person_id = $1', [youngPersonId]);
    return row ? toAssignment(row) : null;
  }

  async setAssignment(youngPersonId: string, paUserId: string, teamId: string): Promise<Assignment> {
    const at = nowIso();
    await this.pool.query(
      `INSERT INTO assignments (young_person_id, pa_user_id, team_id, assigned_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (young_person_id) DO UPDATE SET pa_user_id = excluded.pa_user_id,
         team_id = excluded.team_id, assigned_at = excluded.assigned_at`,
      [youngPersonId, paUserId, teamId, at],
    );
    return { youngPersonId, paUserId, teamId, assignedAt: at };
  }

  async assignIfUnassigned(youngPersonId: string, paUserId: string, teamId: string): Promise<Assignment> {
    await this.pool.query(
      `INSERT INTO assignments (young_person_id, pa_user_id, team_id, assigned_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (young_person_id) DO NOTHING`,
      [youngPersonId, paUserId, teamId, nowIso()],
    );
    const row = await this.row('SELECT * FROM assignments WHERE young_person_id = $1', [youngPersonId]);
    if (!row) throw new Error('assignment vanished after insert');
    return toAssignment(row);
  }

  async listAssignmentsForPa(paUserId: string): Promise<Assignment[]> {
    const rows = await this.rows('SELECT * FROM assignments WHERE pa_user_id = $1 ORDER BY young_person_id', [
      paUserId,
    ]);
    return rows.map(toAssignment);
  }

  async listAssignmentsForTeam(teamId: string): Promise<Assignment[]> {
    const rows = await this.rows('SELECT * FROM assignments WHERE team_id = $1 ORDER BY young_person_id', [
      teamId,
    ]);
    return rows.map(toAssignment);
  }

  // --- devices -------------------------------------------------------------------------------------

  async touchDevice(deviceId: string, userId: string): Promise<Device> {
    const at = nowIso();
    const row = await this.row(
      `INSERT INTO devices (id, user_id, first_seen, last_seen) VALUES ($1, $2, $3, $3)
       ON CONFLICT (id) DO UPDATE SET last_seen = excluded.last_seen WHERE devices.user_id = excluded.user_id
       RETURNING *`,
      [deviceId, userId, at],
    );
    if (row) return toDevice(row);
    const owned = await this.getDevice(deviceId); // enrolled by another user: left as it is
    if (!owned) throw new Error('device vanished after insert');
    return owned;
  }

  async getDevice(deviceId: string): Promise<Device | null> {
    const row = await this.row('SELECT * FROM devices WHERE id = $1', [deviceId]);
    return row ? toDevice(row) : null;
  }

  async listDevices(): Promise<Device[]> {
    return (await this.rows('SELECT * FROM devices ORDER BY last_seen DESC')).map(toDevice);
  }

  async revokeDevice(deviceId: string): Promise<boolean> {
    const result = await this.pool.query(
      'UPDATE devices SET revoked_at = COALESCE(revoked_at, $1) WHERE id = $2',
      [nowIso(), deviceId],
    );
    return (result.rowCount ?? 0) > 0;
  }

  // --- audit ---------------------------------------------------------------------------------------

  // --- team settings --------------------------------------------------------------------------------

  async getTeamSettings(teamId: string): Promise<StoredTeamSettings | null> {
    const row = await this.row('SELECT * FROM team_settings WHERE team_id = $1', [teamId]);
    return row ? toStoredTeamSettings(row) : null;
  }

  async putTeamSettings(
    teamId: string,
    settingsJson: string,
    audit: AuditEntry,
  ): Promise<StoredTeamSettings> {
    const row = newTeamSettingsRow(teamId, settingsJson, audit);
    await this.inTransaction(async (client) => {
      await client.query(
        upsertTeamSettingsSql((n) => `$${n}`),
        teamSettingsParams(row, settingsJson),
      );
      await insertAudit(client, auditValues(audit));
    });
    return row;
  }

  async appendAudit(entry: AuditEntry): Promise<void> {
    await this.chained.run({ audit: auditValues(entry) });
  }

  async auditPage(afterSeq: number, limit: number): Promise<AuditRow[]> {
    const rows = await this.rows('SELECT * FROM audit WHERE seq > $1 ORDER BY seq LIMIT $2', [
      String(afterSeq),
      limit,
    ]);
    return rows.map(toAuditRow);
  }

  async queryAudit(query: AuditQuery = {}): Promise<AuditRow[]> {
    const { sql, params } = auditQuerySql(query, (position) => `$${position}`);
    return (await this.rows(sql, params)).map(toAuditRow);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
