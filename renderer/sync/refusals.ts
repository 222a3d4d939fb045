/**
 * Refusals of a record's changes by the server (SERVER_REASONS.updateRefused, issue 12). The server
 * sends a stateless `UpdateRefusalMessage` on the record's connection and closes it; the change is never
 * acknowledged, so the record stays pending (unconfirmed) on this laptop. This module remembers the
 * latest refusal per record for this session, so the record page can say why the change was not
 * accepted; a later confirmed sync of the record clears it.
 */
import { useCallback, useSyncExternalStore } from 'react';
import { parseUpdateRefusal, type UpdateRefusalRule } from '../../shared/protocol.ts';

export interface RecordRefusal {
  readonly rule: UpdateRefusalRule;
  /** Plain English from the server. */
  readonly message: string;
  /** ISO date-time the refusal arrived. */
  readonly at: string;
}

/** The refusal, if `payload` (a stateless message) is one; null for any other stateless message. */
export function parseRefusal(payload: string, now: Date): RecordRefusal | null {
  const refusal = parseUpdateRefusal(payload);
  return refusal ? { rule: refusal.rule, message: refusal.message, at: now.toISOString() } : null;
}

export class RefusalStore {
  private readonly byRecord = new Map<string, RecordRefusal>();
  private readonly listeners = new Set<() => void>();

  get = (recordId: string): RecordRefusal | null => this.byRecord.get(recordId) ?? null;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Records a stateless message of a record's connection if it is a refusal; true if it was. */
  note(recordId: string, payload: string, now = new Date()): boolean {
    const refusal = parseRefusal(payload, now);
    if (!refusal) return false;
    this.byRecord.set(recordId, refusal);
    this.changed();
    return true;
  }

  /** Forgets a record's refusal (its changes were confirmed since). */
  clear(recordId: string): void {
    if (this.byRecord.delete(recordId)) this.changed();
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}

/** The refusals of this window's session. */
export const refusals = new RefusalStore();

interface StatelessSource {
  on(event: 'stateless', listener: (data: { payload: string }) => void): unknown;
}

/** Notes refusals arriving on a record's provider. */
export function watchRefusals(provider: StatelessSource, recordId: string, store = refusals): void {
  provider.on('stateless', ({ payload }) => void store.note(recordId, payload));
}

/** The latest refusal of a record's changes this session, or null. */
export function useRecordRefusal(recordId: string, store = refusals): RecordRefusal | null {
  const get = useCallback(() => store.get(recordId), [store, recordId]);
  return useSyncExternalStore(store.subscribe, get);
}
