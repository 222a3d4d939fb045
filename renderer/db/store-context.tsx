import type { ReactNode } from 'react';
import { createRequiredContext } from '../ui/required-context.ts';
import type { RecordStore } from './record-store.ts';

const [StoreContext, useStoreContext] = createRequiredContext<RecordStore>(
  'useRecordStore',
  'RecordStoreProvider',
);

export function RecordStoreProvider({ store, children }: { store: RecordStore; children: ReactNode }) {
  return <StoreContext value={store}>{children}</StoreContext>;
}

export const useRecordStore: () => RecordStore = useStoreContext;
