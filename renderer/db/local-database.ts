import { Dexie, type DexieOptions, type EntityTable } from 'dexie';
import type { CaseloadRow } from './caseload-row.ts';

/** A record this device holds a local Y.Doc for (the list the projection is rebuilt from). */
export interface LocalRecordEntry {
  readonly id: string;
  /** When this device first stored the record (ISO date-time). */
  readonly addedAt: string;
}

/** One local setting (device-only; never synced). */
export interface SettingEntry {
  readonly key: string;
  readonly value: unknown;
}

/** Per-record sync bookkeeping kept by renderer/sync. */
export interface SyncStateEntry {
  readonly id: string;
  /** Local changes the server has not confirmed holding (renderer/sync/confirmation.ts). */
  readonly pending: boolean;
  /**
   * Why the server refused this record to the user while it held unconfirmed changes (a protocol
   * reason such as `access-revoked`), or null/absent. The record is kept and flagged, never deleted.
   */
  readonly heldBack?: string | null;
  /** ISO date-time of the last completed sync of this record, or null. */
  readonly lastSyncedAt: string | null;
}

/**
 * A record's whole state as the sync server stored it, received by the bulk first sync and not yet
 * written into the record's own y-indexeddb database: RecordStore writes it there the first time the
 * record is opened (before anything can read or edit the record) and deletes it once that write has
 * committed. Kept here so a first sync writes thousands of records in a few transactions of one
 * database rather than one database each.
 */
export interface StagedStateEntry {
  readonly id: string;
  /** One Yjs update: the server's stored state, exactly as it was sent. */
  readonly state: Uint8Array;
}

export const LOCAL_DATABASE_NAME = 'waymark';

/**
 * The device's Dexie database: the queryable projection of every record (one summary row per young
 * person, read by lists and dashboards), the list of local records, settings and sync state.
 * The records themselves live in y-indexeddb, one database each (see doc-persistence.ts), except the
 * states a bulk first sync received and no one has opened yet (stagedStates).
 */
export class WaymarkDatabase extends Dexie {
  caseload!: EntityTable<CaseloadRow, 'id'>;
  records!: EntityTable<LocalRecordEntry, 'id'>;
  settings!: EntityTable<SettingEntry, 'key'>;
  syncState!: EntityTable<SyncStateEntry, 'id'>;
  stagedStates!: EntityTable<StagedStateEntry, 'id'>;

  /** `options`: Dexie's; the bulk staging worker opens it with `autoOpen: false` (bulk-stage.worker.ts). */
  constructor(name: string = LOCAL_DATABASE_NAME, options?: DexieOptions) {
    super(name, options);
    this.version(1).stores({
      // Booleans cannot be IndexedDB keys, so flags such as reviewOverdue are filtered, not indexed.
      caseload:
        'id, paId, teamId, displayName, dateOfBirth, nextReviewDue, lastContact, inTouchState, accommodationCode, eetState, overdueActionCount, exceptionCount, [paId+nextReviewDue], [teamId+paId]',
      records: 'id, addedAt',
      settings: 'key',
      syncState: 'id, pending, lastSyncedAt',
    });
    // Bulk first sync (renderer/sync/bulk-sync.ts): states received, not yet in their record's database.
    this.version(2).stores({ stagedStates: 'id' });
    // Only `paId` is queried (use-caseload.ts); every other index cost each row written (a bulk first
    // sync writes thousands) an index entry no query read. Add an index here when a query needs it.
    this.version(3).stores({ caseload: 'id, paId' });
  }
}
