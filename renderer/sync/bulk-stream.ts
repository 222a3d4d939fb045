/**
 * The reading half of the bulk first sync (bulk-sync.ts; format in shared/bulk-states.ts): requests the
 * states, reads the frames as they arrive, checks the rows the server sent and stages the states
 * (local-database.ts stagedStates). It runs in a dedicated worker (bulk-stage.worker.ts), so the page's
 * main thread never copies, parses or structured-clones a state; on a page that cannot start the worker
 * the same code runs on the page. Listing the records (their rows and confirmed sync state) stays on the
 * page, which knows which records are open (bulk-sync.ts).
 */
import {
  BULK_STATES_MAX_IDS,
  BULK_STATES_PATH,
  BulkFrameReader,
  type BulkStatesRequest,
} from '../../shared/bulk-states.ts';
import { apiErrorSchema, syncEndpoints } from '../../shared/protocol.ts';
import type { CaseloadRow } from '../db/caseload-row.ts';
import type { WaymarkDatabase } from '../db/local-database.ts';
import { SyncApiError } from './sync-api.ts';

/** A record received whole: its id, its state as the server stores it, the row it sent (unchecked). */
export interface Received {
  readonly id: string;
  readonly state: Uint8Array;
  /** The row the server sent, not yet checked; null when it sent none. */
  readonly row: string | null;
}

/** A batch staged: the records with a valid row from the server, and those the page must project. */
export interface StagedBatch {
  /** Each record whose state is staged, with the server's row (checked). */
  readonly rows: readonly CaseloadRow[];
  /** Records sent without a valid row: not staged; the page projects their states. */
  readonly unrowed: readonly { readonly id: string; readonly state: Uint8Array }[];
  /** Time spent staging. */
  readonly stage: Timing;
}

export interface StreamOptions {
  readonly serverUrl: string;
  readonly token: () => Promise<string>;
  readonly ids: readonly string[];
  /** The laptop's day and team settings, to get the server's rows (RecordStore.projectionBasis). */
  readonly basis: BulkStatesRequest['rows'] | null;
  /** Ids per request (default 500; at most BULK_STATES_MAX_IDS). */
  readonly requestSize?: number;
  /** Records stored together (default 400). */
  readonly batchSize?: number;
  /** Stores a batch; called one batch at a time, in order, while the next one is read. */
  readonly store: (batch: readonly Received[]) => Promise<void>;
  /** Told of records the server did not send (not this user's, not stored). */
  readonly skipped: (count: number) => void;
  readonly isStopped?: () => boolean;
  /** Told how long each response took to read (the worker passes it on to the page's timeline). */
  readonly measured?: (name: string, timing: Timing) => void;
}

/** A span of time on any thread: when it started (ms since the Unix epoch) and how long it took (ms). */
export interface Timing {
  readonly startedAt: number;
  readonly ms: number;
}

/** The span from `started` (this thread's performance.now()) to now. */
export function since(started: number): Timing {
  return { startedAt: performance.timeOrigin + started, ms: performance.now() - started };
}

/**
 * Requests every id and hands the records to `store` in batches. Throws SyncApiError when the server
 * refuses a request or cannot be reached, BulkFrameError on a malformed stream; what arrived whole
 * before is stored first. A stream cut short ends the run quietly: the rest goes to the per-record
 * protocol.
 */
export async function streamBulkStates(options: StreamOptions): Promise<void> {
  const requestSize = Math.min(options.requestSize ?? 500, BULK_STATES_MAX_IDS);
  const batchSize = options.batchSize ?? 400;
  const total = options.ids.length;
  const request = async (at: number): Promise<Response> =>
    post(options.serverUrl, await options.token(), {
      ids: options.ids.slice(at, at + requestSize),
      ...(options.basis ? { rows: options.basis } : {}),
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
            return;
          }
          storing = options.store(full);
        }
      }
      options.measured?.('waymark:bulk-response', since(started));
      // A stream cut short keeps what arrived whole; the rest goes to the per-record protocol.
      if (!reader.finish()) break;
      if (at + requestSize < total) next = request(at + requestSize);
      if (skipped > 0) options.skipped(skipped);
    }
  } finally {
    // Stopped with a request made: its answer is not read.
    void next?.then(
      (response) => response.body?.cancel(),
      () => undefined,
    );
    // What arrived whole is stored even when a later request fails.
    await storing;
    if (batch.length > 0 && !options.isStopped?.()) await options.store(batch);
  }
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

/** The row check, loaded with the first row (shared/ydoc/projection.ts, not needed before a sync). */
type RowCheck = (json: string, id: string) => CaseloadRow | null;
let rowCheck: Promise<RowCheck> | null = null;
/** Loads the row check; a bulk sync starts loading it with its first request, not its first batch. */
export function loadRowCheck(): Promise<RowCheck> {
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

/**
 * Checks the rows the server sent and stages, in one transaction, the states of the records whose row
 * is valid; the others are handed back unstaged, for the page to project. Staging a state for a record
 * that turns out to be held already, or open, is harmless: it is a state the server stored, so merging
 * it when the record opens loses nothing (record-store.ts writeStagedState).
 */
export async function stageBatch(db: WaymarkDatabase, batch: readonly Received[]): Promise<StagedBatch> {
  const check = batch.some((entry) => entry.row !== null) ? await loadRowCheck() : null;
  const rows: CaseloadRow[] = [];
  const staged: { id: string; state: Uint8Array }[] = [];
  const unrowed: { id: string; state: Uint8Array }[] = [];
  for (const { id, state, row } of batch) {
    const sent = row !== null && check ? check(row, id) : null;
    if (sent) {
      rows.push(sent);
      staged.push({ id, state });
    } else unrowed.push({ id, state });
  }
  const started = performance.now();
  if (staged.length > 0) await db.stagedStates.bulkPut(staged);
  return { rows, unrowed, stage: since(started) };
}
