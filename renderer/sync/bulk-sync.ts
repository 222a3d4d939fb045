/**
 * Bulk first sync (issue 17; format in shared/bulk-states.ts): records the laptop does not hold yet
 * come down in a few large streamed responses of their stored states, instead of one Yjs handshake per
 * record. The server sends each record's caseload row with its state (computed by the shared projection
 * as of this laptop's day and team settings), so nothing is decoded here.
 *
 * The work is split between two threads. A dedicated worker (bulk-stage.worker.ts, running
 * bulk-stream.ts) makes the requests, reads the frames, checks the rows and stages each batch's states
 * in one Dexie transaction (local-database.ts stagedStates), then posts the batch's rows here; the page
 * lists them (the local record list, the rows, the confirmed sync state) in one small transaction, so
 * its main thread never touches a state's bytes. Where no worker can start, the same code runs on the
 * page. A record's state is written into its own y-indexeddb database when the record is first opened
 * (record-store.ts), before it can be read or edited. The caseload fills as the batches land; one batch
 * is staged while the next is read from the network, and listed while the next is staged.
 *
 * Confirmed means the server's stored state contains the laptop's (issue 12): a record is marked
 * confirmed here only when the laptop held nothing of it and now holds exactly the state the server sent
 * as what it stores (staged until it is opened). A record already held or with local changes, one open
 * right now, one whose state holds no young person yet, or one not sent, is left to the per-record
 * protocol (sync-client.ts), which confirms it with the server's snapshot. A state sent without a row
 * (the server keeps no summary of it) is projected here, as before.
 */
import type { CaseloadRow } from '../db/caseload-row.ts';
import type { RecordStore } from '../db/record-store.ts';
import type { FromBulkWorker, ToBulkWorker } from './bulk-worker-protocol.ts';
import { loadRowCheck, stageBatch, streamBulkStates, type StagedBatch, type Timing } from './bulk-stream.ts';
import { SyncApiError } from './sync-api.ts';
import type { StatusStore, SyncStatus } from './sync-status.ts';

export interface BulkSyncOptions {
  readonly store: RecordStore;
  readonly serverUrl: string;
  readonly token: () => Promise<string>;
  /** Records to fetch: listed for this user by the server, not held on this laptop. */
  readonly ids: readonly string[];
  /** Told after each stored batch: records stored so far (confirmed or not) of `ids.length`. */
  readonly onProgress?: (done: number, total: number) => void;
  readonly isStopped?: () => boolean;
  readonly now?: () => Date;
  /** Ids per request (default 500; at most BULK_STATES_MAX_IDS). */
  readonly requestSize?: number;
  /** Records stored together, in one Dexie transaction (default 400). */
  readonly batchSize?: number;
  /**
   * A staging worker started beforehand (startBulkWorker), so its script loads while the server lists
   * the records; ended with the run, used or not.
   */
  readonly worker?: Worker | null;
}

/** How often the page checks, while a worker runs, whether its sync was stopped (ms). */
const STOP_POLL_MS = 50;

/**
 * Fetches and stores the records; resolves with the ids stored and confirmed. Throws SyncApiError when
 * the server refuses the request or cannot be reached (records stored before that stay stored).
 */
export async function bulkFirstSync(options: BulkSyncOptions): Promise<Set<string>> {
  const confirmed = new Set<string>();
  const total = options.ids.length;
  if (total === 0) {
    options.worker?.terminate();
    return confirmed;
  }
  let seen = 0;
  // Batches are listed one at a time, in the order they were staged.
  let listing: Promise<void> = Promise.resolve();
  const list = (staged: StagedBatch): Promise<void> => {
    recordStaging(staged);
    listing = listing.then(async () => {
      for (const id of await listBatch(options, staged)) confirmed.add(id);
      seen += staged.rows.length + staged.unrowed.length;
      options.onProgress?.(seen, total);
    });
    return listing;
  };
  const skipped = (count: number): void => {
    seen += count;
    options.onProgress?.(seen, total);
  };
  const worker = options.worker ?? startBulkWorker();
  try {
    const ran = worker ? await inWorker(worker, options, list, skipped) : false;
    if (!ran) {
      // The row check is loaded while the first request is answered, not when the first batch is full.
      void loadRowCheck().catch(() => undefined);
      await streamBulkStates({
        ...options,
        basis: options.store.projectionBasis(),
        skipped,
        measured: placeMeasure,
        store: async (batch) => {
          if (options.isStopped?.()) return;
          await list(await stageBatch(options.store.db, batch));
        },
      });
    }
  } finally {
    worker?.terminate();
    await listing;
  }
  return confirmed;
}

