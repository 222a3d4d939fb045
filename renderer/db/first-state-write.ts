/**
 * Writes a record's whole state, received from the sync server, as the first update of its y-indexeddb
 * database, in the layout y-indexeddb itself creates (node_modules/y-indexeddb: a database named after
 * the record, version 1, an auto-incremented `updates` store and a `custom` store). A later
 * IndexeddbPersistence opens it like any database it wrote. Used by the bulk first sync.
 */
import { recordDatabaseName } from './record-database.ts';

const UPDATES_STORE = 'updates';
const CUSTOM_STORE = 'custom';

function openRecordDatabase(recordId: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(recordDatabaseName(recordId));
    request.onupgradeneeded = () => {
      const db = request.result;
      // As y-indexeddb's constructor does (lib0/indexeddb createStores).
      if (!db.objectStoreNames.contains(UPDATES_STORE))
        db.createObjectStore(UPDATES_STORE, { autoIncrement: true });
      if (!db.objectStoreNames.contains(CUSTOM_STORE)) db.createObjectStore(CUSTOM_STORE);
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () =>
      reject(request.error ?? new Error(`Could not open the local record ${recordId}.`));
    request.onblocked = () => reject(new Error(`The local record ${recordId} is open elsewhere.`));
  });
}

/**
 * Stores `state` as the only update of a record's local database, in one transaction, and resolves
 * true once committed. Resolves false, writing nothing, when the database already holds updates (the
 * laptop has something of the record: the per-record sync brings it into step instead).
 */
export async function writeFirstState(recordId: string, state: Uint8Array): Promise<boolean> {
  const db = await openRecordDatabase(recordId);
  try {
    return await new Promise<boolean>((resolve, reject) => {
      const tx = db.transaction([UPDATES_STORE], 'readwrite');
      const updates = tx.objectStore(UPDATES_STORE);
      let written = false;
      const count = updates.count();
      count.onsuccess = () => {
        if (count.result > 0) return;
        updates.add(state);
        written = true;
      };
      tx.oncomplete = () => resolve(written);
      tx.onerror = () => reject(tx.error ?? new Error(`Could not save the local record ${recordId}.`));
      tx.onabort = () => reject(tx.error ?? new Error(`Saving the local record ${recordId} was aborted.`));
    });
  } finally {
    db.close();
  }
}
