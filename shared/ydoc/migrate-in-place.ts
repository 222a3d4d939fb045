/**
 * Migrating a record's Y.Doc to encoding version 2 IN PLACE: the same document, the same Yjs lineage,
 * so a laptop still holding the record with unsent changes (version 1 or 2 writes, undo, new entries)
 * merges with the migrated record as it would have with the record unmigrated. Run by the sync server
 * (server/record-encoding-migration.ts); docs/design.md §8 describes it.
 *
 * What it writes, in one transaction, with a Yjs client id kept for migrations (MIGRATION_CLIENT_LIMIT,
 * contested.ts): for each version 1 write `{v, by, on, at?, src?, was}` stored under `field␟client.clock`,
 * the same write in version 2 form `{v, a?, d?, s?, p?, b?}` under the SAME key, which makes Yjs delete
 * the version 1 item (a map key holds one value); a superseded write's copy is deleted at once, its
 * content kept for the history like the original's. The writers map names each key's client. Nothing is
 * folded or renamed: other devices' later writes name these keys in their `was` lists.
 *
 * Why it commutes with what a device that has not seen it does meanwhile:
 *  - a new write supersedes a write the device holds by deleting the version 1 item and listing its
 *    key; that deletion cannot reach the copy, so readers take a migrated copy as superseded when a
 *    standing write lists its key, directly or through writes superseded since (contested.ts, the rule
 *    entries' creations already follow);
 *  - an undo that puts back a superseded write sets its key again, from the same version 1 item: the
 *    put-back write and the copy are concurrent values of one key, and Yjs keeps the one of the higher
 *    client id, the device's (migration client ids are below every laptop's: keepClearOfMigrationClients);
 *  - new entries, entry removals (a `_deleted` write) and new keys touch nothing the migration writes;
 *    a writer registered by the device for its own client is the same user its writes name.
 * What does not commute: an undo of a write the copy replaced (it deletes the version 1 item, not the
 * copy), or of a write that superseded one (Yjs cannot put back an item another client wrote over).
 * Undo stacks live only while a record is open in the app (renderer/db/record-store.ts, one
 * Y.UndoManager per open record, dropped when it closes), so the migration leaves every field of a map
 * alone that holds a write made on or after `settledBefore`: a session that could still undo a change
 * to it made that write. The server passes a day weeks back.
 *
 * Left alone too (read as they are): a field whose superseded content was collected, holding a
 * version 1 write made before superseded lists were kept (its history is read by order; the version 2
 * form would say it replaced nothing), or holding a write that stands though a standing write superseded
 * it (an undo on one device put it back while another device superseded it: read as standing by its
 * item, its copy would be read as superseded by the list). A document holding content it would not carry (root types or
 * keys Waymark does not write, values that are not writes) is refused, changing nothing.
 *
 * The version 1 items' content stays in this document (Y.Doc gc: false) and in every laptop that held
 * it; `collectMigratedContent` drops it where it is a duplicate of its copy, which the server does when
 * it compacts the stored record (server/store/merge.ts), so the stored and synced record shrinks.
 */
import * as Y from 'yjs';
import type { IsoDate } from '../domain/dates.ts';
import { COLLECTION_NAMES } from '../domain/model.ts';
import {
  MIGRATION_CLIENT_LIMIT,
  storedWriteOf,
  WRITE_SEPARATOR,
  type RegisterMap,
  type StoredWrite,
} from './contested.ts';
import {
  checkRecordRoots,
  compactWrite,
  oldWrites,
  RecordNotMigratableError,
  REGISTER_ROOTS,
  type OldWrite,
} from './migrate-record.ts';

export interface InPlaceMigrationOptions {
  /** Only fields of a map whose every write was made before this day are migrated (module comment). */
  readonly settledBefore: IsoDate;
  /** The Yjs client id to write with, below MIGRATION_CLIENT_LIMIT; by default one drawn at random. */
  readonly client?: number;
}

export interface InPlaceMigrationReport {
  /** Version 1 writes now held in version 2 form. */
  readonly migrated: number;
  /** Version 1 writes left as they are (recent fields, fields whose history the form would change). */
  readonly left: number;
}

/** The transaction origin of the migration (for listeners that tell local edits from others). */
export const IN_PLACE_MIGRATION_ORIGIN = 'waymark-in-place-migration';

function isVersion1(raw: unknown): boolean {
  return typeof raw === 'object' && raw !== null && 'by' in raw;
}

/** Every register map of the record that a reader reads, with its path for errors. */
function registerMaps(doc: Y.Doc): { map: RegisterMap; path: string }[] {
  const maps = REGISTER_ROOTS.map((root) => ({ map: doc.getMap<unknown>(root), path: root as string }));
  for (const collection of COLLECTION_NAMES)
    for (const [id, item] of doc.getMap<unknown>(collection)._map) {
      // An entry taken back outright (an undone new entry) is read by no one: left as it is.
      if (item.deleted) continue;
      const entry: unknown = item.content.getContent().at(-1);
      if (!(entry instanceof Y.Map))
        throw new RecordNotMigratableError(`${collection}.${id} is not an entry written by Waymark`);
      maps.push({ map: entry as RegisterMap, path: `${collection}.${id}` });
    }
  return maps;
}

