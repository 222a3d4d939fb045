import type * as Y from 'yjs';
import pLimit from 'p-limit';
import type { WaymarkDatabase } from './local-database.ts';
import type { CaseloadRow } from './caseload-row.ts';
import { DEFAULT_SETTINGS, type TeamSettings } from '../../shared/domain/settings.ts';
import { deleteRecordDatabase, type PersistedDoc } from './record-database.ts';

import { BACKUP_ORIGIN, LOCAL_EDIT_ORIGIN, STAGED_STATE_ORIGIN } from './origins.ts';

export interface RecordStoreOptions {
  readonly db: WaymarkDatabase;
  /**
   * Projects a record's doc to its caseload row; returns null while the doc holds no record yet.
   * Default: record-codec.ts projectForCaseload, loaded with the record code.
   */
  readonly project?: (doc: Y.Doc, today: string) => CaseloadRow | null;
  /** The team's settings the default projection uses (contact threshold, local targets); defaults if absent. */
  readonly settings?: () => TeamSettings;
  /** Today's date (yyyy-MM-dd) in the user's time zone; injected so tests can fix it. */
  readonly today: () => string;
  /** How long a record stays open after its last user lets go (ms). */
  readonly idleCloseMs?: number;
  /** How many records may be opened at once by bulk work (rebuild, import, background sync). */
  readonly openConcurrency?: number;
  /** Opens a record's persisted doc; y-indexeddb by default. */
  readonly openDoc?: (recordId: string) => Promise<PersistedDoc>;
}

/** Yjs, y-indexeddb and the projection, loaded when the first record is opened (record-code.ts). */
type RecordCode = typeof import('./record-code.ts');
let recordCode: Promise<RecordCode> | null = null;
function loadRecordCode(): Promise<RecordCode> {
  recordCode ??= import('./record-code.ts');
  recordCode.catch(() => {
    recordCode = null;
  });
  return recordCode;
}

/**
 * Starts loading the record code without opening a record: the caseload's visit links call it, so a
 * visit can start with no network in the browser build (the desktop app has its code on the laptop).
 */
export function preloadRecordCode(): void {
  loadRecordCode().catch(() => undefined);
}

/** A record was not removed because it holds changes the sync server has not confirmed holding. */
export class UnconfirmedChangesError extends Error {
  readonly recordId: string;
  constructor(recordId: string) {
    super(`The record ${recordId} was not removed: it holds changes not yet on the sync server.`);
    this.name = 'UnconfirmedChangesError';
    this.recordId = recordId;
  }
}

/** An open record lent to one user (a view, a sync job); call release() when done with it. */
export interface RecordLease {
  readonly id: string;
  readonly doc: Y.Doc;
  readonly undo: Y.UndoManager;
  release(): void;
}

interface OpenRecord {
  readonly persisted: PersistedDoc;
  readonly undo: Y.UndoManager;
  readonly stopRelay: () => void;
  readonly stopProjection: () => void;
  /** The last projection write, so callers can wait until the caseload row is in step. */
  projected: Promise<void>;
  users: number;
  idleTimer: ReturnType<typeof setTimeout> | null;
}

/**
 * The local record store: opens each young person's Y.Doc lazily from y-indexeddb, lends it out
 * reference-counted, closes it when idle, and keeps the Dexie caseload projection in step with every
 * change to an open doc, whether it came from this user, another tab or the sync server.
 */
export class RecordStore {
  readonly db: WaymarkDatabase;
  private readonly options: Required<Omit<RecordStoreOptions, 'db' | 'project' | 'openDoc' | 'settings'>> &
    Pick<RecordStoreOptions, 'project' | 'openDoc' | 'settings'>;
  private readonly open = new Map<string, Promise<OpenRecord>>();
  private readonly limit: ReturnType<typeof pLimit>;
  private readonly localChangeListeners = new Set<(recordId: string) => void>();

  constructor(options: RecordStoreOptions) {
    this.db = options.db;
    this.options = {
      project: options.project,
      settings: options.settings,
      today: options.today,
      idleCloseMs: options.idleCloseMs ?? 30_000,
      openConcurrency: options.openConcurrency ?? 8,
      openDoc: options.openDoc,
    };
    this.limit = pLimit(this.options.openConcurrency);
  }

