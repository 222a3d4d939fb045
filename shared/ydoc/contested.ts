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
import { WRITERS_MAP } from './schema.ts';

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

/**
 * A write as readers see it, whichever encoding stored it (see schema.ts, "Record encoding"): version 1
 * stores exactly this under each write key; version 2 stores it compactly (CompactWrite) and readers
 * resolve it to this.
 */
export interface StoredWrite {
  readonly v: unknown;
  readonly by: string;
  readonly on: IsoDate;
  /** Date-time of the write (absent in writes made before it was kept). */
  readonly at?: string;
  readonly src?: WriteSource;
  /** The write keys this write superseded (absent in version 1 writes made before it was kept). */
  readonly was?: readonly string[];
}

/**
 * A version 2 write, as stored. Single-letter names: there are many of these in a document.
 *  - v: the value; for an entry's creation (key without a field), an object of every field's value;
 *  - a: date-time of the write; d: its day, left out when it is the date part of `a`;
 *  - s: where the values came from when nobody typed them (WRITE_SOURCES);
 *  - p: the write keys it superseded, without the field (`client.clock`), left out when none;
 *  - b: the writer, only when it is not the writer registered for the write key's client (WRITERS_MAP).
 */
export interface CompactWrite {
  readonly v: unknown;
  readonly a?: string;
  readonly d?: IsoDate;
  readonly s?: WriteSource;
  readonly p?: readonly string[];
  readonly b?: string;
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

/** The write key of the next item this document's client writes: `client.clock` in base 36. */
function writeKey(map: RegisterMap): string {
  const doc = map.doc;
  if (doc === null) throw new Error('A register map must belong to a Y.Doc before it is written');
  return `${doc.clientID.toString(36)}.${Y.getState(doc.store, doc.clientID).toString(36)}`;
}

/**
 * The field a write key belongs to, or null for keys this mechanism did not write. An entry's creation
 * (version 2) has a key with no field before the separator: its field is ''.
 */
export function fieldOfKey(key: string): string | null {
  const at = key.indexOf(WRITE_SEPARATOR);
  return at < 0 ? null : key.slice(0, at);
}

/** The `client.clock` part of a write key (after the separator). */
function suffixOfKey(key: string): string {
  return key.slice(key.indexOf(WRITE_SEPARATOR) + 1);
}

/** The Yjs client (base 36) that a write key names. */
function clientOfKey(key: string): string {
  const suffix = suffixOfKey(key);
  const dot = suffix.indexOf('.');
  return dot < 0 ? suffix : suffix.slice(0, dot);
}

/**
 * The writer registered for a Yjs client (base 36) in the document's writers map. A registration's
 * content is read even when it was deleted (an undo of the change that made it): documents keep
 * deleted content (gc: false), and the writes it names still stand.
 */
export function registeredWriter(doc: Y.Doc | null, client: string): string | undefined {
  if (doc === null) return undefined;
  const item = doc.getMap<unknown>(WRITERS_MAP)._map.get(client);
  const writer: unknown = item?.content.getContent().at(-1);
  return typeof writer === 'string' && writer !== '' ? writer : undefined;
}

/**
 * What a write made now should carry of its writer: nothing when the writer is (or is now made) the
 * one registered for this client; `b` when another writer is registered for it (one Y.Doc used by two
 * people in turn). Registers the writer on a client's first write in the document.
 */
function writerOfNewWrite(doc: Y.Doc, writer: string): { b?: string } {
  const client = doc.clientID.toString(36);
  const writers = doc.getMap<unknown>(WRITERS_MAP);
  const registered = registeredWriter(doc, client);
  if (registered === undefined) {
    writers.set(client, writer);
    return {};
  }
  if (registered !== writer) return { b: writer };
  // Registered, then taken back by an undo of the change that registered it: registered again (the
  // same writer), so a copy that collects deleted content (gc on) can still name this write's writer.
  if (writers._map.get(client)?.deleted === true) writers.set(client, writer);
  return {};
}

const isString = (value: unknown): value is string => typeof value === 'string';

/** A version 1 write: `{v, by, on, …}` (contested.ts before version 2). */
function isVersion1Write(value: unknown): value is StoredWrite {
  if (typeof value !== 'object' || value === null || !('v' in value)) return false;
  const { by, on } = value as { by?: unknown; on?: unknown };
  return typeof by === 'string' && typeof on === 'string';
}

/** Whether a stored value has the shape of a version 2 write (its writer and day are not checked). */
export function isCompactWrite(value: unknown): value is CompactWrite {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !('v' in value)) return false;
  if ('by' in value || 'on' in value) return false;
  const { a, d, s, p, b } = value as Record<string, unknown>;
  if (a !== undefined && (!isString(a) || Number.isNaN(Date.parse(a)))) return false;
  if (d !== undefined && !isIsoDate(d)) return false;
  if (a === undefined && d === undefined) return false;
  if (s !== undefined && !WRITE_SOURCES.includes(s as WriteSource)) return false;
  if (p !== undefined && !(Array.isArray(p) && p.every(isString))) return false;
  return b === undefined || (isString(b) && b !== '');
}

