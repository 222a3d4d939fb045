/**
 * What an update could remove from a record: an outline of every entry (its identity, its fields that
 * hold a value and who wrote them, whether an append-only entry is live), compared before and after.
 */
import * as Y from 'yjs';
import { COLLECTION_NAMES, COLLECTION_SUBJECTS, type CollectionName } from '../../shared/domain/model.ts';
import { readFields, WRITE_SEPARATOR } from '../../shared/ydoc/contested.ts';
import { DELETED_FIELD } from '../../shared/ydoc/schema.ts';
import {
  APPEND_ONLY_COLLECTIONS,
  capitalise,
  collectionOfPath,
  isCollection,
  locate,
  newItems,
  REGISTER_ROOTS,
  type UpdateRefusal,
  writeAt,
} from './record-locations.ts';

/** What an update could remove: each entry's identity and each register map's fields with a value. */
export interface Outline {
  /** `collection.id` → the entry map's item id (the document's own ID object), or null when it is not a map. */
  readonly entries: Map<string, Y.ID | null>;
  /** `map path` → each field holding at least one write, with who wrote its current writes. */
  readonly fields: Map<string, FieldWriters>;
  /** Entries of append-only collections that are not deleted. */
  readonly live: Set<string>;
}

/** Marks, in an outline, a field that holds a value from its entry's creation (encoding version 2). */
export const CREATED_FIELD_MARK = '\u0000';

/**
 * One register map's fields holding a value, each with who wrote its current writes. The update
 * checks keep an outline per record between writes (update-validation.ts), so it is kept small: two
 * arrays per map rather than a Map per map and a Set per field (which made the outline bigger than the
 * record's own Y.Doc, bench/profiles/server-heap.md), and a field's one writer (the usual case) held
 * as itself.
 */
export class FieldWriters {
  private names: string[] = [];
  /** Per field: its one writer, or `SeveralWriters`. */
  private writers: unknown[] = [];

  add(field: string, writer: unknown): void {
    const at = this.names.indexOf(field);
    if (at < 0) {
      this.names.push(field);
      this.writers.push(writer);
      return;
    }
    const known = this.writers[at];
    if (known instanceof SeveralWriters) {
      if (!known.list.includes(writer)) known.list.push(writer);
    } else if (known !== writer) this.writers[at] = new SeveralWriters([known, writer]);
  }

  has(field: string): boolean {
    return this.names.includes(field);
  }

  /** Each field with the writers of its current writes. */
  *entries(): Generator<[string, readonly unknown[]]> {
    for (let i = 0; i < this.names.length; i++) yield [this.names[i] ?? '', writersOf(this.writers[i])];
  }

  /** Gives back the room the arrays grew into while being filled (an array grown by push holds 17+). */
  trim(): this {
    this.names = this.names.slice();
    this.writers = this.writers.slice();
    return this;
  }

  /** Every writer of every field. */
  allWriters(): unknown[] {
    return this.writers.flatMap(writersOf);
  }
}

/** More than one writer of a field's current writes (a contested field). */
class SeveralWriters {
  readonly list: unknown[];
  constructor(list: unknown[]) {
    this.list = list;
  }
}

function writersOf(writers: unknown): readonly unknown[] {
  return writers instanceof SeveralWriters ? writers.list : [writers];
}

/**
 * Field names, shared by every outline rather than cut from each write key again: the schema's field
 * names, a bounded set in practice (and at most FIELD_NAMES_MAX names of up to FIELD_NAME_MAX_LENGTH
 * characters kept, whatever updates bring: at most 256 KiB).
 */
const fieldNames = new Map<string, string>();
const FIELD_NAMES_MAX = 2000;
const FIELD_NAME_MAX_LENGTH = 64;

function fieldName(name: string): string {
  const known = fieldNames.get(name);
  if (known !== undefined) return known;
  if (fieldNames.size < FIELD_NAMES_MAX && name.length <= FIELD_NAME_MAX_LENGTH) fieldNames.set(name, name);
  return name;
}

/**
 * Each field of a register map holding at least one write, with who wrote its current writes. A field
 * set by its entry's creation (encoding version 2) is listed as `field` + CREATED_FIELD_MARK, apart from
 * the field's own writes: a creation stands for good, so removing every own write of a field (which
 * puts the creation's value back) is a removal of those writes, as in version 1.
 */
export function fieldsWithValues(map: Y.Map<unknown>): FieldWriters {
  const fields = new FieldWriters();
  for (const [key, value] of map.entries()) {
    const at = key.indexOf(WRITE_SEPARATOR);
    if (at < 0) continue;
    const write = writeAt(map.doc, key, value);
    if (at > 0) fields.add(fieldName(key.slice(0, at)), write?.by);
    else if (write !== null && typeof write.v === 'object' && write.v !== null)
      for (const field of Object.keys(write.v))
        fields.add(fieldName(`${field}${CREATED_FIELD_MARK}`), write.by);
  }
  return fields.trim();
}

/** True when every writer in `writers` is `userId`: what the user wrote, and only that. */
export function onlyBy(writers: Iterable<unknown>, userId: string): boolean {
  for (const writer of writers) if (writer !== userId) return false;
  return true;
}

