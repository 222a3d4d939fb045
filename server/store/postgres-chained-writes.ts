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
 */
import type pg from 'pg';
import {
  AUDIT_CHAIN_GENESIS,
  AUDIT_INSERT_COLUMNS,
  auditInsertValues,
  type AuditContent,
} from './audit-chain.ts';
import { strOrNull, type Row } from './rows.ts';

/** The chain's newest hash within a running transaction (advanced by each row inserted). */
export interface ChainTail {
  hash: string;
}

/** One write: runs inside the group's transaction, after the chain lock is taken. */
export type ChainedWrite<T> = (client: pg.PoolClient, tail: ChainTail) => Promise<T>;

/** Takes the chain lock (held until commit) and reads the newest row's hash. */
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

interface Queued {
  readonly write: ChainedWrite<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

/** Most writes in one transaction (bounds how long the chain lock is held). */
export const MAX_GROUP = 100;

export class ChainedWrites {
  private readonly pool: pg.Pool;
  private queue: Queued[] = [];
  private running = false;

  constructor(pool: pg.Pool) {
    this.pool = pool;
  }

  /** Runs `write` in a transaction holding the chain lock, grouped with others; settles after commit. */
  run<T>(write: ChainedWrite<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ write, resolve: resolve as (value: unknown) => void, reject });
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
          group.forEach((queued, i) => queued.resolve(results[i]));
          continue;
        }
        if (group.length === 1) continue;
        // The group failed (and was rolled back): each write alone, so only the bad one fails.
        for (const queued of group)
          await this.commit([queued]).then(
            (alone) => queued.resolve(alone[0]),
            (error: unknown) => queued.reject(error),
          );
      }
    } finally {
      this.running = false;
    }
  }

  private commit(group: readonly Queued[]): Promise<unknown[]> {
    return inTransaction(this.pool, async (client) => {
      const tail = await lockChainTail(client);
      const results: unknown[] = [];
      for (const queued of group) results.push(await queued.write(client, tail));
      return results;
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
