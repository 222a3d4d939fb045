/**
 * The names and the removal of the per-record IndexedDB databases y-indexeddb keeps (one per Y.Doc),
 * without loading Yjs or y-indexeddb: the caseload route and the wipe need no record code.
 */
import type * as Y from 'yjs';

/** Prefix of the per-record IndexedDB databases y-indexeddb creates (one database per Y.Doc). */
export const RECORD_DB_PREFIX = 'waymark-yp-';

export function recordDatabaseName(recordId: string): string {
  return `${RECORD_DB_PREFIX}${recordId}`;
}

/** A Y.Doc loaded from, and saving every update to, its own IndexedDB database. */
export interface PersistedDoc {
  readonly doc: Y.Doc;
  /** Resolves once every update made so far is committed to IndexedDB. */
  flush(): Promise<void>;
  /** Stops persisting and frees the doc (the data stays in IndexedDB). */
  close(): Promise<void>;
}

/** Deletes a record's local database (used by wipe and by failed creates). */
export function deleteRecordDatabase(recordId: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(recordDatabaseName(recordId));
    request.onsuccess = () => resolve();
    request.onblocked = () => resolve();
    request.onerror = () => reject(request.error ?? new Error(`Could not delete local record ${recordId}.`));
  });
}
