/**
 * Paused home visits, kept on this laptop until they are saved or discarded: one draft per record, in
 * its own IndexedDB database (Dexie), written as typed so a crash, a reload or the lock screen never
 * loses a visit. Drafts hold case data, so wiping the laptop (which deletes every IndexedDB database)
 * removes them too; they never leave the laptop.
 */
import { Dexie, type EntityTable } from 'dexie';
import { useLiveQuery } from 'dexie-react-hooks';
import { visitDraftSchema, type VisitDraft } from '../../../shared/domain/home-visit.ts';

export const VISIT_DRAFTS_DATABASE = 'waymark-visit-drafts';

/** One paused visit: the young person's record id, the answers as typed, and when it was last kept. */
export interface StoredVisitDraft {
  readonly recordId: string;
  readonly draft: unknown;
  /** ISO date-time of the last write. */
  readonly savedAt: string;
}

class VisitDraftDatabase extends Dexie {
  drafts!: EntityTable<StoredVisitDraft, 'recordId'>;
  constructor() {
    super(VISIT_DRAFTS_DATABASE);
    this.version(1).stores({ drafts: 'recordId, savedAt' });
  }
}

let database: VisitDraftDatabase | null = null;

/** The drafts database, opened on first use (Dexie closes it when a wipe deletes it, and reopens). */
function drafts(): VisitDraftDatabase {
  database ??= new VisitDraftDatabase();
  return database;
}

/** Keeps the draft of a visit to this record, replacing any earlier one; resolves once it is stored. */
export async function keepVisitDraft(recordId: string, draft: VisitDraft): Promise<string> {
  const savedAt = new Date().toISOString();
  await drafts().drafts.put({ recordId, draft, savedAt });
  return savedAt;
}

/**
 * The paused visit to this record, or null. A draft this version cannot read (written by a newer one)
 * is kept as it is, and null is returned so a new visit can start beside it.
 */
export async function loadVisitDraft(
  recordId: string,
): Promise<{ draft: VisitDraft; savedAt: string } | null> {
  const stored = await drafts().drafts.get(recordId);
  if (stored === undefined) return null;
  const parsed = visitDraftSchema.safeParse(stored.draft);
  return parsed.success ? { draft: parsed.data, savedAt: stored.savedAt } : null;
}

/** Removes the paused visit to this record (after it is saved, or when the PA discards it). */
export async function discardVisitDraft(recordId: string): Promise<void> {
  await drafts().drafts.delete(recordId);
}

/** The records with a paused visit on this laptop, live; undefined while loading. */
export function useVisitDraftIds(): ReadonlySet<string> | undefined {
  return useLiveQuery(
    async () => new Set((await drafts().drafts.toCollection().primaryKeys()) as string[]),
    [],
  );
}
