/**
 * Load clients for the fan-out benches (fanout.bench.ts, fanout-clients.child.ts): a reader that speaks
 * the Hocuspocus protocol directly over `ws` (authenticate, sync step 1, then only frame heads are
 * decoded, so one process can hold hundreds), a writer with the real @hocuspocus/provider and full
 * Y.Docs, and the server options that let one machine simulate every client.
 */
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { ChildOptions } from '../test/unit/reliability/support/server-process.ts';
import { attach, sharedSocket, whenInStep, type Attached } from '../test/unit/reliability/support/clients.ts';
import {
  authFrame,
  AUTH,
  MESSAGE,
  readFrameHead,
  step1Frame,
  SYNC,
} from '../test/unit/reliability/support/frames.ts';

/**
 * One machine simulates every client: lift the per-address and unauthenticated-socket caps, no idle
 * closes, and a long authentication deadline (the first record of a socket may queue behind the other
 * sockets' thousands of records on a machine that also runs every client).
 */
export const LOAD_SERVER_OPTIONS = {
  port: 0,
  maxConnectionsPerIp: 100_000,
  socketGuard: { maxUnauthenticatedSockets: 100_000, authDeadlineMs: 300_000 },
  connectionTimeoutMs: 900_000,
  accessRecheckMs: 900_000,
} as const satisfies ChildOptions;

/**
 * Opens a raw reader of `names`; resolves once every document sent its state. `onUpdate` runs for each
 * update frame received later, with the time it arrived (performance.now()).
 */
export function openReader(
  url: string,
  token: string,
  names: readonly string[],
  onUpdate: (doc: string, ws: WebSocket, at: number) => void,
): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    const synced = new Set<string>();
    ws.on('error', reject);
    // Closed before every record is in step (e.g. the authentication deadline passed): say so, never hang.
    ws.once('close', (code, reason) =>
      reject(
        new Error(
          `reader socket closed (${code} ${reason.toString()}) after ${synced.size} of ${names.length} records`,
        ),
      ),
    );
    ws.on('message', (data: Buffer) => {
      const at = performance.now();
      const head = readFrameHead(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      if (!head) return;
      if (head.type === MESSAGE.auth && head.subtype === AUTH.permissionDenied) {
        reject(new Error(`reader refused ${head.doc}`));
        return;
      }
      if (head.type !== MESSAGE.sync) return;
      if (head.subtype === SYNC.update) onUpdate(head.doc, ws, at);
      else if (head.subtype === SYNC.step2 && !synced.has(head.doc)) {
        synced.add(head.doc);
        if (synced.size === names.length) resolve(ws);
      }
    });
    ws.once('open', () => {
      for (const name of names) {
        ws.send(authFrame(name, token));
        ws.send(step1Frame(name));
      }
    });
  });
}

/**
 * Opens a writer of `names` on one shared socket; resolves when every document is in step.
 * `onLocalUpdate` runs the moment a local update exists, before the provider sends it.
 */
export async function openWriter(
  url: string,
  token: string,
  names: readonly string[],
  onLocalUpdate: (doc: string) => void,
): Promise<Map<string, Attached>> {
  const socket = sharedSocket(url);
  const attached = new Map<string, Attached>();
  for (const name of names) {
    const doc = new Y.Doc();
    // Registered before the provider's own handler.
    doc.on('update', () => onLocalUpdate(name));
    attached.set(name, attach(socket, name, token, doc));
  }
  await Promise.all([...attached.values()].map((a) => whenInStep(a, 600_000)));
  return attached;
}

/**
 * Watches this process's event loop and garbage collector from now on (where latency outliers come
 * from: stalls of a process's event loop, GC of large heaps, sync I/O). `stop` returns the worst of each.
 */
export function watchStalls(): { stop(): { loopP99Ms: number; loopMaxMs: number; gcMaxMs: number } } {
  const loop = monitorEventLoopDelay({ resolution: 5 });
  let gcMaxMs = 0;
  const gc = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcMaxMs = Math.max(gcMaxMs, entry.duration);
  });
  gc.observe({ entryTypes: ['gc'] });
  loop.enable();
  return {
    stop() {
      loop.disable();
      gc.disconnect();
      return { loopP99Ms: loop.percentile(99) / 1e6, loopMaxMs: loop.max / 1e6, gcMaxMs };
    },
  };
}
