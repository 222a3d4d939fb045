/**
 * Re-encoding a record's Y.Doc into encoding version 2 (schema.ts) without losing anything: every write
 * of every field — standing or superseded, with its value, writer, day, date-time, source and what it
 * superseded — is carried into a NEW document, which reads the same record, the same contested
 * candidates and the same history (property-tested in encoding.property.test.ts).
 *
 * How: each map's writes are copied in the map's order under the SAME write keys (the keys order
 * concurrent writes and name their writer's client; readers take a write's id from its key), in the
 * compact form, with the writers map naming each original client's writer. A run of version 1 writes
 * made by one call (one client, consecutive clocks, same writer and time, superseding nothing, each still
 * standing or superseded by a later write) becomes one creation write, and the keys later writes
 * superseded are renamed to the creation's fields. Superseded writes are written and deleted (content
 * kept); a superseded write whose content the old document had already collected stays collected.
 *
 * The new document is a new Yjs lineage: it cannot be merged with replicas of the old one (a laptop
 * still holding the old document with unsent changes). See docs/design.md, "Record encoding, version 2",
 * for what a switch of lineage needs; this module is the pure re-encoding.
 */
import * as Y from 'yjs';
import { COLLECTION_NAMES } from '../domain/model.ts';
import {
  fieldOfKey,
  registeredWriter,
  storedWriteOf,
  WRITE_SEPARATOR,
  type CompactWrite,
  type RegisterMap,
  type StoredWrite,
} from './contested.ts';
import { ENTITLEMENTS_MAP, META_MAP, PLAN_MAP, PROFILE_MAP, SCHEMA_VERSION, WRITERS_MAP } from './schema.ts';

/** The document holds something the migration would not carry over: it is left as it is. */
export class RecordNotMigratableError extends Error {
  override readonly name = 'RecordNotMigratableError';
  constructor(what: string) {
    super(`This record cannot be re-encoded without losing something: ${what}`);
  }
}

export const REGISTER_ROOTS = [PROFILE_MAP, PLAN_MAP, ENTITLEMENTS_MAP] as const;
const KNOWN_ROOTS = new Set<string>([META_MAP, WRITERS_MAP, ...REGISTER_ROOTS, ...COLLECTION_NAMES]);

/** Refuses a document holding root types Waymark does not write, or a known root that is not a map. */
export function checkRecordRoots(doc: Y.Doc): void {
  for (const name of doc.share.keys())
    if (!KNOWN_ROOTS.has(name))
      throw new RecordNotMigratableError(`it holds "${name}", unknown to this version`);
  for (const name of KNOWN_ROOTS)
    try {
      doc.getMap(name);
    } catch {
      throw new RecordNotMigratableError(`"${name}" is not a map`);
    }
}

/** One item of an old register map, as read for the migration. */
export interface OldWrite {
  readonly key: string;
  readonly field: string;
  readonly item: Y.Item;
  /** Null when the content was collected (a superseded write in a document with gc on). */
  readonly write: StoredWrite | null;
  /** The stored value as it is (a version 2 creation is copied as it is). */
  readonly raw: unknown;
}

function suffixOf(key: string): string {
  return key.slice(key.indexOf(WRITE_SEPARATOR) + 1);
}

/** Whether `key`'s suffix is the item's own id: a write as made, not one put back by an undo. */
function madeAsKeyed(write: OldWrite): boolean {
  return suffixOf(write.key) === `${write.item.id.client.toString(36)}.${write.item.id.clock.toString(36)}`;
}

function sameWhen(a: StoredWrite, b: StoredWrite): boolean {
  return a.by === b.by && a.on === b.on && a.at === b.at && a.src === b.src;
}

/** Runs of version 1 writes made by one call that can become one creation: index of first → length. */
function creationRuns(writes: readonly OldWrite[], listed: ReadonlySet<string>): Map<number, number> {
  // A field with a collected write is read by the rule for collected content: left as it was.
  const collected = new Set(writes.filter((w) => w.write === null).map((w) => w.field));
  const foldable = (w: OldWrite): boolean =>
    w.write !== null &&
    !collected.has(w.field) &&
    w.field !== '' &&
    'by' in (w.raw as object) &&
    Array.isArray(w.write.was) &&
    w.write.was.length === 0 &&
    madeAsKeyed(w) &&
    (!w.item.deleted || listed.has(w.key));
  const runs = new Map<number, number>();
  for (let start = 0; start < writes.length;) {
    const first = writes[start];
    let end = start + 1;
    if (first !== undefined && foldable(first)) {
      const fields = new Set([first.field]);
      for (; end < writes.length; end++) {
        const next = writes[end];
        const previous = writes[end - 1];
        if (next === undefined || previous === undefined || !foldable(next) || fields.has(next.field)) break;
        if (next.item.id.client !== first.item.id.client) break;
        if (next.item.id.clock !== previous.item.id.clock + 1) break;
        if (!sameWhen(next.write as StoredWrite, first.write as StoredWrite)) break;
        fields.add(next.field);
      }
      if (end - start > 1) runs.set(start, end - start);
    }
    start = end;
  }
  return runs;
}

interface Target {
  readonly doc: Y.Doc;
  /** Items written only to be deleted with their content collected (collected in the old document). */
  readonly collect: Set<Y.Item>;
}

/**
 * The compact form of a write stored under `key` of a map of `doc`, registering its writer for the
 * key's client when none is, and naming it only when the key's client registered another.
 */
