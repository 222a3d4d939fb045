import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import pLimit from 'p-limit';
import {
  clientActionFor,
  docNameFor,
  parseDocName,
  type ClientAction,
  type MyDocumentsResponse,
} from '../../shared/protocol.ts';
import { UnconfirmedChangesError, type RecordStore } from '../db/record-store.ts';
import { loadInBulk, startBulkWorker } from './bulk-sync.ts';
import { applyHandovers, noticeRemoved, type ListedHandover } from './caseload-notices.ts';
import { confirmUntil } from './confirmation.ts';
import { refusals, watchRefusals } from './refusals.ts';
import { myDocuments, websocketUrlFor } from './sync-api.ts';
import { StatusStore, initialSyncStatus, type SyncStatus } from './sync-status.ts';

export interface SyncClientOptions {
  readonly store: RecordStore;
  /** The signed-in user: the saved change cursor belongs to them (and to this server). */
  readonly userId: string;
  /** Base URL of the sync server (http(s)://host[:port]). */
  readonly serverUrl: string;
  /** A current access token (refreshed by the caller when needed). */
  readonly token: () => Promise<string>;
  /** Told when the server asks for more than a retry: wipe, sign in again, sign out. */
  readonly onServerAction: (action: ClientAction, reason: string) => void;
  /** Records synced at once in the background (each one a provider on the shared socket). */
  readonly concurrency?: number;
  /** How long one record may take to come into step before it is retried in the next round. */
  readonly recordTimeoutMs?: number;
  /**
   * How often a round runs while connected, to pick up newly assigned records, reassignments and
   * revocations of records not on screen (records on screen get changes live).
   */
  readonly roundIntervalMs?: number;
  readonly now?: () => Date;
}

/** Settings key of when the server last confirmed a whole round, per user ("Last synced … ago"). */
export const LAST_SYNCED_KEY = 'lastSyncedAt';

/** Settings key of the change cursor of the last round that brought every record into step. */
export const SYNC_CURSOR_KEY = 'syncCursor';

interface SavedCursor {
  readonly userId: string;
  readonly serverUrl: string;
  readonly cursor: number;
}

interface Attached {
  readonly provider: HocuspocusProvider;
  readonly release: () => void;
  watchers: number;
  /** The server refused this record to the user on this connection. */
  refused: boolean;
}

/**
 * Syncs every record the user may hold over one websocket (Hocuspocus multiplexing: one provider per
 * record on a shared socket). Records on screen stay attached for live updates; all others are
 * attached in the background a few at a time, brought into step and detached. The socket reconnects
 * with exponential backoff and jitter; every reconnect starts a new round.
 */
export class SyncClient {
  readonly status = new StatusStore<SyncStatus>({ ...initialSyncStatus, connection: 'connecting' });
  private readonly options: Required<SyncClientOptions>;
  private readonly socket: HocuspocusProviderWebsocket;
  private readonly attached = new Map<string, Promise<Attached>>();
  private readonly limit: ReturnType<typeof pLimit>;
  /** The round running now; it resolves with the status it ended with. */
  private round: Promise<SyncStatus> | null = null;
  /** The round to run once the current one ends, shared by every call made meanwhile. */
  private nextRound: Promise<SyncStatus> | null = null;
  private stopped = false;
  private roundTimer: ReturnType<typeof setInterval> | null = null;
  /**
   * Records that came down empty: the server lists a record as soon as its creator's laptop first opens
   * it, which can be just before the content arrives. They are fetched again a few seconds later.
   */
  private readonly arrivedEmpty = new Set<string>();
  private emptyRetries = 0;
  /** Records that came down empty, synced again in the next round whatever the change feed says. */
  private readonly retryEmpty = new Set<string>();
  /**
   * Records changed here since the server last confirmed holding them, known at once (before Dexie is
   * written). Only a server confirmation (confirmation.ts) takes a record out; the provider's
   * acknowledgement counter is never trusted for this (it is reset on reconnect and can reach zero
   * while updates are still in flight).
   */
  private readonly dirty = new Set<string>();
  /** Local changes per record since start, so a confirmation is only applied to the state it covered. */
  private readonly generations = new Map<string, number>();
  private readonly stopLocalChanges: () => void;
  /** Young people reassigned away from this user lately, with their new PA (from the last listing). */
  private handovers = new Map<string, ListedHandover>();

