/**
 * The server migrates stored records to encoding version 2 in place (shared/ydoc/migrate-in-place.ts;
 * docs/design.md §8): `waymark-admin records migrate-encoding [--settled-days <n>]`.
 *
 * For each stored record still holding version 1 writes: the record is read from the store, migrated in
 * a scratch Y.Doc, and the difference appended as the server's own update (document history origin
 * 'server', like the record write of a cross-team move in admin-records.ts: not a client's update, so
 * not put through the client update checks), then compacted: compaction drops the content the migrated
 * copies duplicate (server/store/merge.ts), so the stored record, and what a laptop's first sync
 * downloads, is smaller. Each migrated record gets a `doc.encoding-migrated` audit row (system action:
 * the CLI's OS user, counts only, never contents).
 *
 * No lock is needed beyond the store's own (each append is one transaction; compaction runs under the
 * per-record lock, PostgreSQL advisory lock or SQLite transaction): the migration commutes with what
 * laptops send meanwhile, which is what it is built and property-tested for, and two runs at once draw
 * different migration client ids, so both copies of a write are the same write on the same key (one
 * stands, both read the same). A running server that has the record open gets the update at its next
 * load from the store (it unloads records nobody has open); laptops then receive it by the ordinary
 * sync, whether or not they hold unsent changes.
 */
import * as Y from 'yjs';
import { addDaysIso, type IsoDate } from '../shared/domain/dates.ts';
import { RecordNotMigratableError } from '../shared/ydoc/migrate-record.ts';
import { migrateRecordInPlace } from '../shared/ydoc/migrate-in-place.ts';
import { actorDetail, type Actor } from './admin-ops.ts';
import type { Store } from './store/types.ts';

/**
 * Fields written within this many days are left for a later run: a PA may still have the record open
 * with those changes on their undo stack (the app's undo lives only while a record is open).
 */
export const DEFAULT_SETTLED_DAYS = 28;

export interface EncodingMigrationOptions {
  readonly settledDays?: number;
  /** The server's day (UTC) by default. */
  readonly today?: IsoDate;
}

export interface EncodingMigrationSummary {
  /** Records looked at (every stored record document). */
  readonly records: number;
  /** Records migrated by this run. */
  readonly migrated: number;
  /** Version 1 writes rewritten in version 2 form. */
  readonly writes: number;
  /** Version 1 writes left (written recently, or kept for how their history reads). */
  readonly left: number;
  /** Records holding content the migration would not carry: left unchanged. */
  readonly refused: number;
}

/** The update migrating one stored record in place, with its counts; null when there is nothing to do. */
function migrationUpdate(
  state: Uint8Array,
  settledBefore: IsoDate,
): { update: Uint8Array; writes: number; left: number } | { update: null; left: number } {
  const doc = new Y.Doc({ gc: false });
  try {
    Y.applyUpdate(doc, state);
    const before = Y.encodeStateVector(doc);
    const report = migrateRecordInPlace(doc, { settledBefore });
    if (report.migrated === 0) return { update: null, left: report.left };
    return { update: Y.encodeStateAsUpdate(doc, before), writes: report.migrated, left: report.left };
  } finally {
    doc.destroy();
  }
}

/** Migrates every stored record still holding settled version 1 writes (module comment). */
export async function migrateStoredRecordsEncoding(
  store: Store,
  actor: Actor,
  options: EncodingMigrationOptions = {},
): Promise<EncodingMigrationSummary> {
  const settledDays = options.settledDays ?? DEFAULT_SETTLED_DAYS;
  if (!Number.isInteger(settledDays) || settledDays < 1 || settledDays > 3650)
    throw new RangeError('settled days must be a whole number of days from 1 to 3650');
  const today = options.today ?? (new Date().toISOString().slice(0, 10) as IsoDate);
  const settledBefore = addDaysIso(today, -settledDays);
  const summary = { records: 0, migrated: 0, writes: 0, left: 0, refused: 0 };
  for (const name of await store.listDocNames()) {
    const state = await store.loadDoc(name);
    if (state === null) continue;
    summary.records += 1;
    let result: ReturnType<typeof migrationUpdate>;
    try {
      result = migrationUpdate(state, settledBefore);
    } catch (error) {
      if (!(error instanceof RecordNotMigratableError)) throw error;
      summary.refused += 1;
      continue;
    }
    summary.left += result.left;
    if (result.update === null) continue;
    await store.appendUpdate(name, result.update);
    await store.compact(name);
    summary.migrated += 1;
    summary.writes += result.writes;
    await store.appendAudit({
      event: 'doc.encoding-migrated',
      userId: actor.userId,
      docName: name,
      ip: actor.ip ?? null,
      detail: actorDetail(
        actor,
        `writes=${result.writes} left=${result.left} settled-before=${settledBefore}`,
      ),
    });
  }
  return summary;
}
