/**
 * The audit log's hash chain (issue 13, finding 9): every audit row carries the hash of the row before
 * it (`prevHash`) and its own hash over its content and that link, so removing, inserting or changing a
 * row anywhere breaks the chain from that row on — even for someone who can drop the append-only
 * triggers. `verifyAuditChain` walks the log in order and names the first broken link.
 *
 * The chain proves the log was not edited in the middle; it cannot show that the newest rows were cut
 * off. `waymark-admin audit verify` prints the row count and the last hash, which operations can keep
 * somewhere else (e.g. in the backup log) to detect that too.
 */
import { createHash } from 'node:crypto';
import type { AuditEntry, AuditRow, ChangeAuthor } from './types.ts';

/** The `prevHash` of the first row. */
export const AUDIT_CHAIN_GENESIS = '0'.repeat(64);

/** The hashed content of a row: everything except its position (seq) and its own hash. */
export type AuditContent = Pick<
  AuditRow,
  'at' | 'event' | 'userId' | 'deviceId' | 'docName' | 'ip' | 'detail' | 'updateSha256'
>;

export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A row's hashed content, in hashing order. */
function hashedContent(row: AuditContent): (string | null)[] {
  return [row.at, row.event, row.userId, row.deviceId, row.docName, row.ip, row.detail, row.updateSha256];
}

/** The hash of one row: SHA-256 over the previous row's hash and this row's content, unambiguously encoded. */
export function auditRowHash(prevHash: string, row: AuditContent): string {
  return sha256Hex(JSON.stringify([prevHash, ...hashedContent(row)]));
}

/**
 * What `auditRowHash` hashes after `["<prevHash>",` (the previous hash is hex, so it needs no escaping):
 * PostgreSQL completes and hashes it once it holds the chain's tail (postgres-chained-writes.ts).
 */
export function auditContentJsonTail(row: AuditContent): string {
  return JSON.stringify(hashedContent(row)).slice(1);
}

/** The `doc.change` audit entry of an update stored for `author` (both stores). */
export function docChangeEntry(name: string, author: ChangeAuthor, bytes: number): AuditEntry {
  return {
    event: 'doc.change',
    userId: author.userId,
    deviceId: author.deviceId,
    docName: name,
    ip: author.ip,
    detail: `updates=1 bytes=${bytes}`,
  };
}

/** The audit table's columns in insert order (both stores). */
export const AUDIT_INSERT_COLUMNS =
  'at, event, user_id, device_id, doc_name, ip, detail, update_sha256, prev_hash, hash';

/** A row's values for AUDIT_INSERT_COLUMNS, linked to `prevHash`; `hash` is the row's own hash. */
export function auditInsertValues(
  prevHash: string,
  row: AuditContent,
): { values: (string | null)[]; hash: string } {
  const hash = auditRowHash(prevHash, row);
  const { at, event, userId, deviceId, docName, ip, detail, updateSha256 } = row;
  return { values: [at, event, userId, deviceId, docName, ip, detail, updateSha256, prevHash, hash], hash };
}

export interface AuditChainBreak {
  readonly seq: number;
  readonly problem: string;
}

export interface AuditChainReport {
  /** Rows checked. */
  readonly rows: number;
  /** The hash of the last row checked (the genesis value for an empty log). */
  readonly lastHash: string;
  /** The first broken link, or null when the whole chain holds. */
  readonly broken: AuditChainBreak | null;
}

/** Reads the audit log oldest first, a page at a time: rows with seq > afterSeq, at most `limit`. */
export type AuditPageReader = (afterSeq: number, limit: number) => Promise<AuditRow[]>;

/** Walks the whole log in order and reports the first row whose link or content does not check out. */
export async function verifyAuditChain(read: AuditPageReader, pageSize = 1000): Promise<AuditChainReport> {
  let expectedPrev = AUDIT_CHAIN_GENESIS;
  let afterSeq = 0;
  let rows = 0;
  for (;;) {
    const page = await read(afterSeq, pageSize);
    for (const row of page) {
      rows += 1;
      if (row.hash === null || row.prevHash === null)
        return { rows, lastHash: expectedPrev, broken: { seq: row.seq, problem: 'the row has no hash' } };
      if (row.prevHash !== expectedPrev)
        return {
          rows,
          lastHash: expectedPrev,
          broken: {
            seq: row.seq,
            problem: 'its link does not match the row before it (a row was removed, inserted or reordered)',
          },
        };
      if (auditRowHash(row.prevHash, row) !== row.hash)
        return {
          rows,
          lastHash: expectedPrev,
          broken: { seq: row.seq, problem: 'its content does not match its hash (the row was changed)' },
        };
      expectedPrev = row.hash;
      afterSeq = row.seq;
    }
    if (page.length < pageSize) return { rows, lastHash: expectedPrev, broken: null };
  }
}