  constructor(options: SyncClientOptions) {
    this.options = {
      concurrency: 16,
      recordTimeoutMs: 30_000,
      roundIntervalMs: 60_000,
      now: () => new Date(),
      ...options,
    };
    this.limit = pLimit(this.options.concurrency);
    this.socket = new HocuspocusProviderWebsocket({
      url: websocketUrlFor(this.options.serverUrl),
      autoConnect: false,
      delay: 1000,
      factor: 2,
      minDelay: 1000,
      maxDelay: 60_000,
      jitter: true,
      maxAttempts: 0,
      onStatus: ({ status }) => {
        if (status === 'connected') {
          this.status.update({ connection: 'online', problem: null });
          void this.syncAll();
        } else {
          this.status.update({ connection: status === 'connecting' ? 'connecting' : 'offline' });
        }
      },
      onClose: ({ event }) => this.onServerReason(event.reason),
    });
    this.stopLocalChanges = this.options.store.onLocalChange((id) => {
      this.dirty.add(id);
      this.generations.set(id, (this.generations.get(id) ?? 0) + 1);
      // Shown at once: the change waits to be sent from the moment it is made.
      if (!this.status.get().waiting) this.status.update({ waiting: 1 });
      void this.localChange(id);
    });
  }

  /** Connects and starts the first round. */
  start(): void {
    void this.loadLastSynced();
    void this.socket.connect();
    void this.countWaiting();
    this.roundTimer = setInterval(() => {
      if (this.status.get().connection === 'online') void this.syncAll();
    }, this.options.roundIntervalMs);
  }

  /** Stops syncing and closes the socket; local data stays. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.roundTimer) clearInterval(this.roundTimer);
    this.stopLocalChanges();
    const all = await Promise.allSettled([...this.attached.values()]);
    for (const result of all) {
      if (result.status === 'fulfilled') this.detach(result.value);
    }
    this.attached.clear();
    this.socket.destroy();
    this.status.update({ connection: 'signed-out' });
  }

  /** Keeps a record attached (live) while it is on screen; returns a function to let go. */
  watch(recordId: string): () => void {
    const attaching = this.attach(recordId);
    void attaching.then((entry) => (entry.watchers += 1));
    let done = false;
    return () => {
      if (done) return;
      done = true;
      void attaching.then((entry) => {
        entry.watchers -= 1;
        if (entry.watchers === 0) this.drop(recordId, entry);
      });
    };
  }

  /**
   * Ids of the records holding changes the server has not confirmed: the in-memory set (changes made
   * since the last confirmation, before Dexie is written) and the persisted pending flags.
   */
  async unconfirmedIds(): Promise<string[]> {
    const pending = (await this.options.store.db.syncState
      .filter((s) => s.pending)
      .primaryKeys()) as string[];
    return [...new Set([...pending, ...this.dirty])];
  }

  /**
   * One sync round, a few records at a time: of the records the server lists for this user, those not
   * held here and those the server's change feed says changed since the last complete round; plus every
   * local record with unconfirmed changes. Records held here and unchanged on the server are left alone
   * (the first round on a device, or with a server that has no change feed, syncs every listed record).
   * Local records the server no longer lists for this user (reassigned, removed) and that hold no
   * unconfirmed changes are removed from this device; those holding unconfirmed changes are kept and
   * tried again (the server refuses them if they are no longer this user's, and they are flagged).
   */
  /**
   * Resolves when a round that started after the call has ended, with the status that round ended with
   * (taken before any later round can change it). A call made while a round runs ("Sync now", the
   * minute's timer, a retry) waits for the next round, which every such call shares: the running round
   * may have listed the server's changes before the ones the caller wants.
   */
  syncAll(): Promise<SyncStatus> {
    if (!this.round) return this.startRound();
    this.nextRound ??= this.round.then(
      () => this.afterRound(),
      () => this.afterRound(),
    );
    return this.nextRound;
  }

