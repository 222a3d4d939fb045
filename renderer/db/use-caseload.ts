import { useLiveQuery } from 'dexie-react-hooks';
import type { CaseloadRow } from './caseload-row.ts';
import { useRecordStore } from './store-context.tsx';

/** Most urgent first: more exceptions, then an earlier review due date, then name. */
export function byUrgency(a: CaseloadRow, b: CaseloadRow): number {
  return (
    b.exceptionCount - a.exceptionCount ||
    a.nextReviewDue.localeCompare(b.nextReviewDue) ||
    a.displayName.localeCompare(b.displayName)
  );
}

/**
 * The caseload rows held on this device, live (re-queried whenever the projection changes, in this
 * tab or another), most urgent first; undefined while loading. Reads the Dexie projection only.
 */
export function useCaseload(paId?: string): CaseloadRow[] | undefined {
  const { db } = useRecordStore();
  return useLiveQuery(async () => {
    const rows = paId ? await db.caseload.where('paId').equals(paId).toArray() : await db.caseload.toArray();
    return rows.filter((row) => row.active).sort(byUrgency);
  }, [db, paId]);
}
