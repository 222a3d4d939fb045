/**
 * Paused home visits, kept on this laptop until they are saved or discarded: one draft per record, in
 * its own IndexedDB database (Dexie), written as typed so a crash, a reload or the lock screen never
 * loses a visit. Drafts hold case data: a wipe deletes their database (db/visit-drafts.ts) after
 * naming them in what it would lose; they never leave the laptop.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { visitDraftSchema, type VisitDraft } from '../../../shared/domain/home-visit.ts';
import { visitDraftDatabase as drafts } from '../../db/visit-drafts.ts';

/** Keeps the draft of a visit to this record, replacing any earlier one; resolves once it is stored. */
export async function keepVisitDraft(recordId: string, draft: VisitDraft): Promise<string> {
  const savedAt = new Date().toISOString();
  const table = drafts().drafts;
  await drafts().transaction('rw', table, async () => {
    const startedAt = (await table.get(recordId))?.startedAt ?? savedAt;
    await table.put({ recordId, draft, savedAt, startedAt });
  });
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
