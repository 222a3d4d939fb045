/**
 * A record's change history, read from its Y.Doc: every write of every field (contested.ts keeps who,
 * when and what each write superseded), with the value it replaced, and the entries that were removed.
 * Complete where the document keeps superseded content (Y.Doc gc: false); where an older document's
 * content was garbage-collected the replaced value is reported as not kept.
 */
import * as Y from 'yjs';
import type { IsoDate } from '../domain/dates.ts';
import { COLLECTION_NAMES, type CollectionName } from '../domain/model.ts';
import {
  compareWrites,
  fieldWrites,
  readFields,
  supersededBy,
  writeMoment,
  type FieldWrite,
  type RegisterMap,
  type WriteSource,
} from './contested.ts';
import { DELETED_FIELD, ENTITLEMENTS_MAP, PLAN_MAP, PROFILE_MAP } from './schema.ts';

export interface FieldChange {
  /** The record path of the field, as in record.contested ('accommodation.<id>.suitable'). */
  readonly path: string;
  /** The field's own name (last part of the path). */
  readonly field: string;
  /** For an entry's field: which entry. */
  readonly entry: { readonly collection: CollectionName; readonly id: string } | null;
  readonly value: unknown;
  /** The values this change replaced: none for a first value, several when it settled a contest. */
  readonly previous: readonly unknown[];
  /** False when a replaced value was not kept (an older document whose deleted content was collected). */
  readonly previousKept: boolean;
  readonly by: string;
  readonly on: IsoDate;
  /** The date-time of the change, when it was kept. */
  readonly at: string | null;
  /** Where the value came from when nobody typed it in (generated demo data, an import). */
  readonly source: WriteSource | null;
  /** Still the field's value (or one of its contested values). */
  readonly current: boolean;
}

function mapChanges(map: RegisterMap, prefix: string, entry: FieldChange['entry'], out: FieldChange[]): void {
  const writes = fieldWrites(map);
  const byKey = new Map(writes.map((write) => [write.key, write]));
  for (const [key, supersededKeys] of supersededBy(writes)) {
    const write = byKey.get(key) as FieldWrite;
    const replaced = supersededKeys.map((was) => byKey.get(was));
    out.push({
      path: `${prefix}.${write.field}`,
      field: write.field.split('.').at(-1) ?? write.field,
      entry,
      value: write.write.v,
      previous: replaced.flatMap((found) => (found === undefined ? [] : [found.write.v])),
      previousKept: replaced.every((found) => found !== undefined),
      by: write.write.by,
      on: write.write.on,
      at: write.write.at ?? null,
      source: write.write.src ?? null,
      current: write.live,
    });
  }
}

/** Every register map of the record with the path prefix of its fields. */
function* registerMaps(
  doc: Y.Doc,
): Generator<{ map: RegisterMap; prefix: string; entry: FieldChange['entry'] }> {
  yield { map: doc.getMap(PROFILE_MAP), prefix: 'profile', entry: null };
  yield { map: doc.getMap(PLAN_MAP), prefix: 'plan', entry: null };
  yield { map: doc.getMap(ENTITLEMENTS_MAP), prefix: 'entitlements', entry: null };
  for (const collection of COLLECTION_NAMES)
    for (const [id, map] of doc.getMap<unknown>(collection).entries())
      if (map instanceof Y.Map)
        yield { map: map as RegisterMap, prefix: `${collection}.${id}`, entry: { collection, id } };
}

function momentOf(change: FieldChange): string {
  return writeMoment({ v: null, by: change.by, on: change.on, ...(change.at ? { at: change.at } : {}) });
}

/** Every change to every field of the record, newest first (the fields of one save in the order written). */
export function recordChanges(doc: Y.Doc): FieldChange[] {
  const out: FieldChange[] = [];
  for (const { map, prefix, entry } of registerMaps(doc)) mapChanges(map, prefix, entry, out);
  const order = new Map(out.map((change, index) => [change, index]));
  return out.sort((a, b) => {
    const [left, right] = [momentOf(a), momentOf(b)];
    if (left !== right) return left < right ? 1 : -1;
    return (order.get(a) ?? 0) - (order.get(b) ?? 0);
  });
}

/** The changes of one field, newest first. */
export function fieldHistory(doc: Y.Doc, path: string): FieldChange[] {
  return recordChanges(doc).filter((change) => change.path === path);
}

export interface RemovedEntry {
  readonly collection: CollectionName;
  readonly id: string;
  /** The entry's fields as they stood when it was removed. */
  readonly values: Readonly<Record<string, unknown>>;
  readonly removedBy: string;
  readonly removedOn: IsoDate;
  readonly removedAt: string | null;
}

/** The entries that are removed now (soft-deleted), newest removal first. */
export function removedEntries(doc: Y.Doc): RemovedEntry[] {
  const out: RemovedEntry[] = [];
  for (const collection of COLLECTION_NAMES)
    for (const [id, map] of doc.getMap<unknown>(collection).entries()) {
      if (!(map instanceof Y.Map)) continue;
      const read = readFields(map as RegisterMap);
      if (read.values[DELETED_FIELD] !== true) continue;
      const removal = fieldWrites(map as RegisterMap)
        .filter((write) => write.field === DELETED_FIELD && write.live)
        .sort(compareWrites)
        .at(-1);
      if (removal === undefined) continue;
      const values = Object.fromEntries(Object.entries(read.values).filter(([key]) => key !== DELETED_FIELD));
      out.push({
        collection,
        id,
        values,
        removedBy: removal.write.by,
        removedOn: removal.write.on,
        removedAt: removal.write.at ?? null,
      });
    }
  return out.sort((a, b) => (b.removedAt ?? b.removedOn).localeCompare(a.removedAt ?? a.removedOn));
}