  /**
   * Subscribes to changes made on this device (edits, undo/redo, backup imports), which the sync
   * client must send; returns an unsubscribe function.
   */
  onLocalChange(listener: (recordId: string) => void): () => void {
    this.localChangeListeners.add(listener);
    return () => this.localChangeListeners.delete(listener);
  }

  /** Lists a record that arrived from elsewhere (the sync server) as held on this device. */
  async adopt(recordId: string): Promise<void> {
    if (!(await this.db.records.get(recordId))) {
      await this.db.records.put({ id: recordId, addedAt: new Date().toISOString() });
    }
  }

  /**
   * Removes a record from this device: its doc, its caseload row, its sync state. Used when the
   * server no longer lists it for this user (reassigned). Refuses (UnconfirmedChangesError, nothing
   * removed) a record holding changes the server has not confirmed, unless `discardUnconfirmed` says
   * the user explicitly chose to lose them.
   */
  async forget(recordId: string, options: { readonly discardUnconfirmed?: boolean } = {}): Promise<void> {
    if (!options.discardUnconfirmed && (await this.db.syncState.get(recordId))?.pending) {
      throw new UnconfirmedChangesError(recordId);
    }
    await this.closeRecord(recordId);
    const { db } = this;
    await db.transaction('rw', [db.records, db.caseload, db.syncState, db.stagedStates], async () => {
      if (!options.discardUnconfirmed && (await db.syncState.get(recordId))?.pending) {
        throw new UnconfirmedChangesError(recordId);
      }
      await db.records.delete(recordId);
      await db.caseload.delete(recordId);
      await db.syncState.delete(recordId);
      await db.stagedStates.delete(recordId);
    });
    await deleteRecordDatabase(recordId);
  }

  /** Marks a record as holding changes the sync server has not confirmed. */
  async markPending(recordId: string): Promise<void> {
    await this.db.transaction('rw', this.db.syncState, async () => {
      const previous = await this.db.syncState.get(recordId);
      if (previous?.pending) return;
      await this.db.syncState.put({
        id: recordId,
        pending: true,
        lastSyncedAt: previous?.lastSyncedAt ?? null,
        heldBack: previous?.heldBack ?? null,
      });
    });
  }

  /** Ids of the records open right now (for tests and the sync status). */
  openIds(): string[] {
    return [...this.open.keys()];
  }

  /** Opens (or reuses) a record and lends it out; the record closes after the last release plus idle time. */
  async acquire(recordId: string): Promise<RecordLease> {
    let opening = this.open.get(recordId);
    if (!opening) {
      opening = this.openRecord(recordId);
      this.open.set(recordId, opening);
      opening.catch(() => this.open.delete(recordId));
    }
    const record = await opening;
    record.users += 1;
    if (record.idleTimer) {
      clearTimeout(record.idleTimer);
      record.idleTimer = null;
    }
    let released = false;
    return {
      id: recordId,
      doc: record.persisted.doc,
      undo: record.undo,
      release: () => {
        if (released) return;
        released = true;
        record.users -= 1;
        if (record.users === 0) {
          record.idleTimer = setTimeout(() => void this.closeRecord(recordId), this.options.idleCloseMs);
        }
      },
    };
  }

  /**
   * Applies one edit to a record as the user's own (undoable) change and resolves once the edit is
   * committed to IndexedDB and the caseload row reflects it. Errors thrown by `edit` (validation)
   * propagate and nothing is written.
   */
  async edit<T>(recordId: string, edit: (doc: Y.Doc) => T): Promise<T> {
    const lease = await this.acquire(recordId);
    try {
      const result = lease.doc.transact(() => edit(lease.doc), LOCAL_EDIT_ORIGIN);
      await this.settled(recordId);
      return result;
    } finally {
      lease.release();
    }
  }

