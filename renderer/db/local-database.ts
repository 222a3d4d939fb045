import { Dexie, type EntityTable } from 'dexie';
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

export const LOCAL_DATABASE_NAME = 'waymark';

/**
 * The device's Dexie database: the queryable projection of every record (one summary row per young
 * person, read by lists and dashboards), the list of local records, settings and sync state.
 * The records themselves live in y-indexeddb, one database each (see doc-persistence.ts).
 */
export class WaymarkDatabase extends Dexie {
  caseload!: EntityTable<CaseloadRow, 'id'>;
  records!: EntityTable<LocalRecordEntry, 'id'>;
  settings!: EntityTable<SettingEntry, 'key'>;
  syncState!: EntityTable<SyncStateEntry, 'id'>;

  constructor(name: string = LOCAL_DATABASE_NAME) {
    super(name);
    this.version(1).stores({
      // Booleans cannot be IndexedDB keys, so flags such as reviewOverdue are filtered, not indexed.
      caseload:
        'id, paId, teamId, displayName, dateOfBirth, nextReviewDue, lastContact, inTouchState, accommodationCode, eetState, overdueActionCount, exceptionCount, [paId+nextReviewDue], [teamId+paId]',
      records: 'id, addedAt',
      settings: 'key',
      syncState: 'id, pending, lastSyncedAt',
    });
  }
}
