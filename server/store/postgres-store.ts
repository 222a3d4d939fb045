/**
 * The production store: PostgreSQL through `pg`. Same behaviour as SqliteStore (one shared test
 * suite). Each store may live in its own schema (`schema` option), which the tests use for isolation.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { loadedState, mergeDocUpdates } from './merge.ts';
import {
  bytes,
  int,
  normalizeUsername,
  toAssignment,
  toAuditRow,
  toDevice,
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
  type ChangeFeed,
  type Device,
  type ImportBatchEntry,
  type NewUser,
  type Store,
  type Team,
  type User,
} from './types.ts';

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
  detail TEXT
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
  private readonly pool: pg.Pool;

  private constructor(pool: pg.Pool, schema: string) {
    this.pool = pool;
    this.schema = schema;
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
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${this.schema}`);
      await client.query(SCHEMA);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
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
    const client = await this.pool.connect();
    try {
      // One snapshot for both reads, so a concurrent compaction cannot make us miss an update.
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const state = (await client.query<Row>('SELECT state FROM doc_state WHERE name = $1', [name])).rows[0];
      const updates = (
        await client.query<Row>('SELECT update_data FROM doc_updates WHERE name = $1 ORDER BY seq', [name])
      ).rows;
      await client.query('COMMIT');
      if (!state && updates.length === 0) return null;
      const parts = [
        ...(state ? [bytes(state, 'state')] : []),
        ...updates.map((u) => bytes(u, 'update_data')),
      ];
      return loadedState(parts);
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async appendUpdate(name: string, update: Uint8Array): Promise<number> {
    // One statement, so one commit for the update and the version bump. PostgreSQL locks every table
    // a statement names before running it, so this holds doc_versions' ROW EXCLUSIVE lock before the
    // seq is drawn: `changedSince` (SHARE lock) never sees a cursor past a seq still uncommitted.
    await this.pool.query(
      `WITH appended AS (
         INSERT INTO doc_updates (name, update_data, created_at) VALUES ($1, $2, $3) RETURNING name, seq
       )
       INSERT INTO doc_versions (name, version) SELECT name, seq FROM appended
       ON CONFLICT (name) DO UPDATE SET version = GREATEST(doc_versions.version, excluded.version)`,
      [name, toBuffer(update), nowIso()],
    );
    return this.pendingUpdateCount(name);
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
           )
           INSERT INTO doc_versions (name, version) SELECT name, seq FROM appended
           ON CONFLICT (name) DO UPDATE SET version = GREATEST(doc_versions.version, excluded.version)`,
          [entry.name, toBuffer(entry.update), at],
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
      const { merged } = mergeDocUpdates(parts);
      await client.query(
        `INSERT INTO doc_state (name, state, updated_at) VALUES ($1, $2, $3)
         ON CONFLICT (name) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
        [name, toBuffer(merged), nowIso()],
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
       ON CONFLICT (id) DO UPDATE SET user_id = excluded.user_id, last_seen = excluded.last_seen
       RETURNING *`,
      [deviceId, userId, at],
    );
    if (!row) throw new Error('device vanished after insert');
    return toDevice(row);
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

  async appendAudit(entry: AuditEntry): Promise<void> {
    await this.pool.query(
      'INSERT INTO audit (at, event, user_id, device_id, doc_name, ip, detail) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [
        nowIso(),
        entry.event,
        entry.userId ?? null,
        entry.deviceId ?? null,
        entry.docName ?? null,
        entry.ip ?? null,
        entry.detail ?? null,
      ],
    );
  }

  async queryAudit(query: AuditQuery = {}): Promise<AuditRow[]> {
    const where: string[] = [];
    const params: string[] = [];
    if (query.event) {
      params.push(query.event);
      where.push(`event = $${params.length}`);
    }
    if (query.docName) {
      params.push(query.docName);
      where.push(`doc_name = $${params.length}`);
    }
    if (query.userId) {
      params.push(query.userId);
      where.push(`user_id = $${params.length}`);
    }
    const limit = Math.max(1, Math.min(query.limit ?? 100, 10_000));
    const sql = `SELECT * FROM audit ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ${limit}`;
    return (await this.rows(sql, params)).map(toAuditRow);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