  private afterRound(): Promise<SyncStatus> {
    this.nextRound = null;
    return this.stopped ? Promise.resolve(this.status.get()) : this.syncAll();
  }

  private startRound(): Promise<SyncStatus> {
    const round = this.runRound()
      .then(() => this.status.get())
      .finally(() => {
        if (this.round === round) this.round = null;
      });
    this.round = round;
    return round;
  }

  private async runRound(): Promise<void> {
    const since = await this.savedCursor();
    // A first sync (no complete round yet, nothing held): the bulk staging worker loads while the
    // server lists the records.
    const first = since === null && (await this.options.store.db.records.count()) === 0;
    const bulkWorker = first ? startBulkWorker() : null;
    try {
      await this.roundWith(since, bulkWorker);
    } finally {
      bulkWorker?.terminate();
    }
  }

  private async roundWith(since: number | null, bulkWorker: Worker | null): Promise<void> {
    const { store } = this.options;
    let listing: MyDocumentsResponse;
    try {
      listing = await myDocuments(this.options.serverUrl, await this.options.token(), since);
    } catch (error) {
      const reason = (error as { reason?: string }).reason ?? 'unreachable';
      this.onServerReason(reason);
      this.status.update({ problem: (error as Error).message });
      return;
    }
    this.handovers = new Map((listing.handedOver ?? []).map((h) => [h.youngPersonId, h]));
    await applyHandovers(store.db, listing.handedOver ?? []);
    const remote = youngPersonIds(listing.documents);
    // A server without the change feed: every listed record counts as changed.
    const changed = new Set(listing.changed ? youngPersonIds(listing.changed) : remote);
    const pending = await this.unconfirmedIds();
    const local = await store.recordIds();
    const remoteSet = new Set(remote);
    const held = new Set(local);
    const gone = local.filter((id) => !remoteSet.has(id));
    await Promise.all(gone.map((id) => this.forgetIfConfirmed(id)));
    const retry = [...this.retryEmpty].filter((id) => remoteSet.has(id));
    this.retryEmpty.clear();
    const ids = [
      ...new Set([...remote.filter((id) => !held.has(id) || changed.has(id)), ...pending, ...retry]),
    ];
    this.status.update({ total: ids.length, done: 0, problem: null });
    // Records not held here come down in bulk first (bulk-sync.ts); the rest, one by one.
    const inBulk = await loadInBulk(this.status, {
      ...this.options,
      ids: remote.filter((id) => !held.has(id) && !pending.includes(id)),
      isStopped: () => this.stopped,
      worker: bulkWorker,
    });
    let done = inBulk.size;
    let failed = 0;
    this.status.update({ done });
    const perRecord = ids.filter((id) => !inBulk.has(id));
    await Promise.all(
      perRecord.map((id) =>
        this.limit(async () => {
          if (this.stopped) return;
          const result = await this.syncOne(id);
          // A record the server refuses to this user (reassigned, access removed) is not retried
          // against the cursor: it is no longer theirs to bring into step; its changes stay here, flagged.
          if (result !== 'failed') done += 1;
          else failed += 1;
          this.status.update({ done });
        }),
      ),
    );
    // Only a round in which the server confirmed every record moves the cursor on; otherwise the next
    // round asks again from the old cursor, so no change is skipped.
    if (done === ids.length && failed === 0 && listing.cursor !== undefined && !this.stopped) {
      await this.saveCursor(listing.cursor);
    }
    await this.countWaiting();
    if (this.arrivedEmpty.size > 0 && this.emptyRetries < 5 && !this.stopped) {
      this.emptyRetries += 1;
      for (const id of this.arrivedEmpty) this.retryEmpty.add(id);
      this.arrivedEmpty.clear();
      setTimeout(() => void this.syncAll(), 3000);
    } else if (this.arrivedEmpty.size === 0) {
      this.emptyRetries = 0;
    }
    if (failed === 0 && !this.stopped) await this.saveLastSynced(this.options.now().toISOString());
    this.status.update({
      problem:
        failed > 0 ? `${failed} record${failed === 1 ? '' : 's'} could not sync; retrying later.` : null,
    });
  }