/**
 * The write stored under `key` of a register map of `doc`, whichever version wrote it, or null when the
 * value is not a write (or a version 2 write whose writer cannot be found). For an entry's creation
 * (field '') `v` is the object of its fields' values.
 */
export function storedWriteOf(doc: Y.Doc | null, key: string, value: unknown): StoredWrite | null {
  if (isVersion1Write(value)) return value;
  if (!isCompactWrite(value)) return null;
  const field = fieldOfKey(key);
  if (field === null) return null;
  if (field === '' && (typeof value.v !== 'object' || value.v === null || Array.isArray(value.v)))
    return null;
  const by = value.b ?? registeredWriter(doc, clientOfKey(key));
  const on = value.d ?? value.a?.slice(0, 10);
  if (by === undefined || on === undefined || !isIsoDate(on)) return null;
  return {
    v: value.v,
    by,
    on,
    ...(value.a === undefined ? {} : { at: value.a }),
    ...(value.s === undefined ? {} : { src: value.s }),
    was: (value.p ?? []).map((suffix) => `${field}${WRITE_SEPARATOR}${suffix}`),
  };
}

/** Whether an item existed, and had not been deleted, in a snapshot (Yjs's isVisible, not exported). */
function visibleIn(item: Y.Item, snapshot: Y.Snapshot): boolean {
  return (snapshot.sv.get(item.id.client) ?? 0) > item.id.clock && !Y.isDeleted(snapshot.ds, item.id);
}

/** Whether the person making a write saw the item holding a write: in their snapshot, or made here. */
function sawItem(item: Y.Item, doc: Y.Doc | null, seen: Y.Snapshot | undefined): boolean {
  return seen === undefined || item.id.client === doc?.clientID || visibleIn(item, seen);
}

interface KeyedWrite {
  readonly key: string;
  readonly write: StoredWrite;
}

/** One write of a field as the document still holds it, whether it stands or was superseded. */
export interface FieldWrite extends KeyedWrite {
  readonly field: string;
  /** Still standing (not superseded). */
  readonly live: boolean;
  /** Who made the write, as Yjs numbered it (client, clock; from its key): orders one writer's writes. */
  readonly client: number;
  readonly clock: number;
}

/**
 * The Yjs id a write was made with, from its key (`client.clock`): the item's own id for every write as
 * made; a write put back by an undo, or carried over by a migration (migrate-record.ts), keeps it.
 */
function writeIdOf(key: string, item: Y.Item): { client: number; clock: number } {
  const suffix = suffixOfKey(key);
  const dot = suffix.indexOf('.');
  const client = Number.parseInt(suffix.slice(0, dot), 36);
  const clock = Number.parseInt(suffix.slice(dot + 1), 36);
  return dot > 0 && Number.isSafeInteger(client) && Number.isSafeInteger(clock)
    ? { client, clock }
    : { client: item.id.client, clock: item.id.clock };
}

/**
 * Yjs client ids below this are kept for the server's in-place migration (migrate-in-place.ts): it
 * writes, under each version 1 write's own key, that write in version 2 form with such a client id.
 * A laptop's record documents never write with one (`keepClearOfMigrationClients`), so a put-back write
 * of its undo always wins over a migrated copy of the same key.
 */
export const MIGRATION_CLIENT_LIMIT = 2 ** 16;

/**
 * Gives a document that will write as a device (a laptop's record, before anything is written in it) a
 * client id at or above MIGRATION_CLIENT_LIMIT: Yjs draws one at random from all 2^32, which falls in
 * the migration's range about once in 65,536 sessions.
 */
