/**
 * The bulk first sync's dedicated worker (bulk-stream.ts): requests the states, reads the frames,
 * checks the server's rows and stages the states in the local database, so the page's main thread
 * only lists the rows it is sent (bulk-sync.ts). The database is the page's, opened by name with the
 * one schema (local-database.ts).
 *
 * It never writes into a database other than the one the page had open when it started: the database
 * is opened without Dexie's automatic reopening; if opening it created it (a wipe deleted it meanwhile)
 * or another connection deletes or upgrades it (a wipe, "remove data"), the worker closes it and stops
 * with nothing more written. The page also ends the worker as soon as its sync stops.
 */
import { WaymarkDatabase } from '../db/local-database.ts';
import type { FromBulkWorker, ToBulkWorker } from './bulk-worker-protocol.ts';
import { loadRowCheck, since, stageBatch, streamBulkStates } from './bulk-stream.ts';
import { SyncApiError } from './sync-api.ts';

interface WorkerScope {
  onmessage: ((event: MessageEvent<ToBulkWorker>) => void) | null;
  postMessage(message: FromBulkWorker, transfer?: Transferable[]): void;
  close(): void;
}
const scope = globalThis as unknown as WorkerScope;
const send = (message: FromBulkWorker, transfer: Transferable[] = []): void =>
  scope.postMessage(message, transfer);

/** Tokens asked of the page, by request number. */
const tokens = new Map<number, (token: string | null) => void>();
let tokenRequests = 0;
function token(): Promise<string> {
  const n = ++tokenRequests;
  return new Promise<string>((resolve, reject) => {
    tokens.set(n, (value) => {
      tokens.delete(n);
      if (value === null) reject(new SyncApiError('unreachable', 'No access token for the sync server.', 0));
      else resolve(value);
    });
    send({ kind: 'need-token', n });
  });
}

/** Opens the page's database; null (and closed) when it had to be created: it was deleted meanwhile. */
async function openExisting(name: string, gone: () => void): Promise<WaymarkDatabase | null> {
  const db = new WaymarkDatabase(name, { autoOpen: false });
  let created = false;
  db.on('populate', () => {
    created = true;
  });
  db.on('versionchange', () => {
    db.close({ disableAutoOpen: true });
    gone();
    return false;
  });
  await db.open();
  if (!created) return db;
  db.close({ disableAutoOpen: true });
  return null;
}

async function run(start: Extract<ToBulkWorker, { kind: 'start' }>): Promise<void> {
  let closed = false;
  const opening = performance.now();
  // Opened while the first request is answered; nothing is staged before it is open.
  const ready = openExisting(start.dbName, () => {
    closed = true;
  }).then((db) => {
    send({ kind: 'measured', name: 'waymark:bulk-worker-open', timing: since(opening) });
    if (!db) closed = true;
    return db;
  });
  ready.catch(() => undefined);
  void loadRowCheck().catch(() => undefined);
  try {
    await streamBulkStates({
      ...start,
      token,
      isStopped: () => closed,
      skipped: (count) => send({ kind: 'skipped', count }),
      measured: (name, timing) => send({ kind: 'measured', name, timing }),
      store: async (batch) => {
        const db = await ready;
        if (!db || closed) return;
        const staged = await stageBatch(db, batch);
        send(
          { kind: 'batch', batch: staged },
          staged.unrowed.map((entry) => entry.state.buffer as ArrayBuffer),
        );
      },
    });
    // Nothing was stored if the database never opened: the page must not count the run as done.
    await ready;
    send(closed ? { kind: 'database-gone' } : { kind: 'done' });
  } catch (error) {
    if (closed) send({ kind: 'database-gone' });
    else if (error instanceof SyncApiError)
      send({ kind: 'failed', reason: error.reason, message: error.message, status: error.status });
    else send({ kind: 'failed', reason: 'internal-error', message: String(error), status: 0 });
  } finally {
    (await ready.catch(() => null))?.close({ disableAutoOpen: true });
  }
}

scope.onmessage = (event) => {
  const message = event.data;
  if (message.kind === 'token') tokens.get(message.n)?.(message.token);
  else void run(message);
};
