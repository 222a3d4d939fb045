/**
 * Record encoding version 1, as Waymark wrote it before version 2 (shared/ydoc/schema.ts): one key per
 * write of a field, `field␟client.clock`, holding `{v, by, on, at?, src?, was}`. Kept for tests only, to
 * write the documents older laptops hold and check that version 2 and the migration read them the same.
 */
import * as Y from 'yjs';
import { COLLECTION_NAMES } from '../domain/model.ts';
import {
  fieldOfKey,
  fieldWrites,
  WRITE_SEPARATOR,
  writeTarget,
  type writeFields,
  type StoredWrite,
} from '../ydoc/contested.ts';
import { ENTITLEMENTS_MAP, META_MAP, PLAN_MAP, PROFILE_MAP } from '../ydoc/schema.ts';

function writeKey(doc: Y.Doc): string {
  return `${doc.clientID.toString(36)}.${Y.getState(doc.store, doc.clientID).toString(36)}`;
}

function visibleIn(item: Y.Item, snapshot: Y.Snapshot): boolean {
  return (snapshot.sv.get(item.id.client) ?? 0) > item.id.clock && !Y.isDeleted(snapshot.ds, item.id);
}

/** Version 1's writeFields: supersedes the seen writes of the fields, one new write per field. */
export const writeFieldsVersion1: typeof writeFields = (map, values, ctx) => {
  const { doc, fields } = writeTarget(map, values);
  if (fields.size === 0) return;
  const superseded = new Map<string, string[]>();
  for (const key of [...map.keys()]) {
    const field = fieldOfKey(key);
    if (field === null || field === '' || !fields.has(field)) continue;
    const item = map._map.get(key);
    const seen =
      ctx.seen === undefined ||
      (item !== undefined && (item.id.client === doc.clientID || visibleIn(item, ctx.seen)));
    if (!seen) continue;
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
    map.set(`${field}${WRITE_SEPARATOR}${writeKey(doc)}`, write);
  }
};

/**
 * The same record as an older laptop would have written it: every write of `doc` (version 2, as
 * createRecordDoc writes it) written again in version 1 into a new document, in the same order, one
 * version 1 call per write (an entry's creation: one call for all its fields). For benches and tests of
 * the migration; superseded writes are written as they stand now, so use it on new records.
 */
export function version1RecordDoc(doc: Y.Doc): Y.Doc {
  const old = new Y.Doc({ gc: false });
  const copy = (from: Y.Map<unknown>, into: Y.Map<unknown>): void => {
    const calls = new Map<string, { values: Record<string, unknown>; write: StoredWrite }>();
    for (const { key, field, write } of fieldWrites(from)) {
      const suffix = key.slice(key.indexOf(WRITE_SEPARATOR) + 1);
      const call = calls.get(suffix) ?? { values: {}, write };
      call.values[field] = write.v;
      calls.set(suffix, call);
    }
    for (const { values, write } of calls.values())
      writeFieldsVersion1(into, values, {
        writer: write.by,
        today: write.on,
        ...(write.at === undefined ? {} : { at: write.at }),
        ...(write.src === undefined ? {} : { source: write.src }),
      });
  };
  old.transact(() => {
    for (const [key, value] of doc.getMap<unknown>(META_MAP).entries())
      old.getMap<unknown>(META_MAP).set(key, value);
    old.getMap<unknown>(META_MAP).set('schemaVersion', 1);
    for (const root of [PROFILE_MAP, PLAN_MAP, ENTITLEMENTS_MAP]) copy(doc.getMap(root), old.getMap(root));
    for (const collection of COLLECTION_NAMES)
      for (const [id, entry] of doc.getMap<unknown>(collection).entries())
        if (entry instanceof Y.Map)
          copy(entry as Y.Map<unknown>, old.getMap<unknown>(collection).set(id, new Y.Map<unknown>()));
  });
  return old;
}
