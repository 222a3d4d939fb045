import { useLiveQuery } from 'dexie-react-hooks';
import { useRecordStore } from '../../db/store-context.tsx';

/** Whether this laptop holds a record with this id ('loading' until known). Opening an unknown id would create it. */
export function useRecordListed(id: string): 'loading' | 'yes' | 'no' {
  const { db } = useRecordStore();
  return useLiveQuery(async () => ((await db.records.get(id)) ? 'yes' : 'no'), [db, id], 'loading');
}
