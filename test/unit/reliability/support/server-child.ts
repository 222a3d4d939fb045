/**
 * A sync server process for load, soak, crash and fuzz runs: the real `startServer` (as server/main.ts
 * runs it), configured by WAYMARK_CHILD_OPTIONS (JSON) and WAYMARK_TOKEN_SECRET, reporting over IPC:
 *   → { type: 'listening', url, syncUrl, port }
 *   ← { type: 'stats', id, gc }   → { type: 'stats', id, rss, heapUsed, heapTotal, external, docs, loading, connections }
 *   ← { type: 'snapshot', id, path } → writes a V8 heap snapshot to `path` (after a GC), answers { type: 'snapshot', id }
 *   ← { type: 'stop' }            → stores loaded documents, exits 0
 * Loaded-document counts come from the Hocuspocus instance of the server's SyncEngine, which this
 * process finds by wrapping SyncEngine.prototype.handleSocket (no change to the server code).
 * Run with --expose-gc so `gc: true` measures live memory.
 */
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { writeHeapSnapshot } from 'node:v8';
import { startServer, type StartServerOptions } from '../../../../server/server.ts';
import { SyncEngine } from '../../../../server/sync/sync-engine.ts';

let engine: SyncEngine | null = null;
const remember = (found: SyncEngine): void => {
  engine = found;
};
const handleSocket = SyncEngine.prototype.handleSocket;
SyncEngine.prototype.handleSocket = function (
  this: SyncEngine,
  ...args: Parameters<SyncEngine['handleSocket']>
) {
  remember(this);
  handleSocket.apply(this, args);
};

export interface ChildStats {
  readonly rss: number;
  readonly heapUsed: number;
  readonly heapTotal: number;
  readonly external: number;
  readonly docs: number;
  readonly loading: number;
  readonly connections: number;
  /** Event-loop delay since the last `resetLoop` request: p99 and max, ms (stalls: GC, sync I/O). */
  readonly loopDelayP99: number;
  readonly loopDelayMax: number;
  /** Longest garbage-collection pause since the last `resetLoop`, ms. */
  readonly gcPauseMax: number;
}

interface StatsRequest {
  readonly type: 'stats';
  readonly id: number;
  readonly gc: boolean;
  readonly resetLoop?: boolean;
}

type Request =
  | StatsRequest
  | { readonly type: 'stop' }
  | { readonly type: 'snapshot'; readonly id: number; readonly path: string };

const loop = monitorEventLoopDelay({ resolution: 5 });
loop.enable();
let gcPauseMax = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcPauseMax = Math.max(gcPauseMax, entry.duration);
}).observe({ entryTypes: ['gc'] });

const options = JSON.parse(process.env['WAYMARK_CHILD_OPTIONS'] ?? '{}') as StartServerOptions;
const server = await startServer({ log: () => undefined, ...options });
const send = (message: object): void => {
  process.send?.(message);
};

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await server.stop();
  process.exit(0);
}

process.on('message', (message: Request) => {
  if (message.type === 'stop') {
    void stop();
    return;
  }
  const gc = (globalThis as { gc?: () => void }).gc;
  if (message.type === 'snapshot') {
    gc?.();
    writeHeapSnapshot(message.path);
    send({ type: 'snapshot', id: message.id });
    return;
  }
  if (message.gc && gc) {
    gc();
    gc();
  }
  const memory = process.memoryUsage();
  const hocuspocus = engine?.hocuspocus;
  const stats: ChildStats = {
    rss: memory.rss,
    heapUsed: memory.heapUsed,
    heapTotal: memory.heapTotal,
    external: memory.external,
    docs: hocuspocus?.getDocumentsCount() ?? 0,
    loading: hocuspocus?.loadingDocuments.size ?? 0,
    connections: hocuspocus?.getConnectionsCount() ?? 0,
    loopDelayP99: loop.percentile(99) / 1e6,
    loopDelayMax: loop.max / 1e6,
    gcPauseMax,
  };
  if (message.resetLoop) {
    loop.reset();
    gcPauseMax = 0;
  }
  send({ ...stats, type: 'stats', id: message.id });
});
process.on('SIGTERM', () => void stop());
process.on('disconnect', () => void stop());

send({ type: 'listening', url: server.url, syncUrl: server.syncUrl, port: server.port });