export function keepClearOfMigrationClients(doc: Y.Doc): void {
  if (doc.clientID < MIGRATION_CLIENT_LIMIT)
    doc.clientID = MIGRATION_CLIENT_LIMIT + Math.floor(Math.random() * (2 ** 32 - MIGRATION_CLIENT_LIMIT));
}

/**
 * Whether a write held in its own item is a migrated copy (migrate-in-place.ts): written by a migration
 * client under a key naming another write. Such a copy stands while its item does and no standing write
 * superseded its key (through `was` lists), like a creation's field: a device that had not seen the
 * migration superseded the version 1 item the copy replaced, and that deletion cannot reach the copy.
 */
function isMigratedCopy(key: string, item: Y.Item): boolean {
  if (item.id.client >= MIGRATION_CLIENT_LIMIT) return false;
  return suffixOfKey(key) !== `${item.id.client.toString(36)}.${item.id.clock.toString(36)}`;
}

/** A FieldWrite with the item that holds it (for an entry creation's fields: the creation's item). */
interface HeldWrite extends FieldWrite {
  readonly item: Y.Item;
}

/** The writes an item holds: one, or one per field of an entry's creation (version 2). */
function writesOfItem(doc: Y.Doc | null, key: string, item: Y.Item): KeyedWrite[] {
  const write = storedWriteOf(doc, key, item.content.getContent().at(-1));
  if (write === null) return [];
  if (fieldOfKey(key) !== '') return [{ key, write }];
  const suffix = suffixOfKey(key);
  return Object.entries(write.v as Record<string, unknown>)
    .filter(([field]) => field !== '' && !field.includes(WRITE_SEPARATOR))
    .map(([field, v]) => ({ key: `${field}${WRITE_SEPARATOR}${suffix}`, write: { ...write, v, was: [] } }));
}

/**
 * Every write the map holds (content kept), each with whether it stands by `isLive`. A write with its
 * own item stands while its item does; a field of an entry's creation stands while the creation's item
 * does and no write that stands superseded it, directly or through writes superseded since (their `was`
 * lists, followed through deleted content): the creation cannot be deleted for one field, so superseding
 * it is recorded only there. An undone first edit (deleted, superseded by nothing) gives the field's
 * creation value back, as undoing a version 1 write restores the write it superseded. Where a write of
 * a field was superseded and its content collected (a document with gc on, whose chain of `was` lists
 * cannot be followed past it), the field's creation values are taken as superseded: an edit of the
 * field came after them.
 */
function heldWrites(map: RegisterMap, isLive: (item: Y.Item) => boolean): HeldWrite[] {
  const doc = map.doc;
  // In the map's order (the order things were written), a creation's fields where the creation is.
  const all: HeldWrite[] = [];
  /** Writes whose content was collected (deleted, in a document with gc on): key → field. */
  const collected = new Map<string, string>();
  let chained = false;
  for (const [key, item] of map._map) {
    const field = fieldOfKey(key);
    if (field === null) continue;
    if (item.content instanceof Y.ContentDeleted) collected.set(key, field);
    if (field === '' || isMigratedCopy(key, item)) chained = true;
    for (const keyed of writesOfItem(doc, key, item))
      all.push({
        ...keyed,
        field: field === '' ? (fieldOfKey(keyed.key) ?? '') : field,
        item,
        live: isLive(item),
        ...writeIdOf(keyed.key, item),
      });
  }
  if (!chained) return all;
  const own = all.filter((write) => write.item.parentSub === write.key);
  const byKey = new Map(own.map((write) => [write.key, write]));
  const superseded = new Set<string>();
  const queue = own.filter((write) => write.live);
  for (let next = queue.pop(); next !== undefined; next = queue.pop())
    for (const key of next.write.was ?? []) {
      if (superseded.has(key)) continue;
      superseded.add(key);
      const earlier = byKey.get(key);
      if (earlier !== undefined && !earlier.live) queue.push(earlier);
    }
  // A superseded write whose content was collected cannot be followed further: it is taken to have
  // superseded its field's creation values (an edit comes after the creation it edits). One that
  // nothing superseded (an undone edit) is not.
  const supersededCollected = new Set<string>();
  for (const [key, field] of collected) if (superseded.has(key)) supersededCollected.add(field);
  return all.map((write) => {
    if (!write.live) return write;
    if (write.item.parentSub !== write.key)
      return { ...write, live: !superseded.has(write.key) && !supersededCollected.has(write.field) };
    return isMigratedCopy(write.key, write.item) ? { ...write, live: !superseded.has(write.key) } : write;
  });
}