  /** Shows the last confirmed sync time kept from before a reload (this user's only). */
  private async loadLastSynced(): Promise<void> {
    const saved = (await this.options.store.db.settings.get(LAST_SYNCED_KEY))?.value as
      { userId?: unknown; at?: unknown } | undefined;
    if (saved?.userId !== this.options.userId || typeof saved.at !== 'string') return;
    const current = this.status.get().lastSyncedAt;
    if (current === null || current < saved.at) this.status.update({ lastSyncedAt: saved.at });
  }

  private async saveLastSynced(at: string): Promise<void> {
    await this.options.store.db.settings.put({
      key: LAST_SYNCED_KEY,
      value: { userId: this.options.userId, at },
    });
    this.status.update({ lastSyncedAt: at });
  }

  /** The cursor of the last complete round of this user against this server, if any. */
  private async savedCursor(): Promise<number | null> {
    const saved = (await this.options.store.db.settings.get(SYNC_CURSOR_KEY))?.value as
      Partial<SavedCursor> | undefined;
    return saved?.userId === this.options.userId &&
      saved.serverUrl === this.options.serverUrl &&
      typeof saved.cursor === 'number' &&
      Number.isSafeInteger(saved.cursor) &&
      saved.cursor >= 0
      ? saved.cursor
      : null;
  }

  private async saveCursor(cursor: number): Promise<void> {
    const value: SavedCursor = { userId: this.options.userId, serverUrl: this.options.serverUrl, cursor };
    await this.options.store.db.settings.put({ key: SYNC_CURSOR_KEY, value });
  }

  /**
   * Brings one record into step with the server: 'confirmed' when the server confirmed holding its
   * whole local state, 'refused' when the server refused it to this user, 'failed' otherwise (retried
   * in the next round).
   */
  private async syncOne(recordId: string): Promise<'confirmed' | 'refused' | 'failed'> {
    let entry: Attached;
    try {
      entry = await this.attach(recordId);
    } catch {
      return 'failed';
    }
    let refused = false;
    const onRefused = (): void => {
      refused = true;
    };
    entry.provider.on('authenticationFailed', onRefused);
    let requestedGeneration = 0;
    let confirmedGeneration: number | null = null;
    const ok = await confirmUntil(entry.provider, entry.provider.document, {
      timeoutMs: this.options.recordTimeoutMs,
      isStopped: () => this.stopped || entry.refused,
      // A confirmation covers the local changes made before its request, not those made since.
      onRequest: () => {
        requestedGeneration = this.generations.get(recordId) ?? 0;
      },
      onConfirmed: () => {
        confirmedGeneration = requestedGeneration;
      },
    });
    entry.provider.off('authenticationFailed', onRefused);
    if (ok && confirmedGeneration !== null) {
      await this.markConfirmed(recordId, confirmedGeneration);
      await this.options.store.adopt(recordId);
      if (!(await this.options.store.db.caseload.get(recordId))) this.arrivedEmpty.add(recordId);
    }
    if (entry.watchers === 0) this.drop(recordId, entry);
    return ok ? 'confirmed' : refused || entry.refused ? 'refused' : 'failed';
  }

  /**
   * Clears a record's pending flag after a confirmation that covered its changes up to `generation`;
   * a change made since keeps (or puts back) the flag.
   */
  private async markConfirmed(recordId: string, generation: number): Promise<void> {
    const current = (): number => this.generations.get(recordId) ?? 0;
    if (current() !== generation) return;
    refusals.clear(recordId);
    this.dirty.delete(recordId);
    await this.options.store.db.syncState.put({
      id: recordId,
      pending: false,
      lastSyncedAt: this.options.now().toISOString(),
      heldBack: null,
    });
    if (current() !== generation) {
      this.dirty.add(recordId);
      await this.markPending(recordId);
    }
  }

  private async markPending(recordId: string, heldBack?: string): Promise<void> {
    const { db } = this.options.store;
    await db.transaction('rw', db.syncState, async () => {
      const previous = await db.syncState.get(recordId);
      await db.syncState.put({
        id: recordId,
        pending: true,
        lastSyncedAt: previous?.lastSyncedAt ?? null,
        heldBack: heldBack ?? previous?.heldBack ?? null,
      });
    });
  }

