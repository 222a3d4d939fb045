/**
 * The IndexedDB database of paused home visits (Dexie): one draft per record, as typed. Drafts are case
 * data that exist only on this laptop, so a wipe (from Settings, a sign-in as someone else, or the
 * server's revocation of the laptop) deletes this database, and the list of what a wipe would lose
 * names each paused visit first. The feature's reads and writes are in features/visit/draft-store.ts.
 */
import { Dexie, type EntityTable } from 'dexie';

export const VISIT_DRAFTS_DATABASE = 'waymark-visit-drafts';

/** One paused visit: the young person's record id, the answers as typed, and when it was kept. */
export interface StoredVisitDraft {
  readonly recordId: string;
  readonly draft: unknown;
  /** ISO date-time of the last write. */
  readonly savedAt: string;
  /** ISO date-time of the first write (absent in drafts kept before it was recorded). */
  readonly startedAt?: string;
}

class VisitDraftDatabase extends Dexie {
  drafts!: EntityTable<StoredVisitDraft, 'recordId'>;
  constructor() {
    super(VISIT_DRAFTS_DATABASE);
    this.version(1).stores({ drafts: 'recordId, savedAt' });
  }
}

let database: VisitDraftDatabase | null = null;

/** The drafts database, opened on first use. */
export function visitDraftDatabase(): VisitDraftDatabase {
  database ??= new VisitDraftDatabase();
  return database;
}

/** A paused visit as a wipe's warning names it: whose record, and when it was started. */
export interface PausedVisitEntry {
  readonly recordId: string;
  /** ISO date-time the visit was first kept. */
  readonly startedAt: string;
}

/** The paused visits on this laptop, oldest first. */
export async function pausedVisitEntries(): Promise<PausedVisitEntry[]> {
  const stored = await visitDraftDatabase().drafts.toArray();
  return stored
    .map(({ recordId, savedAt, startedAt }) => ({ recordId, startedAt: startedAt ?? savedAt }))
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt));
}

/** Deletes every paused visit with its database (the next use makes an empty one). */
export async function deleteVisitDrafts(): Promise<void> {
  // delete() closes this tab's connection first; other tabs' Dexie instances close on `versionchange`.
  await visitDraftDatabase().delete({ disableAutoOpen: false });
}