/** Puts one entry's outline (identity, fields, whether it is live) into the maps, or removes it. */
export function outlineEntry(doc: Y.Doc, collection: CollectionName, id: string, into: Outline): void {
  const path = `${collection}.${id}`;
  into.entries.delete(path);
  into.fields.delete(path);
  into.live.delete(path);
  const entry = doc.getMap<unknown>(collection).get(id);
  if (entry === undefined) return;
  if (!(entry instanceof Y.Map) || entry._item === null) {
    into.entries.set(path, null);
    return;
  }
  into.entries.set(path, entry._item.id);
  into.fields.set(path, fieldsWithValues(entry as Y.Map<unknown>));
  if (
    APPEND_ONLY_COLLECTIONS.has(collection) &&
    readFields(entry as Y.Map<unknown>).values[DELETED_FIELD] !== true
  )
    into.live.add(path);
}

export function outline(doc: Y.Doc): Outline {
  const into: Outline = { entries: new Map(), fields: new Map(), live: new Set() };
  for (const root of REGISTER_ROOTS) into.fields.set(root, fieldsWithValues(doc.getMap(root)));
  for (const collection of COLLECTION_NAMES)
    for (const id of doc.getMap<unknown>(collection).keys()) outlineEntry(doc, collection, id, into);
  return into;
}

/** `before`'s outline with the touched paths (entries 'collection.id', register roots) read again. */
export function updatedOutline(before: Outline, doc: Y.Doc, touched: ReadonlySet<string>): Outline {
  const into: Outline = {
    entries: new Map(before.entries),
    fields: new Map(before.fields),
    live: new Set(before.live),
  };
  for (const path of touched) {
    const at = path.indexOf('.');
    if (at < 0) {
      into.fields.set(path, fieldsWithValues(doc.getMap(path)));
      continue;
    }
    const collection = path.slice(0, at);
    if (isCollection(collection)) outlineEntry(doc, collection, path.slice(at + 1), into);
  }
  return into;
}

/**
 * The record paths an update touched — entries as 'collection.id', register roots by name — from its
 * new items and the items it deleted; null when it touched something else in the record's maps (nested
 * data), which calls for reading everything again.
 */
export function touchedPaths(
  copy: Y.Doc,
  update: Uint8Array,
  beforeVector: ReadonlyMap<number, number>,
): Set<string> | null {
  const touched = new Set<string>();
  let unusual = false;
  const note = (item: Y.Item): void => {
    if (!(item.parent instanceof Y.AbstractType)) return;
    const location = locate(copy, item.parent);
    if (location.kind === 'entry') touched.add(`${location.collection}.${location.id}`);
    else if (location.kind === 'collection' && item.parentSub !== null)
      touched.add(`${location.collection}.${item.parentSub}`);
    else if (location.kind === 'root' && REGISTER_ROOTS.has(location.root)) touched.add(location.root);
    else if (location.kind === 'root') unusual = true;
  };
  for (const item of newItems(copy, beforeVector)) note(item);
  const { ds } = Y.decodeUpdate(update);
  copy.transact((transaction) =>
    Y.iterateDeletedStructs(transaction, ds, (struct) => {
      if (struct instanceof Y.Item) note(struct);
    }),
  );
  return unusual ? null : touched;
}

/**
 * What the update removed. A user may take back only what they wrote themselves (Y.UndoManager undoing
 * their own first write of a field, or their own new entry); anything else written by anyone is kept.
 */
export function compareOutlines(before: Outline, after: Outline, userId: string): UpdateRefusal | null {
  const removedOwn = new Set<string>();
  for (const [path, identity] of before.entries) {
    const now = after.entries.get(path);
    if (now === identity || (now && identity && Y.compareIDs(now, identity))) continue;
    const collection = collectionOfPath(path);
    const subject = collection ? `A ${COLLECTION_SUBJECTS[collection]}` : 'An entry';
    if (collection && APPEND_ONLY_COLLECTIONS.has(collection))
      return {
        rule: 'append-only',
        path,
        message: `${subject} cannot be deleted: it is part of the record of what was done.`,
      };
    const writers = before.fields.get(path)?.allWriters() ?? [];
    if (identity !== null && onlyBy(writers, userId)) {
      removedOwn.add(path);
      continue;
    }
    return {
      rule: 'removed',
      path,
      message: `${subject} was removed outright. Waymark marks entries as removed and keeps them in the record’s history.`,
    };
  }
  for (const path of before.live)
    if (!after.live.has(path) && after.entries.has(path))
      return {
        rule: 'append-only',
        path,
        message: `${capitalise(`a ${COLLECTION_SUBJECTS[collectionOfPath(path) ?? 'contacts']}`)} cannot be deleted: it is part of the record of what was done.`,
      };
  for (const [path, fields] of before.fields) {
    if (removedOwn.has(path)) continue;
    const now = after.fields.get(path);
    for (const [field, writers] of fields.entries())
      if (!now?.has(field) && !onlyBy(writers, userId))
        return {
          rule: 'removed',
          path: `${path}.${field.replace(CREATED_FIELD_MARK, '')}`,
          message:
            'The change removes a value without replacing it. Waymark replaces a value with a new one and keeps the old one in the record’s history.',
        };
  }
  return null;
}
