/**
 * Bulk first sync (issue 17; format in shared/bulk-states.ts): records the laptop does not hold yet
 * come down in a few large streamed responses of their stored states, instead of one Yjs handshake per
 * record. Each state is written as the first update of the record's y-indexeddb database
 * (db/first-state-write.ts), projected to its caseload row, and listed, in batches; the caseload fills
 * as it goes.
 *
 * Confirmed means the server's stored state contains the laptop's (issue 12): a record is marked
 * confirmed here only when its local database was empty and now holds exactly the state the server
 * sent as what it stores. A record whose database already held something, whose state holds no young
 * person yet, or that was not sent, is left to the per-record protocol (sync-client.ts), which confirms
 * it with the server's snapshot.
 */
import {
  BULK_STATES_MAX_IDS,
  BULK_STATES_PATH,
  BulkFrameReader,
  type BulkStatesRequest,
} from '../../shared/bulk-states.ts';
import { apiErrorSchema, syncEndpoints } from '../../shared/protocol.ts';
import { writeFirstState } from '../db/first-state-write.ts';
import type { CaseloadRow } from '../db/caseload-row.ts';
import type { RecordStore } from '../db/record-store.ts';
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
  /** Records stored (IndexedDB + projection) together (default 50). */
  readonly batchSize?: number;
}

interface Received {
  readonly id: string;
  readonly state: Uint8Array;
}

/**
 * Fetches and stores the records; resolves with the ids stored and confirmed. Throws SyncApiError when
 * the server refuses the request or cannot be reached (records stored before that stay stored).
 */
export async function bulkFirstSync(options: BulkSyncOptions): Promise<Set<string>> {
  const requestSize = Math.min(options.requestSize ?? 500, BULK_STATES_MAX_IDS);
  const batchSize = options.batchSize ?? 50;
  const confirmed = new Set<string>();
  const total = options.ids.length;
  let seen = 0;
  const store = async (batch: readonly Received[]): Promise<void> => {
    for (const id of await storeBatch(options, batch)) confirmed.add(id);
    seen += batch.length;
    options.onProgress?.(seen, total);
  };
  for (let at = 0; at < total && !options.isStopped?.(); at += requestSize) {
    const ids = options.ids.slice(at, at + requestSize);
    const response = await post(options.serverUrl, await options.token(), { ids });
    const reader = new BulkFrameReader();
    const body = response.body?.getReader();
    if (!body) break;
    let batch: Received[] = [];
    let skipped = 0;
    // One batch is stored while the next is read from the network.
    let storing: Promise<void> = Promise.resolve();
    for (;;) {
      const { done, value } = await body.read();
      if (done) break;
      for (const frame of reader.push(value)) {
        if (frame.kind === 'state') batch.push({ id: frame.id, state: frame.state });
        else if (frame.kind === 'skipped') skipped += 1;
      }
      if (batch.length >= batchSize) {
        const full = batch;
        batch = [];
        await storing;
        if (options.isStopped?.()) {
          await body.cancel();
          return confirmed;
        }
        storing = store(full);
      }
    }
    await storing;
    if (batch.length > 0) await store(batch);
    seen += skipped;
    if (skipped > 0) options.onProgress?.(seen, total);
    // A stream cut short keeps what arrived whole; the rest goes to the per-record protocol.
    if (!reader.finish()) break;
  }
  return confirmed;
}

async function post(serverUrl: string, token: string, request: BulkStatesRequest): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(`${syncEndpoints(serverUrl).apiBase}${BULK_STATES_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(request),
    });
  } catch {
    throw new SyncApiError('unreachable', 'The sync server cannot be reached. Check the connection.', 0);
  }
  if (response.ok) return response;
  const parsed = apiErrorSchema.safeParse(await response.json().catch(() => null));
  throw parsed.success
    ? new SyncApiError(parsed.data.error, parsed.data.message, response.status)
    : new SyncApiError('internal-error', `The sync server answered ${response.status}.`, response.status);
}

/**
 * Stores one batch: each state into its record's empty y-indexeddb database, then, in one Dexie
 * transaction, the caseload rows, the local record list and the confirmed sync state of the records
 * written. Returns the ids confirmed.
 */
async function storeBatch(options: BulkSyncOptions, batch: readonly Received[]): Promise<string[]> {
  const { store } = options;
  // Signed out or switching user: nothing more is written for the user who was syncing.
  if (options.isStopped?.()) return [];
  let started = performance.now();
  const written = await Promise.all(
    batch.map(async ({ id, state }) => ((await writeFirstState(id, state)) ? { id, state } : null)),
  );
  measure('waymark:bulk-idb-write', started);
  const rows = new Map<string, CaseloadRow>();
  for (const entry of written) {
    if (!entry) continue;
    started = performance.now();
    const row = await store.projectState(entry.state);
    // No young person in it yet (its creator's laptop is still sending it): the per-record sync fetches it.
    if (row) rows.set(entry.id, row);
    measure('waymark:bulk-project', started);
    // Decoding and projecting a record takes milliseconds: let the page answer the user in between.
    await yieldToPage();
  }
  const ids = [...rows.keys()];
  if (ids.length === 0 || options.isStopped?.()) return [];
  const { db } = store;
  const at = (options.now ?? (() => new Date()))().toISOString();
  started = performance.now();
  const confirmedIds = await db.transaction('rw', [db.records, db.caseload, db.syncState], async () => {
    const listed = await db.records.bulkGet(ids);
    const states = await db.syncState.bulkGet(ids);
    // Never overwrite a flag of local changes (nothing of these records was held, so none is expected).
    const fresh = ids.filter((_, i) => !listed[i] && !states[i]?.pending);
    await db.records.bulkPut(fresh.map((id) => ({ id, addedAt: at })));
    await db.caseload.bulkPut(fresh.flatMap((id) => rows.get(id) ?? []));
    await db.syncState.bulkPut(fresh.map((id) => ({ id, pending: false, lastSyncedAt: at, heldBack: null })));
    return fresh;
  });
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
  if (options.ids.length === 0) return new Set();
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