  /**
   * Creates a record: `init` writes the initial content into a fresh doc (validating it first), then
   * the record is listed locally and projected. If anything fails, the half-made record is removed.
   */
  async create(recordId: string, init: (doc: Y.Doc) => void): Promise<void> {
    if (await this.db.records.get(recordId)) {
      throw new Error(`A record with id ${recordId} already exists on this device.`);
    }
    const { Y } = await loadRecordCode();
    const staged = new Y.Doc();
    init(staged); // validation errors surface here, before anything is stored
    const lease = await this.acquire(recordId);
    try {
      Y.applyUpdate(lease.doc, Y.encodeStateAsUpdate(staged), LOCAL_EDIT_ORIGIN);
      lease.undo.clear(); // creating the record is not an edit the user can undo
      await this.db.records.put({ id: recordId, addedAt: new Date().toISOString() });
      await this.settled(recordId);
    } catch (error) {
      lease.release();
      await this.closeRecord(recordId);
      await this.db.transaction('rw', this.db.records, this.db.caseload, async () => {
        await this.db.records.delete(recordId);
        await this.db.caseload.delete(recordId);
      });
      await deleteRecordDatabase(recordId);
      throw error;
    }
    lease.release();
  }

  /** Merges an update (from a backup or the server) into a record, listing it locally if new. */
  async merge(recordId: string, update: Uint8Array, origin: unknown): Promise<void> {
    const lease = await this.acquire(recordId);
    try {
      const { Y } = await loadRecordCode();
      Y.applyUpdate(lease.doc, update, origin);
      await this.adopt(recordId);
      await this.settled(recordId);
    } finally {
      lease.release();
    }
  }

  /**
   * The caseload row of a record's whole state (Yjs update) without opening the record, or null while
   * it holds no record: the bulk first sync projects states as it stores them.
   */
  async projectState(state: Uint8Array): Promise<CaseloadRow | null> {
    const code = await loadRecordCode();
    const doc = new code.Y.Doc({ gc: false });
    try {
      code.Y.applyUpdate(doc, state);
      return this.projector(code)(doc, this.options.today());
    } finally {
      doc.destroy();
    }
  }

  /**
   * What a record's caseload row is computed as of (the day, the team's settings), so the sync server
   * can compute the same rows (bulk first sync); null when a custom projection is in use.
   */
  projectionBasis(): { readonly today: string; readonly settings: TeamSettings } | null {
    if (this.options.project) return null;
    return { today: this.options.today(), settings: this.options.settings?.() ?? DEFAULT_SETTINGS };
  }

  /** Resolves when the record's edits so far are in IndexedDB and its caseload row is up to date. */
  async settled(recordId: string): Promise<void> {
    const opening = this.open.get(recordId);
    if (!opening) return;
    const record = await opening;
    await record.persisted.flush();
    let seen: Promise<void> | null = null;
    while (seen !== record.projected) {
      seen = record.projected;
      await seen;
    }
  }

  /** The ids of every record held on this device. */
  async recordIds(): Promise<string[]> {
    return (await this.db.records.toCollection().primaryKeys()) as string[];
  }

  /**
   * Rebuilds the whole caseload projection from the docs, opening at most `openConcurrency` at a time,
   * and removes rows of records no longer held. Returns the rebuilt rows.
   */
  async rebuildProjection(): Promise<CaseloadRow[]> {
    const ids = await this.recordIds();
    const today = this.options.today();
    const project = this.projector(await loadRecordCode());
    const rows = await Promise.all(
      ids.map((id) =>
        this.limit(async () => {
          const lease = await this.acquire(id);
          try {
            return project(lease.doc, today);
          } finally {
            lease.release();
          }
        }),
      ),
    );
    const present = rows.filter((row): row is CaseloadRow => row !== null);
    // Only the rows of records read above are replaced, and only rows of records no longer held are
    // removed: a record added meanwhile (a bulk first sync storing its batches while this runs) keeps
    // the row it was stored with. Clearing every row here once took those rows off the caseload.
    await this.db.transaction('rw', [this.db.caseload, this.db.records], async () => {
      const held = new Set((await this.db.records.toCollection().primaryKeys()) as string[]);
      const shown = (await this.db.caseload.toCollection().primaryKeys()) as string[];
      const unprojected = new Set(ids.filter((_, index) => rows[index] === null));
      await this.db.caseload.bulkDelete(shown.filter((id) => !held.has(id) || unprojected.has(id)));
      await this.db.caseload.bulkPut(present.filter((row) => held.has(row.id)));
    });
    return present;
  }