  /**
   * Removes a record the server no longer lists for this user, unless it holds unconfirmed changes:
   * then it is kept and flagged, never deleted.
   */
  private async forgetIfConfirmed(recordId: string, heldBack?: string): Promise<void> {
    const { db } = this.options.store;
    const state = await db.syncState.get(recordId);
    if (!this.dirty.has(recordId) && !state?.pending) {
      try {
        const name = (await db.caseload.get(recordId))?.displayName;
        await this.options.store.forget(recordId);
        // Told, not silently gone: "<name> is now supported by <PA>" until dismissed.
        if (name) {
          const at = this.options.now().toISOString();
          await noticeRemoved(db, recordId, name, at, this.handovers.get(recordId));
        }
        return;
      } catch (error) {
        // A change made meanwhile: the store refused, and the record is kept like any other.
        if (!(error instanceof UnconfirmedChangesError)) throw error;
      }
    }
    if (heldBack) await this.markPending(recordId, heldBack);
  }

  private attach(recordId: string): Promise<Attached> {
    const existing = this.attached.get(recordId);
    if (existing) return existing;
    const attaching = (async (): Promise<Attached> => {
      const lease = await this.options.store.acquire(recordId);
      const provider = new HocuspocusProvider({
        name: docNameFor(recordId),
        document: lease.doc,
        websocketProvider: this.socket,
        token: () => this.options.token(),
        onAuthenticationFailed: ({ reason }) => {
          entry.refused = true;
          this.onServerReason(reason, recordId);
        },
        // An open record closed by the server (reassigned, access removed while on screen).
        onClose: ({ event }) => {
          if (clientActionFor(event.reason) !== 'close-document') return;
          entry.refused = true;
          this.onServerReason(event.reason, recordId);
        },
      });
      const entry: Attached = { provider, release: lease.release, watchers: 0, refused: false };
      provider.attach(); // providers on a shared socket are attached by hand
      watchRefusals(provider, recordId); // a refused change stays pending, with the server's reason
      return entry;
    })();
    this.attached.set(recordId, attaching);
    attaching.catch(() => this.attached.delete(recordId));
    return attaching;
  }

  private drop(recordId: string, entry: Attached): void {
    if (this.attached.get(recordId) === undefined) return;
    this.attached.delete(recordId);
    this.detach(entry);
  }

  private detach(entry: Attached): void {
    if (entry.refused) {
      // No close message for a document the server refused: Hocuspocus (server 4.7) would queue it as
      // the first message of that document on this socket and close the next, accepted connection
      // of the record with it (after a handover the record would then not sync until a reconnect).
      this.socket.configuration.providerMap.delete(entry.provider.effectiveName);
    }
    entry.provider.destroy();
    entry.release();
  }

  private async localChange(recordId: string): Promise<void> {
    await this.markPending(recordId);
    await this.countWaiting();
    if (this.status.get().connection === 'online') {
      await this.limit(() => this.syncOne(recordId));
      await this.countWaiting();
    }
  }

  private async countWaiting(): Promise<void> {
    const unconfirmed = await this.unconfirmedIds();
    const heldBack = await this.options.store.db.syncState
      .filter((s) => s.pending && Boolean(s.heldBack))
      .count();
    this.status.update({ waiting: unconfirmed.length, heldBack });
  }

  private onServerReason(reason: string, recordId?: string): void {
    if (!reason) return;
    const action = clientActionFor(reason);
    if (action === 'close-document' && recordId) {
      // Reassigned or access removed: a record holding unconfirmed changes stays, flagged.
      void this.forgetIfConfirmed(recordId, reason).then(() => this.countWaiting());
      return;
    }
    if (action === 'retry-later' || action === 'show-error') return;
    this.options.onServerAction(action, reason);
  }
}

/** The young person ids of `yp:<id>` document names (anything else is ignored). */
function youngPersonIds(names: readonly string[]): string[] {
  return names
    .map((name) => parseDocName(name)?.youngPersonId)
    .filter((id): id is string => id !== undefined);
}
