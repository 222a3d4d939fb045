/**
 * Single-valued fields that show when they were contested: a multi-value register on a Y.Map.
 *
 * Yjs resolves two concurrent `map.set(field, …)` calls by keeping one and silently dropping the other.
 * Instead, every write of a field goes under its own key, `field + SEP + writeKey`, where the write key
 * (client id and clock) is unique to that write, and deletes the keys of that field that the writer has
 * seen. After a merge:
 *  - writes made one after another leave one key (each writer deleted what it saw): the field's value;
 *  - writes made concurrently (offline) leave one key each, since neither saw the other: the field is
 *    contested, and every candidate value is kept with who wrote it and when.
 * The next write of the field, made by someone who has seen all candidates, deletes them all and settles
 * it. No value is ever lost without someone having seen it. Readers pick a deterministic winner (latest
 * date, then highest key) so every replica shows the same value while the contest is open.
 */
import * as Y from 'yjs';
import { isIsoDate, type IsoDate } from '../domain/dates.ts';
import { ValidationError, type FieldIssue } from '../domain/errors.ts';
import type { ContestedCandidate } from '../domain/model.ts';

/** Separates the field path from the write key. Field paths never contain it. */
export const WRITE_SEPARATOR = '\u001f';

/** Who is writing, and on what day: stored with every write so a contest can be shown to people. */
export interface WriteContext {
  /** The user id of the writer. */
  readonly writer: string;
  readonly today: IsoDate;
}

/** What is stored under each write key. Short names: there are many of these in a document. */
interface StoredWrite {
  readonly v: unknown;
  readonly by: string;
  readonly on: IsoDate;
}

export type RegisterMap = Y.Map<unknown>;

export function checkWriteContext(ctx: WriteContext): void {
  const issues: FieldIssue[] = [];
  if (typeof ctx.writer !== 'string' || ctx.writer.trim() === '')
    issues.push({ field: 'writer', message: 'must name the user making the change' });
  if (!isIsoDate(ctx.today))
    issues.push({ field: 'today', message: 'must be a real date written yyyy-MM-dd' });
  if (issues.length > 0) throw new ValidationError('write context', issues);
}

function writeKey(map: RegisterMap): string {
  const doc = map.doc;
  if (doc === null) throw new Error('A register map must belong to a Y.Doc before it is written');
  return `${doc.clientID.toString(36)}.${Y.getState(doc.store, doc.clientID).toString(36)}`;
}

/** Writes several fields of one register map, settling any contest on them. Call inside doc.transact. */
export function writeFields(
  map: RegisterMap,
  values: Readonly<Record<string, unknown>>,
  ctx: WriteContext,
): void {
  const fields = new Set(Object.keys(values));
  if (fields.size === 0) return;
  if (map.size > 0)
    for (const key of [...map.keys()]) {
      const at = key.indexOf(WRITE_SEPARATOR);
      if (at >= 0 && fields.has(key.slice(0, at))) map.delete(key);
    }
  for (const field of fields) {
    const write: StoredWrite = { v: values[field] ?? null, by: ctx.writer, on: ctx.today };
    map.set(`${field}${WRITE_SEPARATOR}${writeKey(map)}`, write);
  }
}

function isStoredWrite(value: unknown): value is StoredWrite {
  if (typeof value !== 'object' || value === null || !('v' in value)) return false;
  const { by, on } = value as { by?: unknown; on?: unknown };
  return typeof by === 'string' && typeof on === 'string';
}

export interface FieldsRead {
  /** The value of each field (the deterministic winner when contested). */
  readonly values: Record<string, unknown>;
  /** For each contested field, every candidate, winner first. */
  readonly contested: Record<string, ContestedCandidate[]>;
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Reads every field of a register map. Keys without a separator (not written by this mechanism) and
 * malformed writes are ignored. Concurrent writes of the same value are not a contest.
 */
export function readFields(map: RegisterMap): FieldsRead {
  const writes = new Map<string, { key: string; write: StoredWrite }[]>();
  for (const [key, value] of map.entries()) {
    const at = key.indexOf(WRITE_SEPARATOR);
    if (at < 0 || !isStoredWrite(value)) continue;
    const field = key.slice(0, at);
    const list = writes.get(field);
    if (list === undefined) writes.set(field, [{ key, write: value }]);
    else list.push({ key, write: value });
  }
  const values: Record<string, unknown> = {};
  const contested: Record<string, ContestedCandidate[]> = {};
  for (const [field, list] of writes) {
    list.sort((a, b) =>
      a.write.on !== b.write.on
        ? a.write.on < b.write.on
          ? 1
          : -1
        : a.key < b.key
          ? 1
          : a.key > b.key
            ? -1
            : 0,
    );
    const [winner] = list;
    if (winner === undefined) continue;
    values[field] = winner.write.v;
    if (list.some((entry) => !sameValue(entry.write.v, winner.write.v)))
      contested[field] = list.map(({ write }) => ({ value: write.v, by: write.by, on: write.on }));
  }
  return { values, contested };
}
