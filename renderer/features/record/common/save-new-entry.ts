/** Saves a new entry of one of the record's collections, with a fresh id, as one undoable edit. */
import type { CollectionEntries, CollectionName } from '../../../../shared/domain/model.ts';
import type { WriteContext } from '../../../../shared/ydoc/contested.ts';
import { addEntry } from '../../../../shared/ydoc/write-record.ts';
import type { LoadedRecord } from '../use-record.ts';

/** `fields` are the entry's own fields; given as a function, it gets the write context (e.g. for `by`). */
export function saveNewEntry<K extends CollectionName>(
  loaded: LoadedRecord,
  collection: K,
  fields: (ctx: WriteContext) => Omit<CollectionEntries[K], 'id'>,
): Promise<CollectionEntries[K]> {
  return loaded.save((doc, ctx) =>
    addEntry(doc, collection, { id: crypto.randomUUID(), ...fields(ctx) } as CollectionEntries[K], ctx),
  );
}
