import { createContext, useContext, type ReactNode } from 'react';
import type { RecordStore } from './record-store.ts';

const StoreContext = createContext<RecordStore | null>(null);

export function RecordStoreProvider({ store, children }: { store: RecordStore; children: ReactNode }) {
  return <StoreContext value={store}>{children}</StoreContext>;
}

export function useRecordStore(): RecordStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useRecordStore must be used inside <RecordStoreProvider>.');
  return store;
}