const notDeleted = (item: Y.Item): boolean => !item.deleted;

/**
 * Whether the map holds an entry creation (version 2) or a migrated copy; without either, the writes
 * that stand are its live items.
 */
function holdsChainedWrites(map: RegisterMap): boolean {
  for (const [key, item] of map._map)
    if (key.startsWith(WRITE_SEPARATOR) || isMigratedCopy(key, item)) return true;
  return false;
}

/** The writes that stand now. */
function standingWrites(map: RegisterMap): KeyedWrite[] {
  if (holdsChainedWrites(map)) return heldWrites(map, notDeleted).filter((write) => write.live);
  const out: KeyedWrite[] = [];
  for (const [key, item] of map._map) {
    if (item.deleted || fieldOfKey(key) === null) continue;
    const write = storedWriteOf(map.doc, key, item.content.getContent().at(-1));
    if (write !== null) out.push({ key, write });
  }
  return out;
}

/** The document a write of `values` into `map` goes to, and the fields it writes. */
export function writeTarget(
  map: RegisterMap,
  values: Readonly<Record<string, unknown>>,
): { doc: Y.Doc; fields: Set<string> } {
  const doc = map.doc;
  if (doc === null) throw new Error('A register map must belong to a Y.Doc before it is written');
  return { doc, fields: new Set(Object.keys(values)) };
}

/**
 * Writes several fields of one register map, superseding the writes of those fields the writer saw
 * (all on the device unless ctx.seen says otherwise); anything else stays as a contest. Writes version 2
 * (schema.ts): when none of the fields holds a write yet (a new entry, a new record), one creation
 * write carries them all; otherwise one write per field. Call inside doc.transact.
 */
export function writeFields(
  map: RegisterMap,
  values: Readonly<Record<string, unknown>>,
  ctx: WriteContext,
): void {
  const { doc, fields } = writeTarget(map, values);
  if (fields.size === 0) return;
  const superseded = new Map<string, string[]>();
  if (map.size > 0)
    for (const write of heldWrites(map, notDeleted)) {
      if (!write.live || !fields.has(write.field) || !sawItem(write.item, doc, ctx.seen)) continue;
      superseded.set(write.field, [...(superseded.get(write.field) ?? []), suffixOfKey(write.key)]);
      if (write.item.parentSub === write.key) map.delete(write.key);
    }
  const when: Omit<CompactWrite, 'v'> = {
    ...(ctx.at === undefined ? {} : { a: ctx.at }),
    ...(ctx.at !== undefined && ctx.at.slice(0, 10) === ctx.today ? {} : { d: ctx.today }),
    ...(ctx.source === undefined ? {} : { s: ctx.source }),
    ...writerOfNewWrite(doc, ctx.writer),
  };
  if (superseded.size === 0 && fields.size > 1) {
    const all = Object.fromEntries([...fields].map((field) => [field, values[field] ?? null]));
    map.set(`${WRITE_SEPARATOR}${writeKey(map)}`, { v: all, ...when } satisfies CompactWrite);
    return;
  }
  for (const field of fields) {
    const was = superseded.get(field);
    const write: CompactWrite = { v: values[field] ?? null, ...when, ...(was ? { p: was } : {}) };
    map.set(`${field}${WRITE_SEPARATOR}${writeKey(map)}`, write);
  }
}

/** Whether a stored value is a write of either version (a version 2 write's writer is not resolved). */
export function isStoredWrite(value: unknown): value is { readonly v: unknown } {
  return isVersion1Write(value) || isCompactWrite(value);
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

/**
 * Reads every field of a register map. Keys without a separator (not written by this mechanism) and
 * malformed writes are ignored. Concurrent writes of the same value are not a contest.
 */
export function readFields(map: RegisterMap): FieldsRead {
  return settle(standingWrites(map));
}

/**
 * Every write of every field the map still holds, including superseded ones whose content the
 * document kept (Y.Doc gc: false). A superseded write whose content was garbage-collected is left out.
 */
export function fieldWrites(map: RegisterMap): FieldWrite[] {
  return heldWrites(map, notDeleted).map(({ key, field, write, live, client, clock }) => ({
    key,
    field,
    write,
    live,
    client,
    clock,
  }));
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
  const client = map.doc?.clientID;
  return settle(
    heldWrites(map, (item) => visibleIn(item, seen) || (item.id.client === client && !item.deleted)).filter(
      (write) => write.live,
    ),
  );
}
