/**
 * Bulk first sync (issue 17; format in shared/bulk-states.ts): records the laptop does not hold yet
 * come down in a few large streamed responses of their stored states, instead of one Yjs handshake per
 * record. The server sends each record's caseload row with its state (computed by the shared projection
 * as of this laptop's day and team settings), so nothing is decoded here: each batch is one Dexie
 * transaction that lists the records, writes their rows and sync state, and stages their states
 * (local-database.ts stagedStates). A record's state is written into its own y-indexeddb database when
 * the record is first opened (record-store.ts), before it can be read or edited. The caseload fills as
 * the batches land; one batch is stored while the next is read from the network.
 *
 * Confirmed means the server's stored state contains the laptop's (issue 12): a record is marked
 * confirmed here only when the laptop held nothing of it and now holds exactly the state the server sent
 * as what it stores (staged until it is opened). A record already held or with local changes, one open
 * right now, one whose state holds no young person yet, or one not sent, is left to the per-record
 * protocol (sync-client.ts), which confirms it with the server's snapshot. A state sent without a row
 * (the server keeps no summary of it) is projected here, as before.
 */
import {
  BULK_STATES_MAX_IDS,
  BULK_STATES_PATH,
  BulkFrameReader,
  type BulkStatesRequest,
} from '../../shared/bulk-states.ts';
import { apiErrorSchema, syncEndpoints } from '../../shared/protocol.ts';
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
  /** Records stored together, in one Dexie transaction (default 400). */
  readonly batchSize?: number;
}

interface Received {
  readonly id: string;
  readonly state: Uint8Array;
  /** The row the server sent, not yet checked; null when it sent none. */
  readonly row: string | null;
}

/**
 * Fetches and stores the records; resolves with the ids stored and confirmed. Throws SyncApiError when
 * the server refuses the request or cannot be reached (records stored before that stay stored).
 */
