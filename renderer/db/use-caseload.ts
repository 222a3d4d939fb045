import { useLiveQuery } from 'dexie-react-hooks';
import type { CaseloadRow } from './caseload-row.ts';
import { useRecordStore } from './store-context.tsx';

/**
 * The caseload rows held on this device, live (re-queried whenever the projection changes, in this
 * tab or another), in no particular order (the caseload page orders them by urgency,
 * features/caseload/attention.ts); undefined while loading. Reads the Dexie projection only.
 */
export function useCaseload(paId?: string): CaseloadRow[] | undefined {
  const { db } = useRecordStore();
  return useLiveQuery(async () => {
    const rows = paId ? await db.caseload.where('paId').equals(paId).toArray() : await db.caseload.toArray();
    return rows.filter((row) => row.active);
  }, [db, paId]);
}