/** The version 1 writes of one map that the migration rewrites, and how many it leaves. */
function planMap(
  map: RegisterMap,
  path: string,
  settledBefore: IsoDate,
): { rewrite: OldWrite[]; left: number } {
  const writes = oldWrites(map, path);
  const unsettled = new Set<string>();
  for (const w of writes) {
    if (w.write === null) unsettled.add(w.field);
    else if (w.field === '') {
      if (w.write.on >= settledBefore)
        for (const field of Object.keys(w.write.v as object)) unsettled.add(field);
    } else if (w.write.on >= settledBefore || (isVersion1(w.raw) && !Array.isArray(w.write.was)))
      unsettled.add(w.field);
  }
  // A write that stands though a standing write superseded it (put back by an undo on one device while
  // another device superseded it) is read as standing by its item: its copy would be read by the list.
  for (const key of supersededKeys(writes))
    for (const w of writes) if (w.key === key && !w.item.deleted) unsettled.add(w.field);
  const version1 = writes.filter((w) => w.write !== null && w.field !== '' && isVersion1(w.raw));
  const rewrite = version1.filter((w) => !unsettled.has(w.field));
  return { rewrite, left: version1.length - rewrite.length };
}

/** The keys a standing write superseded, directly or through writes superseded since (contested.ts). */
function supersededKeys(writes: readonly OldWrite[]): Set<string> {
  const own = new Map(writes.filter((w) => w.field !== '').map((w) => [w.key, w]));
  const superseded = new Set<string>();
  const queue = [...own.values()].filter((w) => !w.item.deleted);
  for (let next = queue.pop(); next !== undefined; next = queue.pop())
    for (const key of next.write?.was ?? []) {
      if (superseded.has(key)) continue;
      superseded.add(key);
      const earlier = own.get(key);
      if (earlier !== undefined && earlier.item.deleted) queue.push(earlier);
    }
  return superseded;
}

function drawClient(): number {
  return 1 + Math.floor(Math.random() * (MIGRATION_CLIENT_LIMIT - 1));
}

/**
 * Rewrites the document's settled version 1 writes in version 2 form, in place (module comment).
 * Throws RecordNotMigratableError, changing nothing, for a document holding content it would not carry.
 * Migrating again changes nothing.
 */
export function migrateRecordInPlace(doc: Y.Doc, options: InPlaceMigrationOptions): InPlaceMigrationReport {
  if (doc.gc) throw new Error('Migrate a record in a Y.Doc that keeps deleted content (gc: false)');
  const client = options.client ?? drawClient();
  if (!Number.isInteger(client) || client < 1 || client >= MIGRATION_CLIENT_LIMIT)
    throw new RangeError(`A migration's client id must be from 1 to ${MIGRATION_CLIENT_LIMIT - 1}`);
  checkRecordRoots(doc);
  const plans = registerMaps(doc).map(({ map, path }) => ({
    map,
    ...planMap(map, path, options.settledBefore),
  }));
  const migrated = plans.reduce((sum, plan) => sum + plan.rewrite.length, 0);
  const left = plans.reduce((sum, plan) => sum + plan.left, 0);
  if (migrated === 0) return { migrated, left };
  const own = doc.clientID;
  doc.clientID = client;
  try {
    doc.transact(() => {
      for (const { map, rewrite } of plans)
        for (const w of rewrite) {
          const write = w.write as StoredWrite;
          // Setting the key deletes the version 1 item: whether it stood is read first.
          const superseded = w.item.deleted;
          map.set(w.key, compactWrite(doc, w.key, write, write.was ?? []));
          if (superseded) map.delete(w.key);
        }
    }, IN_PLACE_MIGRATION_ORIGIN);
  } finally {
    doc.clientID = own;
  }
  return { migrated, left };
}

function sameStoredWrite(a: StoredWrite | null, b: StoredWrite | null): boolean {
  return (
    a !== null &&
    b !== null &&
    JSON.stringify(a.v) === JSON.stringify(b.v) &&
    a.by === b.by &&
    a.on === b.on &&
    a.at === b.at &&
    a.src === b.src &&
    JSON.stringify(a.was ?? []) === JSON.stringify(b.was ?? [])
  );
}

/**
 * Drops (Yjs garbage collection of one item) the content of every version 1 item that a migrated copy
 * replaced and that holds the same write: nothing is lost, the copy holds it. Returns how many.
 */
export function collectMigratedContent(doc: Y.Doc): number {
  let collected = 0;
  const maps = REGISTER_ROOTS.map((root) => doc.getMap<unknown>(root) as RegisterMap);
  for (const collection of COLLECTION_NAMES)
    for (const entry of doc.getMap<unknown>(collection).values())
      if (entry instanceof Y.Map) maps.push(entry as RegisterMap);
  for (const map of maps)
    for (const [key, last] of map._map) {
      if (!key.includes(WRITE_SEPARATOR)) continue;
      for (let item: Y.Item | null = last; item !== null; item = item.left) {
        const replaced = item.left;
        if (item.id.client >= MIGRATION_CLIENT_LIMIT || replaced === null || !replaced.deleted) continue;
        if (!(replaced.content instanceof Y.ContentAny) || !(item.content instanceof Y.ContentAny)) continue;
        const original: unknown = replaced.content.getContent().at(-1);
        if (!isVersion1(original)) continue;
        const copy = storedWriteOf(doc, key, item.content.getContent().at(-1));
        if (!sameStoredWrite(storedWriteOf(doc, key, original), copy)) continue;
        replaced.gc(doc.store, false);
        collected += 1;
      }
    }
  return collected;
}
