import * as Y from 'yjs';
import { fromBase64, toBase64 } from 'lib0/buffer';
import { z } from 'zod';
import type { RecordStore } from './record-store.ts';
import { BACKUP_ORIGIN } from './origins.ts';

export const BACKUP_FORMAT = 'waymark-backup';
export const BACKUP_VERSION = 1;

const backupSchema = z.object({
  format: z.literal(BACKUP_FORMAT, { error: `Not a Waymark backup: "format" must be "${BACKUP_FORMAT}".` }),
  version: z.literal(BACKUP_VERSION, {
    error: `This backup's version is not supported: "version" must be ${BACKUP_VERSION}.`,
  }),
  exportedAt: z.iso.datetime({ error: '"exportedAt" must be an ISO date-time.' }),
  records: z.array(
    z.object({
      id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'record "id" must be 1–64 letters, digits, _ or -'),
      /** The record's full Yjs state, base64: merging it back loses nothing, even edits made since. */
      state: z.string().min(1, 'record "state" is empty'),
      /** A readable copy of the record, for people; import uses "state". */
      record: z.unknown().optional(),
    }),
  ),
});

export type BackupFile = z.infer<typeof backupSchema>;

/** Problems found in a backup: the file as a whole, or named records in it. Nothing was imported. */
export class BackupImportError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`The backup was not imported (nothing was changed):\n- ${problems.join('\n- ')}`);
    this.name = 'BackupImportError';
    this.problems = problems;
  }
}

export interface BackupCodec {
  /** A readable copy of the record held in a doc. */
  readable(doc: Y.Doc): unknown;
  /** What is wrong with the record held in a doc (empty when it is valid). */
  problems(doc: Y.Doc): string[];
}

/** Writes the named records (default: every local record) to a backup object. */
export async function exportBackup(
  store: RecordStore,
  codec: BackupCodec,
  ids?: readonly string[],
): Promise<BackupFile> {
  const chosen = ids ?? (await store.recordIds());
  const records: BackupFile['records'] = [];
  for (const id of chosen) {
    const lease = await store.acquire(id);
    try {
      records.push({
        id,
        state: toBase64(Y.encodeStateAsUpdate(lease.doc)),
        record: codec.readable(lease.doc),
      });
    } finally {
      lease.release();
    }
  }
  return { format: BACKUP_FORMAT, version: BACKUP_VERSION, exportedAt: new Date().toISOString(), records };
}

/**
 * Imports a backup (parsed JSON or text). Every record is decoded and validated in memory first; if
 * any is bad, a BackupImportError lists each problem by record and nothing is written. Valid records
 * are merged into the local ones (CRDT merge: local edits made since the backup are kept).
 */
export async function importBackup(
  store: RecordStore,
  codec: BackupCodec,
  input: unknown,
): Promise<{ imported: string[] }> {
  let data: unknown = input;
  if (typeof input === 'string') {
    try {
      data = JSON.parse(input);
    } catch {
      throw new BackupImportError(['The file is not JSON, so it cannot be a Waymark backup.']);
    }
  }
  const parsed = backupSchema.safeParse(data);
  if (!parsed.success) {
    throw new BackupImportError(
      parsed.error.issues.map((issue) => {
        const where = issue.path.length > 0 ? ` (at ${issue.path.join('.')})` : '';
        return `${issue.message}${where}`;
      }),
    );
  }
  const problems: string[] = [];
  const staged: { id: string; update: Uint8Array }[] = [];
  const seen = new Set<string>();
  parsed.data.records.forEach(({ id, state }, index) => {
    const label = `Record ${index + 1} (${id})`;
    if (seen.has(id)) return problems.push(`${label}: appears more than once in the backup.`);
    seen.add(id);
    let update: Uint8Array;
    const doc = new Y.Doc();
    try {
      update = fromBase64(state);
      Y.applyUpdate(doc, update);
    } catch {
      return problems.push(`${label}: "state" is not a valid Waymark record encoding.`);
    }
    const recordProblems = codec.problems(doc);
    if (recordProblems.length > 0) return problems.push(...recordProblems.map((p) => `${label}: ${p}`));
    staged.push({ id, update });
  });
  if (problems.length > 0) throw new BackupImportError(problems);
  for (const { id, update } of staged) await store.merge(id, update, BACKUP_ORIGIN);
  return { imported: staged.map(({ id }) => id) };
}
