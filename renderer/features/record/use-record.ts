/**
 * One young person's record as a view uses it: the live Y.Doc read into a typed record, its status
 * today (due dates, in touch, concerns), and `save`, which applies one validated, undoable edit and
 * resolves once it is stored on this laptop.
 */
import { useCallback, useMemo } from 'react';
import type * as Y from 'yjs';
import type { YoungPersonRecord } from '../../../shared/domain/model.ts';
import { recordStatus, type RecordStatus } from '../../../shared/domain/status.ts';
import type { WriteContext } from '../../../shared/ydoc/contested.ts';
import { readRecord } from '../../../shared/ydoc/read-record.ts';
import { useRecordStore } from '../../db/store-context.tsx';
import { todayIso } from '../../db/today.ts';
import { useRecordDoc } from '../../db/use-record-doc.ts';
import { useTeamSettings } from '../../db/team-settings.ts';
import { useCurrentUser } from './current-user.ts';

export interface LoadedRecord {
  readonly id: string;
  readonly doc: Y.Doc;
  /** Changes on every change to the doc (local or synced). */
  readonly version: number;
  readonly record: YoungPersonRecord;
  readonly status: RecordStatus;
  readonly today: string;
  readonly canUndo: boolean;
  undo(): void;
  /**
   * Applies an edit as the current user today; throws the writer's ValidationError and stores nothing.
   * `seen` is the state the form showed when it opened (useEditBasis), so the edit replaces only what
   * the person saw and a change that arrived meanwhile shows as contested.
   */
  save<T>(edit: (doc: Y.Doc, ctx: WriteContext) => T, options?: SaveOptions): Promise<T>;
}

export interface SaveOptions {
  readonly seen?: Y.Snapshot;
}

export type RecordState =
  | { readonly state: 'loading' }
  | { readonly state: 'empty' }
  | { readonly state: 'unreadable'; readonly message: string }
  | { readonly state: 'ready'; readonly value: LoadedRecord };

function read(doc: Y.Doc): { record: YoungPersonRecord } | { error: Error } {
  try {
    return { record: readRecord(doc) };
  } catch (error) {
    return { error: error as Error };
  }
}

export function useRecord(id: string): RecordState {
  const open = useRecordDoc(id);
  const store = useRecordStore();
  const user = useCurrentUser();
  const settings = useTeamSettings();
  const doc = open?.doc ?? null;
  const version = open?.version ?? 0;
  const today = todayIso();
  const result = useMemo(() => {
    if (doc === null) return null;
    void version; // re-read on every change to the doc
    return read(doc);
  }, [doc, version]);
  const save = useCallback(
    async <T>(edit: (doc: Y.Doc, ctx: WriteContext) => T, options: SaveOptions = {}): Promise<T> => {
      // Each save is its own undo step, however quickly it follows the one before.
      const lease = await store.acquire(id);
      try {
        lease.undo.stopCapturing();
        const ctx: WriteContext = {
          writer: user.id,
          today: todayIso(),
          at: new Date().toISOString(),
          ...(options.seen === undefined ? {} : { seen: options.seen }),
        };
        return await store.edit(id, (editing) => edit(editing, ctx));
      } finally {
        lease.release();
      }
    },
    [store, id, user.id],
  );
  const status = useMemo(
    () => (result !== null && 'record' in result ? recordStatus(result.record, today, settings) : null),
    [result, today, settings],
  );
  if (open === null || result === null) return { state: 'loading' };
  if ('error' in result)
    return result.error.name === 'RecordNotInitialisedError'
      ? { state: 'empty' }
      : { state: 'unreadable', message: result.error.message };
  if (status === null) return { state: 'loading' };
  return {
    state: 'ready',
    value: {
      id,
      doc: open.doc,
      version,
      record: result.record,
      status,
      today,
      canUndo: open.canUndo,
      undo: open.undo,
      save,
    },
  };
}
