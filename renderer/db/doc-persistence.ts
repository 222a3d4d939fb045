import * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';

export {
  RECORD_DB_PREFIX,
  deleteRecordDatabase,
  recordDatabaseName,
  type PersistedDoc,
} from './record-database.ts';
import { recordDatabaseName, type PersistedDoc } from './record-database.ts';
import { keepClearOfMigrationClients } from '../../shared/ydoc/contested.ts';

/**
 * Waits for the IndexedDB transactions y-indexeddb has queued on the doc's update store: a
 * read-only transaction over the same store starts only after earlier read-write ones commit.
 */
function committed(db: IDBDatabase): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(['updates'], 'readonly');
    tx.objectStore('updates').count();
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB could not confirm the saved edit.'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB aborted while confirming the saved edit.'));
  });
}

export async function openPersistedDoc(recordId: string): Promise<PersistedDoc> {
  // gc off: superseded and removed values stay readable, for the record's history, the record as it
  // stood on a day and restoring a removed entry (shared/ydoc/history.ts).
  const doc = new Y.Doc({ guid: recordId, gc: false });
  // Never a client id kept for the server's in-place migration (shared/ydoc/contested.ts).
  keepClearOfMigrationClients(doc);
  const persistence = new IndexeddbPersistence(recordDatabaseName(recordId), doc);
  await persistence.whenSynced;
  return {
    doc,
    async flush() {
      const db = persistence.db ?? (await persistence._db);
      await committed(db);
    },
    async close() {
      await persistence.destroy();
      doc.destroy();
    },
  };
}