export async function bulkFirstSync(options: BulkSyncOptions): Promise<Set<string>> {
  const requestSize = Math.min(options.requestSize ?? 500, BULK_STATES_MAX_IDS);
  const batchSize = options.batchSize ?? 400;
  const confirmed = new Set<string>();
  const total = options.ids.length;
  const basis = options.store.projectionBasis();
  let seen = 0;
  const store = async (batch: readonly Received[]): Promise<void> => {
    for (const id of await storeBatch(options, batch)) confirmed.add(id);
    seen += batch.length;
    options.onProgress?.(seen, total);
  };
  const request = async (at: number): Promise<Response> =>
    post(options.serverUrl, await options.token(), {
      ids: options.ids.slice(at, at + requestSize),
      ...(basis ? { rows: basis } : {}),
    });
  // One batch is stored while the next is read from the network, across responses: the next request
  // is made as soon as the previous response is read, whatever is still being stored.
  let storing: Promise<void> = Promise.resolve();
  let batch: Received[] = [];
  let next: Promise<Response> | null = total > 0 ? request(0) : null;
  try {
    for (let at = 0; next && !options.isStopped?.(); at += requestSize) {
      const started = performance.now();
      const response = await next;
      next = null;
      const reader = new BulkFrameReader();
      const body = response.body?.getReader();
      if (!body) break;
      const rows = new Map<string, string>();
      let skipped = 0;
      for (;;) {
        const { done, value } = await body.read();
        if (done) break;
        for (const frame of reader.push(value)) {
          if (frame.kind === 'row') rows.set(frame.id, frame.row);
          else if (frame.kind === 'state') {
            batch.push({ id: frame.id, state: frame.state, row: rows.get(frame.id) ?? null });
            rows.delete(frame.id);
          } else if (frame.kind === 'skipped') skipped += 1;
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
      measure('waymark:bulk-response', started);
      // A stream cut short keeps what arrived whole; the rest goes to the per-record protocol.
      if (!reader.finish()) break;
      if (at + requestSize < total) next = request(at + requestSize);
      seen += skipped;
      if (skipped > 0) options.onProgress?.(seen, total);
    }
  } finally {
    // Stopped with a request made: its answer is not read.
    void next?.then(
      (response) => response.body?.cancel(),
      () => undefined,
    );
    // What arrived whole is stored even when a later request fails.
    await storing;
    if (batch.length > 0) await store(batch);
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

/** The row checks, loaded with the first row (shared/ydoc/projection.ts, not needed before a sync). */
type RowCheck = (json: string, id: string) => CaseloadRow | null;
let rowCheck: Promise<RowCheck> | null = null;
function loadRowCheck(): Promise<RowCheck> {
  rowCheck ??= import('../../shared/ydoc/projection.ts').then(({ projectionRowSchema }) => {
    return (json: string, id: string): CaseloadRow | null => {
      try {
        const parsed = projectionRowSchema.safeParse(JSON.parse(json));
        return parsed.success && parsed.data.id === id ? parsed.data : null;
      } catch {
        return null; // not JSON
      }
    };
  });
  rowCheck.catch(() => {
    rowCheck = null;
  });
  return rowCheck;
}

/** Each record's caseload row: the server's, when it sent a valid one; else projected here. */
async function rowsOf(
  options: BulkSyncOptions,
  batch: readonly Received[],
): Promise<Map<string, CaseloadRow>> {
  const rows = new Map<string, CaseloadRow>();
  const check = batch.some((entry) => entry.row !== null) ? await loadRowCheck() : null;
  for (const entry of batch) {
    const sent = entry.row !== null && check ? check(entry.row, entry.id) : null;
    if (sent) {
      rows.set(entry.id, sent);
      continue;
    }
    const started = performance.now();
    const row = await options.store.projectState(entry.state);
    // No young person in it yet (its creator's laptop is still sending it): the per-record sync fetches it.
    if (row) rows.set(entry.id, row);
    measure('waymark:bulk-project', started);
    // Decoding and projecting a record takes milliseconds: let the page answer the user in between.
    await yieldToPage();
  }
  return rows;
}

/**
 * Stores one batch: the staged states in one Dexie transaction, then, in another, the local record
 * list, the caseload rows and the confirmed sync state of the records the laptop held nothing of.
 * A record is listed only once its state is staged. Returns the ids confirmed.
 */
async function storeBatch(options: BulkSyncOptions, batch: readonly Received[]): Promise<string[]> {
  const { store } = options;
  // Signed out or switching user: nothing more is written for the user who was syncing.
  if (options.isStopped?.()) return [];
  const checking = performance.now();
  const rows = await rowsOf(options, batch);
  measure('waymark:bulk-check', checking);
  // A record open right now (another tab's sync, a view) is brought into step by the per-record protocol.
  const open = new Set(store.openIds());
  const ids = [...rows.keys()].filter((id) => !open.has(id));
  if (ids.length === 0 || options.isStopped?.()) return [];
  const { db } = store;
  const at = (options.now ?? (() => new Date()))().toISOString();
  const started = performance.now();
  // The states first, in a transaction of their own: the caseload page reads the rows meanwhile, and
  // a transaction on the rows' tables would wait for it. A state staged for a record that turns out to
  // be held already is a state the server stored, so merging it when the record opens loses nothing.
  const wanted = new Set(ids);
  await db.stagedStates.bulkPut(
    batch.filter((entry) => wanted.has(entry.id)).map(({ id, state }) => ({ id, state })),
  );
  measure('waymark:bulk-stage', started);
  if (options.isStopped?.()) return [];
  const tables = [db.records, db.caseload, db.syncState];
  const confirmedIds = await db.transaction('rw', tables, async () => {
    const listed = await db.records.bulkGet(ids);
    const synced = await db.syncState.bulkGet(ids);
    // Never overwrite a record held here or a flag of local changes (none is expected: none was held).
    const fresh = ids.filter((_, i) => !listed[i] && !synced[i]?.pending);
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
