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
 *
 * "Seen" means seen by the person, not merely present on the device: an edit made in a form opened
 * before another person's change arrived carries the state the form showed (`WriteContext.seen`, a
 * Y.Snapshot), and supersedes only the writes visible in it (and this device's own), so the change that
 * arrived meanwhile stays beside it as a contest instead of being silently replaced.
 *
 * Each write also keeps the time of day (`at`), where the value came from when it was not typed by the
 * writer (`src`: generated demo data, an import) and the keys it superseded (`was`), so a document that
 * keeps deleted content (Y.Doc gc: false) holds every field's whole history: who changed what from what
 * to what, and when (fieldWrites, readFieldsAsOf).
 */
import * as Y from 'yjs';
import { isIsoDate, type IsoDate } from '../domain/dates.ts';
import { ValidationError, type FieldIssue } from '../domain/errors.ts';
import type { ContestedCandidate } from '../domain/model.ts';

/** Separates the field path from the write key. Field paths never contain it. */
export const WRITE_SEPARATOR = '\u001f';

/** Where values came from when nobody typed them in: shown in the record's history instead of a person. */
export const WRITE_SOURCES = ['generated-demo-data', 'imported'] as const;
export type WriteSource = (typeof WRITE_SOURCES)[number];

/** Who is writing, and on what day: stored with every write so a contest can be shown to people. */
export interface WriteContext {
  /** The user id of the writer. */
  readonly writer: string;
  readonly today: IsoDate;
  /** When the change is made (a date-time with time zone), for the record's history. */
  readonly at?: string;
  /** Set when the values were not typed by the writer (generated demo data, an import). */
  readonly source?: WriteSource;
  /**
   * The state the person saw when they made the edit (Y.snapshot of the doc when the form opened).
   * Without it the writer is taken to have seen everything on this device.
   */
  readonly seen?: Y.Snapshot;
}

/** What is stored under each write key. Short names: there are many of these in a document. */
export interface StoredWrite {
  readonly v: unknown;
  readonly by: string;
  readonly on: IsoDate;
  /** Date-time of the write (absent in writes made before it was kept). */
  readonly at?: string;
  readonly src?: WriteSource;
  /** The write keys this write superseded (absent in writes made before it was kept). */
  readonly was?: readonly string[];
}

export type RegisterMap = Y.Map<unknown>;

export function checkWriteContext(ctx: WriteContext): void {
  const issues: FieldIssue[] = [];
  if (typeof ctx.writer !== 'string' || ctx.writer.trim() === '')
    issues.push({ field: 'writer', message: 'must name the user making the change' });
  if (!isIsoDate(ctx.today))
    issues.push({ field: 'today', message: 'must be a real date written yyyy-MM-dd' });
  if (ctx.at !== undefined && (typeof ctx.at !== 'string' || Number.isNaN(Date.parse(ctx.at))))
    issues.push({ field: 'at', message: 'must be a date-time such as 2025-03-04T10:30:00Z' });
  if (ctx.source !== undefined && !WRITE_SOURCES.includes(ctx.source))
    issues.push({ field: 'source', message: `must be one of ${WRITE_SOURCES.join(', ')}` });
  if (issues.length > 0) throw new ValidationError('write context', issues);
}

function writeKey(map: RegisterMap): string {
  const doc = map.doc;
  if (doc === null) throw new Error('A register map must belong to a Y.Doc before it is written');
  return `${doc.clientID.toString(36)}.${Y.getState(doc.store, doc.clientID).toString(36)}`;
}

/** The field a write key belongs to, or null for keys this mechanism did not write. */
export function fieldOfKey(key: string): string | null {
  const at = key.indexOf(WRITE_SEPARATOR);
  return at < 0 ? null : key.slice(0, at);
}

/** Whether an item existed, and had not been deleted, in a snapshot (Yjs's isVisible, not exported). */
function visibleIn(item: Y.Item, snapshot: Y.Snapshot): boolean {
  return (snapshot.sv.get(item.id.client) ?? 0) > item.id.clock && !Y.isDeleted(snapshot.ds, item.id);
}

/** Whether the person making a write saw the write under `key`: in their snapshot, or made on this device. */
function sawWrite(map: RegisterMap, key: string, seen: Y.Snapshot | undefined): boolean {
  if (seen === undefined) return true;
  const item = map._map.get(key);
  if (item === undefined) return false;
  return item.id.client === map.doc?.clientID || visibleIn(item, seen);
}

/**
 * Writes several fields of one register map, superseding the writes of those fields the writer saw
 * (all on the device unless ctx.seen says otherwise); anything else stays as a contest. Call inside
 * doc.transact.
 */
export function writeFields(
  map: RegisterMap,
  values: Readonly<Record<string, unknown>>,
  ctx: WriteContext,
): void {
  const fields = new Set(Object.keys(values));
  if (fields.size === 0) return;
  const superseded = new Map<string, string[]>();
  if (map.size > 0)
    for (const key of [...map.keys()]) {
      const field = fieldOfKey(key);
      if (field === null || !fields.has(field) || !sawWrite(map, key, ctx.seen)) continue;
      superseded.set(field, [...(superseded.get(field) ?? []), key]);
      map.delete(key);
    }
  for (const field of fields) {
    const write: StoredWrite = {
      v: values[field] ?? null,
      by: ctx.writer,
      on: ctx.today,
      ...(ctx.at === undefined ? {} : { at: ctx.at }),
      ...(ctx.source === undefined ? {} : { src: ctx.source }),
      was: superseded.get(field) ?? [],
    };
    map.set(`${field}${WRITE_SEPARATOR}${writeKey(map)}`, write);
  }
}

export function isStoredWrite(value: unknown): value is StoredWrite {
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

interface KeyedWrite {
  readonly key: string;
  readonly write: StoredWrite;
}

/** The value of each field and its contests, from the writes that stand (see readFields). */
function settle(standing: Iterable<KeyedWrite>): FieldsRead {
  const writes = new Map<string, KeyedWrite[]>();
  for (const entry of standing) {
    const field = fieldOfKey(entry.key);
    if (field === null) continue;
    const list = writes.get(field);
    if (list === undefined) writes.set(field, [entry]);
    else list.push(entry);
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

function* liveWrites(map: RegisterMap): Generator<KeyedWrite> {
  for (const [key, write] of map.entries()) if (isStoredWrite(write)) yield { key, write };
}

/**
 * Reads every field of a register map. Keys without a separator (not written by this mechanism) and
 * malformed writes are ignored. Concurrent writes of the same value are not a contest.
 */
export function readFields(map: RegisterMap): FieldsRead {
  return settle(liveWrites(map));
}

/** One write of a field as the document still holds it, whether it stands or was superseded. */
export interface FieldWrite extends KeyedWrite {
  readonly field: string;
  /** Still standing (not superseded). */
  readonly live: boolean;
  /** Who made the write, as Yjs numbers it (client, clock): orders one writer's writes. */
  readonly client: number;
  readonly clock: number;
}

/**
 * Every write of every field the map still holds, including superseded ones whose content the
 * document kept (Y.Doc gc: false). A superseded write whose content was garbage-collected is left out.
 */
export function fieldWrites(map: RegisterMap): FieldWrite[] {
  const out: FieldWrite[] = [];
  for (const [key, item] of map._map) {
    const field = fieldOfKey(key);
    if (field === null) continue;
    const write: unknown = item.content.getContent().at(-1);
    if (!isStoredWrite(write)) continue;
    out.push({ key, field, write, live: !item.deleted, client: item.id.client, clock: item.id.clock });
  }
  return out;
}

/** When a write was made, for ordering: its date-time, or the start of its day when only that was kept. */
export function writeMoment(write: StoredWrite): string {
  return write.at !== undefined && !Number.isNaN(Date.parse(write.at))
    ? new Date(write.at).toISOString()
    : `${write.on}T00:00:00.000Z`;
}

/** Orders writes as they happened: by moment, then one writer's writes by clock. */
export function compareWrites(a: FieldWrite, b: FieldWrite): number {
  const [left, right] = [writeMoment(a.write), writeMoment(b.write)];
  if (left !== right) return left < right ? -1 : 1;
  if (a.client === b.client) return a.clock - b.clock;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/**
 * The writes of one field that each write superseded: its `was` keys, or, for writes made before
 * those were kept, the write of the same field just before it.
 */
export function supersededBy(writes: readonly FieldWrite[]): Map<string, string[]> {
  const byField = new Map<string, FieldWrite[]>();
  for (const write of writes) byField.set(write.field, [...(byField.get(write.field) ?? []), write]);
  const out = new Map<string, string[]>();
  for (const list of byField.values()) {
    list.sort(compareWrites);
    list.forEach((write, index) => {
      const previous = list[index - 1];
      out.set(write.key, write.write.was ? [...write.write.was] : previous ? [previous.key] : []);
    });
  }
  return out;
}

/**
 * Reads a register map as it stood at the end of `date`: the writes made by then that no write made by
 * then superseded. Needs the superseded content (Y.Doc gc: false) to be exact.
 */
export function readFieldsAsOf(map: RegisterMap, date: IsoDate): FieldsRead {
  const made = fieldWrites(map).filter((entry) => entry.write.on <= date);
  const superseded = new Set([...supersededBy(made).values()].flat());
  return settle(made.filter((entry) => !superseded.has(entry.key)));
}

/** Reads a register map as the person who took `seen` saw it (with this device's own writes). */
export function readFieldsSeen(map: RegisterMap, seen: Y.Snapshot): FieldsRead {
  return settle(
    fieldWrites(map).filter((entry) => {
      const item = map._map.get(entry.key);
      if (item === undefined) return false;
      return visibleIn(item, seen) || (item.id.client === map.doc?.clientID && entry.live);
    }),
  );
}
