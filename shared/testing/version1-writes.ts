/**
 * Record encoding version 1, as Waymark wrote it before version 2 (shared/ydoc/schema.ts): one key per
 * write of a field, `field␟client.clock`, holding `{v, by, on, at?, src?, was}`. Kept for tests only, to
 * write the documents older laptops hold and check that version 2 and the migration read them the same.
 */
import * as Y from 'yjs';
import {
  fieldOfKey,
  WRITE_SEPARATOR,
  writeTarget,
  type writeFields,
  type StoredWrite,
} from '../ydoc/contested.ts';

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
