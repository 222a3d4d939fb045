/**
 * Initial and incremental sync of 2,000 record docs (seed 2026, 3–5 year histories) from a real sync
 * server process (SQLite on this machine's disk), with the client in Node using the same
 * @hocuspocus/provider library as the app, in the app's pattern (renderer/sync/sync-client.ts: one
 * socket, 16 records at a time, each attached until synced and acknowledged, then detached). Compared
 * with, on the same run:
 *  - the raw limit: the same encoded bytes sent through a plain `ws` sink on loopback;
 *  - a one-socket-per-doc baseline. y-websocket 3 is installed but its server (@y/websocket-server) is
 *    not, so the baseline is emulated with Hocuspocus itself: each doc gets its own websocket (same
 *    server, same auth, same concurrency), which is what y-websocket clients do.
 * The incremental round follows the client's change-feed pattern: GET /api/me/documents?since=<cursor of
 * the last complete round>, then sync only the records listed as changed (every record is held
 * locally here); the old pattern (re-sync every record) is measured beside it.
 * Run: `node bench/sync.bench.ts`.
 */
import { fork } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import path from 'node:path';
import pLimit from 'p-limit';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { API_PATHS, docNameFor, myDocumentsResponseSchema, parseDocName } from '../shared/protocol.ts';
import { readRecord } from '../shared/ydoc/read-record.ts';
import { addContact } from '../shared/ydoc/write-record.ts';
import { SqliteStore } from '../server/store/sqlite-store.ts';
import { attach, sharedSocket, whenInStep } from '../test/unit/reliability/support/clients.ts';
import { encodedCaseload } from '../test/unit/reliability/support/records.ts';
import { startServerProcess } from '../test/unit/reliability/support/server-process.ts';
import { seedWorld } from '../test/unit/reliability/support/world.ts';
import { median, printFigures } from './support.ts';

const COUNT = Number(process.env['WAYMARK_BENCH_COUNT'] ?? 2000);
const CHANGED = Math.max(1, Math.round(COUNT / 100));
const CONCURRENCY = Number(process.env['WAYMARK_BENCH_CONCURRENCY'] ?? 16);
const TODAY = '2026-03-01';

const seconds = (ms: number) => ms / 1000;

console.log(`sync bench: generating ${COUNT} records…`);
const records = encodedCaseload(2026, COUNT, TODAY);
const totalBytes = records.reduce((sum, r) => sum + r.update.byteLength, 0);
const world = await seedWorld('bench-sync');
const team = await world.store.createTeam('North');
const pa = await world.account('pa.bench', 'pa', team.id);
const manager = await world.account('tm.bench', 'team_manager', team.id);
for (const r of records) await world.addRecord(r.id, r.update, pa);
await world.closeStore();

/** What one durable commit costs on this disk (the store commits every update and audit row). */
function commitMs(): number {
  const db = new DatabaseSync(path.join(world.dir, 'fsync-probe.sqlite'));
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = FULL');
  db.exec('CREATE TABLE t (a TEXT)');
  const insert = db.prepare('INSERT INTO t VALUES (?)');
  const t0 = performance.now();
  for (let i = 0; i < 100; i++) insert.run(`row ${i}`);
  const ms = (performance.now() - t0) / 100;
  db.close();
  return ms;
}

async function rawTransfer(): Promise<number> {
  const sink = fork(path.join(import.meta.dirname, 'ws-sink.child.ts'), [], { execPath: process.execPath });
  try {
    const url = await new Promise<string>((resolve) =>
      sink.once('message', (m: { url: string }) => resolve(m.url)),
    );
    const runs: number[] = [];
    for (let run = 0; run < 3; run++) {
      const ws = new WebSocket(url, { perMessageDeflate: false });
      await new Promise((resolve) => ws.once('open', resolve));
      const done = new Promise<void>((resolve) => ws.once('message', () => resolve()));
      const t0 = performance.now();
      ws.send(`expect ${records.length}`);
      for (const r of records) ws.send(r.update);
      await done;
      runs.push(performance.now() - t0);
      ws.close();
    }
    return median(runs);
  } finally {
    sink.kill();
  }
}

