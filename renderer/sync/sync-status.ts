/** What the user sees of sync: connection, records waiting, progress "n of m", last synced. */
export interface SyncStatus {
  readonly connection: 'signed-out' | 'offline' | 'connecting' | 'online';
  /** Records in the current sync round. */
  readonly total: number;
  /** Records of the current round already in step with the server. */
  readonly done: number;
  /** Records with local changes the server has not confirmed yet. */
  readonly waiting: number;
  /** Of those, records the server no longer lets this user sync (reassigned, access removed). */
  readonly heldBack: number;
  /** ISO date-time of the last completed round, or null. */
  readonly lastSyncedAt: string | null;
  /** A plain-English problem to show, or null. */
  readonly problem: string | null;
  /** Records coming down in bulk (bulk-sync.ts): stored so far of those fetched; null when none. */
  readonly loading: { readonly done: number; readonly total: number } | null;
}

export const initialSyncStatus: SyncStatus = {
  connection: 'signed-out',
  total: 0,
  done: 0,
  waiting: 0,
  heldBack: 0,
  lastSyncedAt: null,
  problem: null,
  loading: null,
};

/** A tiny observable value for useSyncExternalStore. */
export class StatusStore<T> {
  private value: T;
  private readonly listeners = new Set<() => void>();
  constructor(initial: T) {
    this.value = initial;
  }
  get = (): T => this.value;
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  update(change: Partial<T>): void {
    this.value = { ...this.value, ...change };
    for (const listener of this.listeners) listener();
  }
}
