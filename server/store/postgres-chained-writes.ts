/**
 * Group commit of the writes that extend the audit chain (PostgreSQL). Every audit row links to the row
 * committed before it, so appending one takes the chain lock (waymark_audit_chain_tail) until commit:
 * appends are serial. One transaction per row made every record opened (`doc.load`) and every update
 * stored (`doc.change`) wait for all the others' round trips, and held a pooled connection while
 * waiting — with hundreds of laptops reconnecting at once, sockets missed their authentication deadline.
 *
 * Here the writes that arrive while a transaction is running wait for it, then go together in the next
 * one: one lock, one tail read, one commit for the lot. Each caller's promise settles only after its
 * transaction committed (nothing is reported stored before it is). If a grouped transaction fails, each
 * of its writes is retried alone, so one bad write never fails the others.
 *
 * The group is one statement (GROUP_SQL, its own transaction): the lock used to be held across a round
 * trip per write, each waiting for this process's event loop, and with several instances on one
 * database every instance's writes waited behind the busiest one's (bench/profiles/fanout.md).
 */
import type pg from 'pg';
import {
  AUDIT_CHAIN_GENESIS,
  AUDIT_INSERT_COLUMNS,
  auditContentJsonTail,
  auditInsertValues,
  type AuditContent,
} from './audit-chain.ts';
import { strOrNull, type Row } from './rows.ts';

/** The chain's newest hash within a running transaction (advanced by each row inserted). */
export interface ChainTail {
  hash: string;
}

/**
 * Takes the chain lock (held until commit) and reads the newest row's hash: for the transactions that
 * write one audit row with their own change (an assignment, team settings), outside the groups.
 */
export async function lockChainTail(client: pg.PoolClient): Promise<ChainTail> {
  const last = (await client.query<Row>('SELECT waymark_audit_chain_tail() AS hash')).rows[0];
  return { hash: last ? (strOrNull(last, 'hash') ?? AUDIT_CHAIN_GENESIS) : AUDIT_CHAIN_GENESIS };
}