const server = await startServerProcess(
  {
    sqlitePath: world.sqlitePath,
    dataDir: world.dir,
    port: 0,
    maxConnectionsPerIp: 100_000,
    // One machine simulates every client: lift the per-server cap on sockets not yet authenticated.
    socketGuard: { maxUnauthenticatedSockets: 100_000 },
    connectionTimeoutMs: 600_000,
    accessRecheckMs: 600_000,
  },
  world.secret,
);

async function idle(): Promise<void> {
  for (let i = 0; i < 500; i++) {
    const stats = await server.stats();
    if (stats.docs === 0 && stats.loading === 0 && stats.connections === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

type BenchRecord = (typeof records)[number];

/** The client's `GET /api/me/documents[?since=]`: the listed records, those changed, and the cursor. */
async function listing(since: number | null): Promise<{ changed: Set<string>; cursor: number }> {
  const query = since === null ? '' : `?since=${since}`;
  const response = await fetch(`${server.url}${API_PATHS.myDocuments}${query}`, {
    headers: { authorization: `Bearer ${pa.token}` },
  });
  const body = myDocumentsResponseSchema.parse(await response.json());
  if (body.cursor === undefined || body.changed === undefined)
    throw new Error('the server sent no change feed');
  const ids = body.changed.flatMap((name) => parseDocName(name)?.youngPersonId ?? []);
  return { changed: new Set(ids), cursor: body.cursor };
}

/** One sync round over `subset`; `local` gives a record's local state (null: a fresh device). */
async function round(
  perDocSocket: boolean,
  local: (r: BenchRecord) => Uint8Array | null,
  subset: readonly BenchRecord[] = records,
): Promise<{ ms: number; loadMs: number; changed: number }> {
  await idle();
  const limit = pLimit(CONCURRENCY);
  const shared = perDocSocket ? null : sharedSocket(server.syncUrl);
  let loadMs = 0;
  let changed = 0;
  const t0 = performance.now();
  await Promise.all(
    subset.map((r) =>
      limit(async () => {
        const doc = new Y.Doc();
        const state = local(r);
        if (state) {
          const l0 = performance.now();
          Y.applyUpdate(doc, state);
          loadMs += performance.now() - l0;
        }
        let received = false;
        doc.on('update', () => (received = true));
        const socket = shared ?? sharedSocket(server.syncUrl);
        const attached = attach(socket, docNameFor(r.id), pa.token, doc);
        await whenInStep(attached, 120_000);
        if (received) changed += 1;
        attached.provider.destroy();
        if (!shared) socket.destroy();
        doc.destroy();
      }),
    ),
  );
  const ms = performance.now() - t0;
  shared?.destroy();
  return { ms, loadMs, changed };
}

const commit = commitMs();
console.log('sync bench: raw transfer…');
const raw = await rawTransfer();
// Warm-up (not timed): the server's JIT and the database file in the page cache, so the first timed
// round is not penalised for going first.
readFileSync(world.sqlitePath);
await round(false, () => null, records.slice(0, Math.min(200, records.length)));
console.log('sync bench: initial sync over one socket…');
// The client lists its records (and gets the change cursor) before the round, and keeps the cursor
// once every record is in step.
const { cursor: afterInitial } = await listing(null);
const initial = await round(false, () => null);
console.log('sync bench: initial sync, one socket per doc…');
const perDoc = await round(true, () => null);

console.log(`sync bench: ${CHANGED} records change on the server, then an incremental round…`);
// Spread over the caseload; a record with no contact yet cannot clone one, so the next one is taken.
const withContacts = records.flatMap((r, i) => (r.record.contacts.length > 0 ? [i] : []));
const changedIdx = Array.from(
  { length: CHANGED },
  (_, k) => withContacts[Math.floor((k * withContacts.length) / CHANGED)] ?? 0,
);
{
  const socket = sharedSocket(server.syncUrl);
  for (const i of changedIdx) {
    const r = records[i];
    const template = r?.record.contacts[0];
    if (!r || !template) continue;
    const attached = attach(socket, docNameFor(r.id), manager.token);
    await whenInStep(attached, 60_000);
    addContact(
      attached.doc,
      { ...template, id: `bench-change-${i}` },
      { writer: manager.user.id, today: TODAY },
    );
    await whenInStep(attached, 60_000);
    attached.provider.destroy();
  }
  socket.destroy();
}
const heldState = (r: BenchRecord) => r.update;
console.log('sync bench: incremental round without the change feed (every record)…');
const everyRecord = await round(false, heldState);
console.log('sync bench: incremental round with the change feed…');
await idle();
const f0 = performance.now();
const feed = await listing(afterInitial);
const feedListMs = performance.now() - f0;
const feedRound = await round(
  false,
  heldState,
  records.filter((r) => feed.changed.has(r.id)),
);
const incremental = { ...feedRound, ms: feedListMs + feedRound.ms, listed: feed.changed.size };
await server.stop();
// Correctness of the run: is each change in the database after the graceful stop?
const check = new SqliteStore(world.sqlitePath);
let stored = 0;
for (const i of changedIdx) {
  const r = records[i];
  const state = r ? await check.loadDoc(docNameFor(r.id)) : null;
  if (!state) continue;
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  if (readRecord(doc).contacts.some((c) => c.id === `bench-change-${i}`)) stored += 1;
  doc.destroy();
}
await check.close();
world.remove();

const mb = totalBytes / 1024 / 1024;
const text = printFigures(
  `Sync: ${COUNT} records (${mb.toFixed(1)} MB encoded), client in Node (not Chromium), server process on loopback, this machine`,
  [
    {
      name: 'durable SQLite commit on this disk (synchronous=FULL; one per update and audit row)',
      value: commit,
      unit: 'ms',
    },
    { name: `raw limit: same bytes through a plain ws sink (median of 3)`, value: seconds(raw), unit: 's' },
    {
      name: `initial sync, one socket, ${CONCURRENCY} at a time (target ≤ 2× raw)`,
      value: seconds(initial.ms),
      unit: 's',
      target: Number(seconds(2 * raw).toFixed(3)),
    },
    { name: 'initial sync, one socket: records per second', value: (COUNT / initial.ms) * 1000, unit: '/s' },
    {
      name: 'baseline: one socket per doc (Hocuspocus-emulated y-websocket pattern)',
      value: seconds(perDoc.ms),
      unit: 's',
    },
    {
      name: 'one socket ÷ socket per doc (target ≤ 0.33, i.e. ≥ 3× faster)',
      value: initial.ms / perDoc.ms,
      unit: '×',
      target: 0.33,
    },
    { name: `changed records whose change is in the database (of ${CHANGED})`, value: stored, unit: '' },
    {
      name: `incremental round, ${CHANGED} of ${COUNT} changed, change feed: ${incremental.listed} listed as changed and attached (${incremental.changed} received changes)`,
      value: seconds(incremental.ms),
      unit: 's',
    },
    {
      name: '… of which GET /api/me/documents?since=',
      value: seconds(feedListMs),
      unit: 's',
    },
    {
      name: '… of which loading local state (stand-in for y-indexeddb)',
      value: seconds(incremental.loadMs),
      unit: 's',
    },
    {
      name: `old pattern, no change feed: all ${COUNT} records attached (${everyRecord.changed} received changes)`,
      value: seconds(everyRecord.ms),
      unit: 's',
    },
  ],
);
if (process.env['WAYMARK_BENCH_RESULTS']) appendFileSync(process.env['WAYMARK_BENCH_RESULTS'], `${text}\n`);
process.exit(0);