  /**
   * Rows are computed as of a day (overdue, in touch, exceptions change with the date): rebuilds the
   * projection when any row is from an earlier day. Returns whether it rebuilt.
   */
  async refreshIfStale(): Promise<boolean> {
    const today = this.options.today();
    const stale = await this.db.caseload.filter((row) => row.asOf !== today).count();
    if (stale === 0) return false;
    await this.rebuildProjection();
    return true;
  }

  /** Closes every open record (sign-out, wipe, tests). */
  async closeAll(): Promise<void> {
    await Promise.all([...this.open.keys()].map((id) => this.closeRecord(id)));
  }

  private async openRecord(recordId: string): Promise<OpenRecord> {
    const code = await loadRecordCode();
    const project = this.projector(code);
    const persisted = await (this.options.openDoc ?? code.openPersistedDoc)(recordId);
    const { doc } = persisted;
    try {
      await this.writeStagedState(recordId, persisted, code);
    } catch (error) {
      await persisted.close();
      throw error;
    }
    // The whole doc is in scope; only this user's own edits on this device are undoable.
    const undo = new code.Y.UndoManager(doc, {
      trackedOrigins: new Set([LOCAL_EDIT_ORIGIN]),
      captureTimeout: 500,
    });
    const record: OpenRecord = {
      persisted,
      undo,
      stopRelay: code.relayAcrossTabs(doc, recordId),
      stopProjection: () => doc.off('afterTransaction', onTransaction),
      projected: Promise.resolve(),
      users: 0,
      idleTimer: null,
    };
    const projectRow = async () => {
      const row = project(doc, this.options.today());
      if (row) await this.db.caseload.put(row);
    };
    const onTransaction = (transaction: Y.Transaction) => {
      if (transaction.changed.size === 0 && transaction.deleteSet.clients.size === 0) return;
      const { origin } = transaction;
      if (origin === LOCAL_EDIT_ORIGIN || origin === BACKUP_ORIGIN || origin === undo) {
        // Flagged at once, signed in or not: only a server confirmation clears the flag.
        record.projected = record.projected.then(() => this.markPending(recordId));
        for (const listener of this.localChangeListeners) listener(recordId);
      }
      record.projected = record.projected.then(projectRow, projectRow);
      record.projected.catch(() =>
        console.error(`Waymark: could not update the caseload row of ${recordId}.`),
      );
    };
    doc.on('afterTransaction', onTransaction);
    return record;
  }

  /**
   * Writes the state a bulk first sync staged for this record (local-database.ts StagedStateEntry) into
   * its own database, before the record is lent to anyone, and deletes the staged copy only once that
   * write has committed. Merging a state already held changes nothing, so a write repeated after a
   * crash (or by another tab) is harmless; such a repeat marks the record for the per-record sync to
   * check, which costs one confirmation round.
   */
  private async writeStagedState(recordId: string, persisted: PersistedDoc, code: RecordCode): Promise<void> {
    const staged = await this.db.stagedStates.get(recordId);
    if (!staged) return;
    // Its database held something already (left over from before): the confirmation given for the
    // staged state does not cover that, so the per-record sync checks the record with the server.
    const heldBefore = persisted.doc.store.clients.size > 0;
    code.Y.applyUpdate(persisted.doc, staged.state, STAGED_STATE_ORIGIN);
    await persisted.flush();
    if (heldBefore) await this.markPending(recordId);
    await this.db.stagedStates.delete(recordId);
  }

  private projector(code: RecordCode): (doc: Y.Doc, today: string) => CaseloadRow | null {
    const settings = this.options.settings;
    return this.options.project ?? ((doc, today) => code.projectForCaseload(doc, today, settings?.()));
  }

  private async closeRecord(recordId: string): Promise<void> {
    const opening = this.open.get(recordId);
    if (!opening) return;
    this.open.delete(recordId);
    const record = await opening;
    if (record.idleTimer) clearTimeout(record.idleTimer);
    await record.projected.catch(() => undefined);
    record.stopRelay();
    record.stopProjection();
    record.undo.destroy();
    await record.persisted.close();
  }
}
