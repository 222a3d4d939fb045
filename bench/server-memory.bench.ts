/**
 * Server heap per loaded record (issue 17 target: ≤ 3× the record's encoded size). A real sync server
 * process (--expose-gc, SQLite) holds N synthetic records opened by one PA over one socket; the bench
 * reads the server's `heapUsed` after a forced GC: idle, with every record loaded, after one write to
 * each record (the update checks keep a copy of a record between writes), after those copies aged out,
 * and after every record closed; also the growth from half the records loaded to all of them (per
 * record, without what the process compiles or allocates once). The idle figure is taken after one
 * record was opened, written and closed (warm-up). Then a heap snapshot of the loaded server,
 * summarised by what holds the bytes (constructor or V8 node type), shows what bounds the figure;
 * bench/server-heap-layouts.ts measures what other layouts of the record would hold
 * (bench/profiles/server-heap.md).
 * Run: `node bench/server-memory.bench.ts` (WAYMARK_BENCH_RECORDS, default 100).
 */
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { docNameFor } from '../shared/protocol.ts';
import { addContact } from '../shared/ydoc/write-record.ts';
import { attach, sharedSocket, whenInStep, type Attached } from '../test/unit/reliability/support/clients.ts';
import { encodedCaseload } from '../test/unit/reliability/support/records.ts';
import { startServerProcess } from '../test/unit/reliability/support/server-process.ts';
import { seedWorld } from '../test/unit/reliability/support/world.ts';
import { printFigures, root, type Figure } from './support.ts';

const RECORDS = Number(process.env['WAYMARK_BENCH_RECORDS'] ?? 100);
const TODAY = '2026-03-01';
const KiB = 1024;
/** How long the server keeps a record's checked copy after its last write (the bench's setting), ms. */
const CHECK_COPY_IDLE_MS = Number(process.env['WAYMARK_BENCH_CHECK_COPY_IDLE_MS'] ?? 5000);

console.log(`server memory bench: generating ${RECORDS} records…`);
const records = encodedCaseload(2028, RECORDS, TODAY);
const meanEncoded = records.reduce((sum, r) => sum + r.update.byteLength, 0) / records.length;

const world = await seedWorld('bench-memory');
const team = await world.store.createTeam('Memory');
const pa = await world.account('pa-memory', 'pa', team.id);
for (const r of records) await world.addRecord(r.id, r.update, pa);
await world.closeStore();

// No idle-socket close or access re-check during the run; one PA writes to every record.
const longRun = { connectionTimeoutMs: 900_000, accessRecheckMs: 900_000 };
const writeLimits = { maxUserRecordsPerDay: 100_000 };
const storage = { sqlitePath: world.sqlitePath, dataDir: world.dir };
const server = await startServerProcess(
  { ...storage, ...longRun, port: 0, writeLimits, checkedCopyIdleMs: CHECK_COPY_IDLE_MS },
  world.secret,
);

/** The server's stats once it holds no record and no connection (or after 30 s). */
async function everyRecordClosed(): Promise<Awaited<ReturnType<typeof server.stats>>> {
  let state = await server.stats(true);
  const deadline = Date.now() + 30_000;
  while ((state.docs > 0 || state.connections > 0) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    state = await server.stats(true);
  }
  return state;
}

// Warm-up: one record opened, written and closed before the idle figure, so the code the server compiles
// on first use (loading, syncing, checking an update: about 1.2 MB, once per process) is not counted
// as memory per record (it showed as 12.5 KiB of "(code)" per record with 100 records).
{
  const first = records[0];
  if (!first) throw new Error('no records');
  const warmSocket = sharedSocket(server.syncUrl);
  const warm = attach(warmSocket, docNameFor(first.id), pa.token);
  await whenInStep(warm, 120_000);
  const template = first.record.contacts[0];
  if (template)
    addContact(warm.doc, { ...template, id: 'memory-warm-up' }, { writer: pa.user.id, today: TODAY });
  await whenInStep(warm, 120_000);
  warm.provider.destroy();
  warmSocket.destroy();
  await everyRecordClosed();
}

const snapshotDir = mkdtempSync(path.join(tmpdir(), 'waymark-heap-'));
const snapshotPath = path.join(snapshotDir, 'server.heapsnapshot');
await server.heapSnapshot(snapshotPath);
const idleHolders = holdersOf(snapshotPath);
const idle = await server.stats(true);
console.log(`server memory bench: opening ${RECORDS} records…`);
const socket = sharedSocket(server.syncUrl);
// In batches: the server lets a socket have at most 100 records pending authentication.
const attached: Attached[] = [];
/** The server after the first half of the records loaded: the second half's growth is per record only. */
let half: Awaited<ReturnType<typeof server.stats>> | null = null;
for (let i = 0; i < records.length; i += 50) {
  const batch = records.slice(i, i + 50).map((r) => attach(socket, docNameFor(r.id), pa.token));
  await Promise.all(batch.map((a) => whenInStep(a, 120_000)));
  attached.push(...batch);
  if (!half && attached.length >= records.length / 2) half = await server.stats(true);
}
const loaded = await server.stats(true);

