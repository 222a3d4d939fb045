import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { useRecordStore } from './store-context.tsx';
import type { RecordLease } from './record-store.ts';

export interface OpenRecordDoc {
  readonly doc: Y.Doc;
  /** Changes on every update to the doc, so views can memoise what they read from it. */
  readonly version: number;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  undo(): void;
  redo(): void;
}

/**
 * Opens a record's Y.Doc while the calling view is mounted and re-renders it on every change,
 * local or remote. Returns null while the record is opening.
 */
export function useRecordDoc(recordId: string): OpenRecordDoc | null {
  const store = useRecordStore();
  const [lease, setLease] = useState<RecordLease | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let live = true;
    let held: RecordLease | null = null;
    const bump = () => setVersion((v) => v + 1);
    void store.acquire(recordId).then((acquired) => {
      if (!live) return acquired.release();
      held = acquired;
      acquired.doc.on('update', bump);
      acquired.undo.on('stack-item-added', bump);
      acquired.undo.on('stack-item-popped', bump);
      setLease(acquired);
    });
    return () => {
      live = false;
      if (held) {
        held.doc.off('update', bump);
        held.undo.off('stack-item-added', bump);
        held.undo.off('stack-item-popped', bump);
        held.release();
      }
      setLease(null);
    };
  }, [store, recordId]);

  if (!lease) return null;
  return {
    doc: lease.doc,
    version,
    canUndo: lease.undo.canUndo(),
    canRedo: lease.undo.canRedo(),
    undo: () => lease.undo.undo(),
    redo: () => lease.undo.redo(),
  };
}