/** Inserts one audit row after `tail` (whose lock the transaction holds) and advances it. */
export async function insertChainedAudit(
  client: pg.PoolClient,
  tail: ChainTail,
  values: AuditContent,
): Promise<void> {
  const { values: row, hash } = auditInsertValues(tail.hash, values);
  await client.query(
    `INSERT INTO audit (${AUDIT_INSERT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    row,
  );
  tail.hash = hash;
}

/**
 * The chain lock and tail read of the server's own group commit, done inside PostgreSQL
 * (`waymark_audit_append_chained`): takes the lock, reads the newest hash, and inserts the rows in
 * order, each hashed exactly as `auditRowHash` does — SHA-256 of `JSON.stringify([prevHash, ...content])`,
 * written as `["<prevHash>",` + the content's JSON after its `[` (`auditContentJsonTail`), the previous
 * hash being hex. Called within the statement that stores the group's updates, so the lock is held from
 * that statement to its commit with no round trip to Node in between: an instance whose event loop is
 * busy (a write being checked, a collection) no longer holds every other instance's writes behind it.
 */
export const CHAINED_WRITES_SQL = `
CREATE OR REPLACE FUNCTION waymark_audit_append_chained(
  tails text[], ats text[], events text[], users text[], devices text[], docs text[], ips text[],
  details text[], update_shas text[]
) RETURNS integer AS $$
DECLARE
  prev text;
  next_hash text;
  n integer := COALESCE(array_length(tails, 1), 0);
BEGIN
  PERFORM pg_advisory_xact_lock(7023);
  prev := COALESCE((SELECT hash FROM audit ORDER BY seq DESC LIMIT 1), '${AUDIT_CHAIN_GENESIS}');
  FOR i IN 1 .. n LOOP
    next_hash := encode(sha256(convert_to('["' || prev || '",' || tails[i], 'UTF8')), 'hex');
    INSERT INTO audit (${AUDIT_INSERT_COLUMNS})
      VALUES (ats[i], events[i], users[i], devices[i], docs[i], ips[i], details[i], update_shas[i], prev, next_hash);
    prev := next_hash;
  END LOOP;
  RETURN n;
END
$$ LANGUAGE plpgsql VOLATILE;
`;

/** An update stored with its history row and version bump, in the group's statement. */
export interface ChainedUpdate {
  readonly name: string;
  readonly data: Uint8Array;
  readonly sha256: string;
  readonly createdAt: string;
  readonly userId: string | null;
  readonly deviceId: string | null;
  /** doc_history.origin */
  readonly origin: string;
}

/** One chained write: an audit row, and the update it records (if any). */
export interface ChainedEntry {
  readonly audit: AuditContent;
  readonly update?: ChainedUpdate;
}

interface Queued {
  readonly entry: ChainedEntry;
  /** For an update: the record's updates not yet compacted, this one included. */
  readonly resolve: (pending: number | null) => void;
  readonly reject: (error: unknown) => void;
}

/** Most writes in one transaction (bounds how long the chain lock is held). */
export const MAX_GROUP = 100;

/**
 * The group's one statement: its updates (with history rows and version bumps) and its audit rows, in
 * queue order, committed together. Answers the audit rows written and, per update, how many of its
 * record's updates were stored before the statement.
 */
const GROUP_SQL = `
WITH upd AS (
  SELECT * FROM unnest($1::text[], $2::bytea[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
    WITH ORDINALITY AS u(name, data, sha256, created_at, user_id, device_id, origin, i)
), appended AS (
  INSERT INTO doc_updates (name, update_data, created_at)
  SELECT name, data, created_at FROM upd ORDER BY i RETURNING name, seq
), history AS (
  INSERT INTO doc_history (name, update_data, sha256, created_at, user_id, device_id, origin)
  SELECT name, data, sha256, created_at, user_id, device_id, origin FROM upd ORDER BY i
), versioned AS (
  INSERT INTO doc_versions (name, version) SELECT name, MAX(seq) FROM appended GROUP BY name
  ON CONFLICT (name) DO UPDATE SET version = GREATEST(doc_versions.version, excluded.version)
), audited AS (
  SELECT waymark_audit_append_chained($8::text[], $9::text[], $10::text[], $11::text[], $12::text[],
    $13::text[], $14::text[], $15::text[], $16::text[]) AS n
)
SELECT (SELECT n FROM audited) AS audited,
  ARRAY(SELECT (SELECT COUNT(*) FROM doc_updates d WHERE d.name = upd.name) FROM upd ORDER BY i) AS stored`;

function toBuffer(data: Uint8Array): Buffer {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

export class ChainedWrites {
  private readonly pool: pg.Pool;
  private queue: Queued[] = [];
  private running = false;

  constructor(pool: pg.Pool) {
    this.pool = pool;
  }

  /**
   * Stores `entry` in a statement holding the chain lock, grouped with others; settles after commit, with
   * the record's updates not yet compacted for an update (this one included), else null.
   */
  run(entry: ChainedEntry): Promise<number | null> {
    return new Promise<number | null>((resolve, reject) => {
      this.queue.push({ entry, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length > 0) {
        const group = this.queue.slice(0, MAX_GROUP);
        this.queue = this.queue.slice(group.length);
        const results = await this.commit(group).catch((error: unknown) => {
          if (group.length === 1) group[0]?.reject(error);
          return null;
        });
        if (results) {
          group.forEach((queued, i) => queued.resolve(results[i] ?? null));
          continue;
        }
        if (group.length === 1) continue;
        // The group failed (and was rolled back): each write alone, so only the bad one fails.
        for (const queued of group)
          await this.commit([queued]).then(
            (alone) => queued.resolve(alone[0] ?? null),
            (error: unknown) => queued.reject(error),
          );
      }
    } finally {
      this.running = false;
    }
  }

  /** One statement, so one transaction whose chain lock never waits on this process. */
  private async commit(group: readonly Queued[]): Promise<(number | null)[]> {
    const updates = group.flatMap((queued) => (queued.entry.update ? [queued.entry.update] : []));
    const audits = group.map((queued) => queued.entry.audit);
    const column = <T>(rows: readonly T[], pick: (row: T) => string | null): (string | null)[] =>
      rows.map(pick);
    const result = await this.pool.query<Row>(GROUP_SQL, [
      column(updates, (u) => u.name),
      updates.map((u) => toBuffer(u.data)),
      column(updates, (u) => u.sha256),
      column(updates, (u) => u.createdAt),
      column(updates, (u) => u.userId),
      column(updates, (u) => u.deviceId),
      column(updates, (u) => u.origin),
      audits.map(auditContentJsonTail),
      column(audits, (a) => a.at),
      column(audits, (a) => a.event),
      column(audits, (a) => a.userId),
      column(audits, (a) => a.deviceId),
      column(audits, (a) => a.docName),
      column(audits, (a) => a.ip),
      column(audits, (a) => a.detail),
      column(audits, (a) => a.updateSha256),
    ]);
    const row = result.rows[0];
    const stored = (row?.['stored'] ?? []) as (string | number)[];
    if (!row || Number(row['audited']) !== audits.length || stored.length !== updates.length)
      throw new Error('chained writes: the group statement did not store every row');
    // Stored before the statement, plus this group's own updates to the same record.
    const inGroup = new Map<string, number>();
    for (const update of updates) inGroup.set(update.name, (inGroup.get(update.name) ?? 0) + 1);
    let u = 0;
    return group.map((queued) => {
      const update = queued.entry.update;
      if (!update) return null;
      const before = Number(stored[u]);
      u += 1;
      return before + (inGroup.get(update.name) ?? 1);
    });
  }
}

/** Runs `fn` in one transaction on one pooled connection (rolled back if it throws). */
export async function inTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