/** Starts a staging worker (bulk-stage.worker.ts); null where the page cannot start one. */
export function startBulkWorker(): Worker | null {
  try {
    return new Worker(new URL('./bulk-stage.worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return null;
  }
}

/**
 * Runs the reading and staging in `worker`; lists each batch it stages; ends it when the sync stops.
 * Resolves false when the worker failed before it said anything (its script did not load): the caller
 * runs the same on the page.
 */
function inWorker(
  worker: Worker,
  options: BulkSyncOptions,
  list: (staged: StagedBatch) => Promise<void>,
  skipped: (count: number) => void,
): Promise<boolean> {
  const send = (message: ToBulkWorker): void => worker.postMessage(message);
  return new Promise<boolean>((resolve, reject) => {
    let failed: unknown = null;
    let heard = false;
    let listed: Promise<void> = Promise.resolve();
    const end = (): void => {
      clearInterval(poll);
      worker.terminate();
      void listed.then(() => (failed === null ? resolve(true) : reject(failed)), reject);
    };
    // Signed out or switching user: the worker is ended at once, whatever it was writing (a
    // transaction it had not committed is aborted whole).
    const poll = setInterval(() => {
      if (options.isStopped?.()) end();
    }, STOP_POLL_MS);
    worker.onerror = (event) => {
      event.preventDefault();
      if (!heard) {
        clearInterval(poll);
        worker.terminate();
        resolve(false);
        return;
      }
      failed = new SyncApiError('internal-error', 'The bulk sync could not run.', 0);
      end();
    };
    worker.onmessage = (event: MessageEvent<FromBulkWorker>) => {
      heard = true;
      const message = event.data;
      if (message.kind === 'need-token') {
        options.token().then(
          (token) => send({ kind: 'token', n: message.n, token }),
          () => send({ kind: 'token', n: message.n, token: null }),
        );
      } else if (message.kind === 'batch') {
        listed = list(message.batch);
        listed.catch(() => undefined);
      } else if (message.kind === 'skipped') skipped(message.count);
      else if (message.kind === 'measured') placeMeasure(message.name, message.timing);
      else {
        if (message.kind === 'failed')
          failed = new SyncApiError(message.reason, message.message, message.status);
        else if (message.kind === 'database-gone')
          failed = new SyncApiError('internal-error', 'The local database was removed.', 0);
        end();
      }
    };
    send({
      kind: 'start',
      dbName: options.store.db.name,
      serverUrl: options.serverUrl,
      ids: options.ids,
      basis: options.store.projectionBasis(),
      ...(options.requestSize === undefined ? {} : { requestSize: options.requestSize }),
      ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
    });
  });
}

/** A span of work (the worker's or the page's) as a measure on the page's timeline (bench/bulk-sync.bench.ts). */
function placeMeasure(name: string, timing: Timing): void {
  performance.measure(name, { start: timing.startedAt - performance.timeOrigin, duration: timing.ms });
}

/** The staging time of a batch, on the page's timeline (summed by the bulk-sync bench). */
function recordStaging(staged: StagedBatch): void {
  placeMeasure('waymark:bulk-stage', staged.stage);
  placeMeasure('waymark:bulk-dexie-write', staged.stage);
}

/**
 * Lists one staged batch: projects the states sent without a valid row (and stages those that hold a
 * young person), then, in one transaction, writes the local record list, the caseload rows and the
 * confirmed sync state of the records the laptop held nothing of. A record is listed only once its
 * state is staged; one open right now is not listed (the per-record protocol brings it into step) and
 * its staged copy is removed. Returns the ids confirmed.
 */
async function listBatch(options: BulkSyncOptions, staged: StagedBatch): Promise<string[]> {
  const { store } = options;
  // Signed out or switching user: nothing more is written for the user who was syncing.
  if (options.isStopped?.()) return [];
  const rows = new Map<string, CaseloadRow>(staged.rows.map((row) => [row.id, row]));
  const projected: { id: string; state: Uint8Array }[] = [];
  for (const entry of staged.unrowed) {
    const started = performance.now();
    const row = await store.projectState(entry.state);
    // No young person in it yet (its creator's laptop is still sending it): the per-record sync fetches it.
    if (row) {
      rows.set(entry.id, row);
      projected.push(entry);
    }
    measure('waymark:bulk-project', started);
    // Decoding and projecting a record takes milliseconds: let the page answer the user in between.
    await yieldToPage();
  }
  if (options.isStopped?.()) return [];
  const { db } = store;
  const started = performance.now();
  if (projected.length > 0) await db.stagedStates.bulkPut(projected);
  // A record open right now (another tab's sync, a view) is brought into step by the per-record protocol.
  const open = new Set(store.openIds());
  const notListed = [...rows.keys()].filter((id) => open.has(id));
  const ids = [...rows.keys()].filter((id) => !open.has(id));
  if (options.isStopped?.()) return [];
  const at = (options.now ?? (() => new Date()))().toISOString();
  const tables = [db.records, db.caseload, db.syncState, ...(notListed.length > 0 ? [db.stagedStates] : [])];
  const confirmedIds = await db.transaction('rw', tables, async () => {
    if (notListed.length > 0) await db.stagedStates.bulkDelete(notListed);
    // Never overwrite a record held here or a flag of local changes (none is expected: none was held).
    // Read with one key walk each (only the entries that exist come back), not one request per id.
    const listed = new Set(await db.records.where(':id').anyOf(ids).primaryKeys());
    const pending = new Set(
      (await db.syncState.where(':id').anyOf(ids).toArray()).filter((s) => s.pending).map((s) => s.id),
    );
    const fresh = ids.filter((id) => !listed.has(id) && !pending.has(id));
    await db.records.bulkPut(fresh.map((id) => ({ id, addedAt: at })));
    await db.caseload.bulkPut(fresh.flatMap((id) => rows.get(id) ?? []));
    await db.syncState.bulkPut(fresh.map((id) => ({ id, pending: false, lastSyncedAt: at, heldBack: null })));
    return fresh;
  });
  measure('waymark:bulk-list', started);
  measure('waymark:bulk-dexie-write', started);
  return confirmedIds;
}

/** Records a performance measure from `start` to now (summed by bench/bulk-sync.bench.ts). */
function measure(name: string, start: number): void {
  performance.measure(name, { start, end: performance.now() });
}

/** Lets the page handle input and paint between two pieces of bulk work. */
function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * A sync round's bulk step: fetches `options.ids` in bulk, showing progress in `status` (`loading`,
 * and `done` of the round's `total`), and resolves with the ids stored and confirmed. Never throws:
 * whatever did not arrive (server unreachable, refused, stream cut) is left to the per-record protocol.
 */
export async function loadInBulk(
  status: StatusStore<SyncStatus>,
  options: BulkSyncOptions,
): Promise<Set<string>> {
  if (options.ids.length === 0) {
    options.worker?.terminate();
    return new Set();
  }
  status.update({ loading: { done: 0, total: options.ids.length } });
  try {
    return await bulkFirstSync({
      ...options,
      onProgress: (done, total) => {
        status.update({ done, loading: { done, total } });
        options.onProgress?.(done, total);
      },
    });
  } catch {
    return new Set();
  } finally {
    status.update({ loading: null });
  }
}