await server.heapSnapshot(snapshotPath);
const dominant = grownHolders(idleHolders, holdersOf(snapshotPath), 10);
rmSync(snapshotDir, { recursive: true, force: true });

console.log('server memory bench: one write to each record…');
records.forEach((r, i) => {
  const a = attached[i];
  const template = r.record.contacts[0];
  if (a && template)
    addContact(a.doc, { ...template, id: `memory-${i}` }, { writer: pa.user.id, today: TODAY });
});
await Promise.all(attached.map((a) => whenInStep(a, 900_000))).catch((error: unknown) => {
  console.error(server.output.join('').slice(-4000));
  throw error;
});
const written = await server.stats(true);
const AGE_MS = Math.max(CHECK_COPY_IDLE_MS, 5000) * 2 + 1000;
await new Promise((resolve) => setTimeout(resolve, AGE_MS));
const aged = await server.stats(true);

for (const a of attached) a.provider.destroy();
socket.destroy();
const closed = await everyRecordClosed();
await server.stop();
world.remove();

const perRecord = (heapUsed: number): number => (heapUsed - idle.heapUsed) / loaded.docs / KiB;
const ratio = (heapUsed: number): number => (heapUsed - idle.heapUsed) / loaded.docs / meanEncoded;
const figures: Figure[] = [
  { name: `encoded record (mean of ${RECORDS})`, value: meanEncoded / KiB, unit: 'KiB' },
  {
    name: `server heap per loaded record (${loaded.docs} loaded)`,
    value: perRecord(loaded.heapUsed),
    unit: 'KiB',
  },
  { name: '… as a multiple of its encoded size', value: ratio(loaded.heapUsed), unit: '×', target: 3 },
  {
    // Growth from half the records loaded to all of them: without what a process compiles or allocates
    // once, however many records it holds.
    name: `… the second ${loaded.docs - (half?.docs ?? 0)} records alone (growth per record, as a multiple)`,
    value:
      half && loaded.docs > half.docs
        ? (loaded.heapUsed - half.heapUsed) / (loaded.docs - half.docs) / meanEncoded
        : Number.NaN,
    unit: '×',
  },
  { name: '… after one write to each record', value: ratio(written.heapUsed), unit: '×', target: 3 },
  {
    name: `… after ${AGE_MS / 1000} s without writes (copies dropped after ${CHECK_COPY_IDLE_MS / 1000} s; 0: never)`,
    value: ratio(aged.heapUsed),
    unit: '×',
    target: 3,
  },
  {
    name: `server heap idle / every record closed (${closed.docs} loaded)`,
    value: idle.heapUsed / KiB / KiB,
    unit: 'MiB',
  },
  { name: '… every record closed', value: closed.heapUsed / KiB / KiB, unit: 'MiB' },
  ...dominant.map((d) => ({
    name: `heap snapshot, loaded: ${d.name} (${d.count} objects)`,
    value: d.bytes / loaded.docs / KiB,
    unit: 'KiB per record',
  })),
];
const text = printFigures(
  `Server memory: ${RECORDS} records loaded over one socket, server process after GC, this machine`,
  figures,
);
appendFileSync(process.env['WAYMARK_BENCH_RESULTS'] ?? path.join(root, 'bench', 'results.md'), `${text}\n`);
process.exit(0);

interface Holder {
  readonly name: string;
  bytes: number;
  count: number;
}

/** What grew most between two snapshots (self size), by holder. */
function grownHolders(before: Map<string, Holder>, after: Map<string, Holder>, top: number): Holder[] {
  return [...after.values()]
    .map((h) => ({
      name: h.name,
      bytes: h.bytes - (before.get(h.name)?.bytes ?? 0),
      count: h.count - (before.get(h.name)?.count ?? 0),
    }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, top);
}

/** A heap snapshot's self size by holder: objects by constructor, the rest by V8 node type. */
function holdersOf(file: string): Map<string, Holder> {
  const snapshot = JSON.parse(readFileSync(file, 'utf8')) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
    nodes: number[];
    strings: string[];
  };
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const holders = new Map<string, Holder>();
  const { nodes, strings } = snapshot;
  for (let i = 0; i < nodes.length; i += width) {
    const type = types[nodes[i + typeAt] ?? 0] ?? 'unknown';
    const key = type === 'object' ? (strings[nodes[i + nameAt] ?? 0] ?? 'Object') : `(${type})`;
    const holder = holders.get(key) ?? { name: key, bytes: 0, count: 0 };
    holder.bytes += nodes[i + sizeAt] ?? 0;
    holder.count += 1;
    holders.set(key, holder);
  }
  return holders;
}