export function compactWrite(
  doc: Y.Doc,
  key: string,
  write: StoredWrite,
  was: readonly string[],
): CompactWrite {
  const client = suffixOf(key).split('.')[0] ?? '';
  const writers = doc.getMap<unknown>(WRITERS_MAP);
  if (registeredWriter(doc, client) === undefined) writers.set(client, write.by);
  return {
    v: write.v,
    ...(write.at === undefined ? {} : { a: write.at }),
    ...(write.at !== undefined && write.at.slice(0, 10) === write.on ? {} : { d: write.on }),
    ...(write.src === undefined ? {} : { s: write.src }),
    ...(was.length === 0 ? {} : { p: was.map(suffixOf) }),
    ...(registeredWriter(doc, client) === write.by ? {} : { b: write.by }),
  };
}

/**
 * Every key of a register map with its write (null when collected), in the map's order; throws
 * RecordNotMigratableError for a key Waymark did not write or a value that is not a write.
 */
export function oldWrites(map: RegisterMap, path: string): OldWrite[] {
  const out: OldWrite[] = [];
  for (const [key, item] of map._map) {
    const field = fieldOfKey(key);
    if (field === null) throw new RecordNotMigratableError(`${path} holds a key Waymark did not write`);
    const raw: unknown = item.content.getContent().at(-1);
    const write = item.content instanceof Y.ContentDeleted ? null : storedWriteOf(map.doc, key, raw);
    if (write === null && !(item.content instanceof Y.ContentDeleted))
      throw new RecordNotMigratableError(`${path} holds a value that is not a write`);
    out.push({ key, field, item, write, raw });
  }
  return out;
}

/** Copies one register map's writes into `into` (see the module comment). */
function migrateMap(from: RegisterMap, into: RegisterMap, target: Target, path: string): void {
  const writes = oldWrites(from, path);
  const listed = new Set(writes.flatMap((w) => w.write?.was ?? []));
  const runs = creationRuns(writes, listed);
  const renamed = new Map<string, string>();
  for (const [start, length] of runs) {
    const suffix = suffixOf(writes[start]?.key ?? '');
    for (const w of writes.slice(start, start + length))
      renamed.set(w.key, `${w.field}${WRITE_SEPARATOR}${suffix}`);
  }
  const deleted: string[] = [];
  for (let i = 0; i < writes.length; i++) {
    const w = writes[i];
    if (w === undefined) continue;
    const length = runs.get(i);
    if (length !== undefined) {
      const run = writes.slice(i, i + length);
      const [first] = run;
      if (first?.write) {
        const key = `${WRITE_SEPARATOR}${suffixOf(first.key)}`;
        const values = Object.fromEntries(run.map((r) => [r.field, r.write?.v ?? null]));
        into.set(key, { ...compactWrite(target.doc, key, first.write, []), v: values });
      }
      i += length - 1;
      continue;
    }
    if (w.write === null) {
      // Collected in the old document: collected in the new one too (its key and deletion kept).
      into.set(w.key, null);
      const item = into._map.get(w.key);
      if (item) target.collect.add(item);
      deleted.push(w.key);
      continue;
    }
    if (w.field === '') into.set(w.key, w.raw);
    else if (!Array.isArray(w.write.was)) into.set(w.key, w.raw);
    else
      into.set(
        w.key,
        compactWrite(
          target.doc,
          w.key,
          w.write,
          w.write.was.map((key) => renamed.get(key) ?? key),
        ),
      );
    if (w.item.deleted) deleted.push(w.key);
  }
  for (const key of deleted) into.delete(key);
}

/**
 * A new document holding `old`'s record in encoding version 2, reading the same (record, contests,
 * history). Throws RecordNotMigratableError, changing nothing, when `old` holds content the migration
 * would not carry (root types or keys Waymark does not write).
 */
export function migrateRecordDoc(old: Y.Doc): Y.Doc {
  checkRecordRoots(old);
  const collect = new Set<Y.Item>();
  const doc = new Y.Doc({ gc: true, gcFilter: (item) => collect.has(item) });
  const target: Target = { doc, collect };
  doc.transact(() => {
    const meta = old.getMap<unknown>(META_MAP);
    const newMeta = doc.getMap<unknown>(META_MAP);
    for (const [key, value] of meta.entries()) newMeta.set(key, value);
    newMeta.set('schemaVersion', SCHEMA_VERSION);
    const oldWriters = old.getMap<unknown>(WRITERS_MAP);
    for (const key of oldWriters._map.keys()) {
      const writer = registeredWriter(old, key);
      if (writer !== undefined) doc.getMap<unknown>(WRITERS_MAP).set(key, writer);
    }
    for (const root of REGISTER_ROOTS) migrateMap(old.getMap(root), doc.getMap(root), target, root);
    for (const collection of COLLECTION_NAMES) {
      const entries = old.getMap<unknown>(collection);
      for (const [id, item] of entries._map) {
        // An entry taken back outright (an undone new entry) is read by no one: nothing to carry.
        if (item.deleted) continue;
        const entry: unknown = item.content.getContent().at(-1);
        if (!(entry instanceof Y.Map))
          throw new RecordNotMigratableError(`${collection}.${id} is not an entry written by Waymark`);
        const into = doc.getMap<unknown>(collection).set(id, new Y.Map<unknown>()) as RegisterMap;
        migrateMap(entry as RegisterMap, into, target, `${collection}.${id}`);
      }
    }
  });
  return doc;
}
