/**
 * Server under load: 500 simulated clients × 30 record docs each on loopback, against a real sync server
 * process (SQLite on this machine's disk). 100 teams of five: one PA client per team uses the real
 * @hocuspocus/provider with full Y.Docs and writes contacts through the shared/ydoc writers; four
 * team-manager clients per team speak the Hocuspocus protocol directly over `ws` (authenticate, sync
 * step 1, receive the state and every update, decode nothing) so one Node process can hold 400 of them.
 * Measures update fan-out latency (the PA's local update → each team manager receives it) and the
 * server's memory per loaded doc (process.memoryUsage in the server process after a forced GC).
 * Run: `node bench/fanout.bench.ts`.
 */
import { appendFileSync } from 'node:fs';
import pLimit from 'p-limit';
import WebSocket from 'ws';
import type { ContactEvent } from '../shared/domain/model.ts';
import { docNameFor } from '../shared/protocol.ts';
import { addContact } from '../shared/ydoc/write-record.ts';
import type { Attached } from '../test/unit/reliability/support/clients.ts';
import { encodedCaseload } from '../test/unit/reliability/support/records.ts';
import { startServerProcess } from '../test/unit/reliability/support/server-process.ts';
import { seedWorld, type Account } from '../test/unit/reliability/support/world.ts';
import { LOAD_SERVER_OPTIONS, openReader, openWriter, watchStalls } from './load-clients.ts';
import { median, printFigures, quantile } from './support.ts';

const TEAMS = Number(process.env['WAYMARK_BENCH_TEAMS'] ?? 100);
const PER_TEAM = 5;
const DOCS_PER_TEAM = 30;
const WRITES = Number(process.env['WAYMARK_BENCH_WRITES'] ?? 600);
const WRITES_PER_SECOND = 40;
const TODAY = '2026-03-01';
const MB = 1024 * 1024;

console.log(`fan-out bench: generating ${TEAMS * DOCS_PER_TEAM} records…`);
const generated = encodedCaseload(2027, TEAMS * DOCS_PER_TEAM, TODAY);
const docs = generated.map((r) => ({
  name: docNameFor(r.id),
  update: r.update,
  template: r.record.contacts[0],
}));
generated.length = 0;

const world = await seedWorld('bench-fanout');
interface Team {
  readonly pa: Account;
  readonly managers: Account[];
  readonly docs: typeof docs;
}
const teams: Team[] = [];
for (let t = 0; t < TEAMS; t++) {
  const team = await world.store.createTeam(`Team ${t + 1}`);
  const pa = await world.account(`pa-${t}`, 'pa', team.id);
  const managers: Account[] = [];
  for (let m = 1; m < PER_TEAM; m++)
    managers.push(await world.account(`tm-${t}-${m}`, 'team_manager', team.id));
  const mine = docs.slice(t * DOCS_PER_TEAM, (t + 1) * DOCS_PER_TEAM);
  for (const d of mine) await world.addRecord(d.name.slice(3), d.update, pa);
  teams.push({ pa, managers, docs: mine });
}
await world.closeStore();

const server = await startServerProcess(
  {
    sqlitePath: world.sqlitePath,
    dataDir: world.dir,
    ...LOAD_SERVER_OPTIONS,
  },
  world.secret,
);
const base = await server.stats(true);

// --- pending writes and the latencies of their deliveries ---------------------------------------
interface Pending {
  t0: number;
  readonly waitingFor: Set<WebSocket>;
}
const pending = new Map<string, Pending>();
const latencies: number[] = [];

function rawClient(account: Account, names: readonly string[]): Promise<WebSocket> {
  return openReader(server.syncUrl, account.token, names, (doc, ws, now) => {
    const write = pending.get(doc);
    if (write && write.t0 > 0 && write.waitingFor.delete(ws)) latencies.push(now - write.t0);
  });
}

interface Writer {
  readonly attached: Map<string, Attached>;
}

async function fullClient(account: Account, names: readonly string[]): Promise<Writer> {
  const attached = await openWriter(server.syncUrl, account.token, names, (name) => {
    const write = pending.get(name);
    if (write && write.t0 === 0) write.t0 = performance.now();
  });
  return { attached };
}

console.log(`fan-out bench: connecting ${TEAMS * PER_TEAM} clients × ${DOCS_PER_TEAM} docs…`);
const connectStart = performance.now();
const limit = pLimit(10);
const readers = new Map<Team, WebSocket[]>();
const writers = new Map<Team, Writer>();
await Promise.all(
  teams.flatMap((team) => [
    limit(async () =>
      writers.set(
        team,
        await fullClient(
          team.pa,
          team.docs.map((d) => d.name),
        ),
      ),
    ),
    ...team.managers.map((manager) =>
      limit(async () => {
        const ws = await rawClient(
          manager,
          team.docs.map((d) => d.name),
        );
        readers.set(team, [...(readers.get(team) ?? []), ws]);
      }),
    ),
  ]),
);
const connectMs = performance.now() - connectStart;
const loaded = await server.stats(true);
// Let the forced GC above and its sweeping finish, then start the delay and GC records afresh.
await new Promise((resolve) => setTimeout(resolve, 3000));
await server.stats(false, true);
const clientStalls = watchStalls();

console.log(`fan-out bench: ${WRITES} writes at ${WRITES_PER_SECOND}/s…`);
const writeStart = performance.now();
for (let k = 0; k < WRITES; k++) {
  const team = teams[k % TEAMS];
  const d = team?.docs[Math.floor(k / TEAMS) % DOCS_PER_TEAM];
  const attached = d ? writers.get(team as Team)?.attached.get(d.name) : undefined;
  const template: ContactEvent | undefined = d?.template;
  if (team && d && attached && template) {
    pending.set(d.name, { t0: 0, waitingFor: new Set(readers.get(team)) });
    addContact(attached.doc, { ...template, id: `fanout-${k}` }, { writer: team.pa.user.id, today: TODAY });
  }
  const due = writeStart + ((k + 1) * 1000) / WRITES_PER_SECOND;
  const wait = due - performance.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}
const drainUntil = performance.now() + 10_000;
while ([...pending.values()].some((p) => p.waitingFor.size > 0) && performance.now() < drainUntil)
  await new Promise((resolve) => setTimeout(resolve, 20));
const writeSeconds = (performance.now() - writeStart) / 1000;
const missing = [...pending.values()].reduce((sum, p) => sum + p.waitingFor.size, 0);
const clientStalled = clientStalls.stop();
const afterWrites = await server.stats(true);

for (const writer of writers.values()) for (const a of writer.attached.values()) a.provider.destroy();
for (const list of readers.values()) for (const ws of list) ws.close();
for (let i = 0; i < 1500; i++) {
  const s = await server.stats();
  if (s.docs === 0 && s.connections === 0) break;
  await new Promise((resolve) => setTimeout(resolve, 20));
}
const unloaded = await server.stats(true);
await server.stop();
world.remove();

const perDoc = (bytes: number) => bytes / Math.max(1, loaded.docs) / 1024;
const text = printFigures(
  `Server fan-out: ${TEAMS * PER_TEAM} clients × ${DOCS_PER_TEAM} docs (${loaded.docs} docs loaded), loopback, server process, this machine`,
  [
    { name: `connect + initial sync of every client (10 at a time)`, value: connectMs / 1000, unit: 's' },
    {
      name: `update fan-out latency p50 (${latencies.length} deliveries of ${WRITES} writes)`,
      value: median(latencies),
      unit: 'ms',
      target: 100,
    },
    { name: 'update fan-out latency p99', value: quantile(latencies, 0.99), unit: 'ms', target: 100 },
    { name: 'update fan-out latency max', value: Math.max(...latencies), unit: 'ms' },
    { name: 'writes per second achieved', value: WRITES / writeSeconds, unit: '/s' },
    { name: 'deliveries missing after 10 s', value: missing, unit: '' },
    { name: 'server event-loop delay during writes p99', value: afterWrites.loopDelayP99, unit: 'ms' },
    { name: 'server event-loop delay during writes max', value: afterWrites.loopDelayMax, unit: 'ms' },
    { name: 'server longest GC pause during writes', value: afterWrites.gcPauseMax, unit: 'ms' },
    { name: 'client process event-loop delay during writes max', value: clientStalled.loopMaxMs, unit: 'ms' },
    { name: 'client process longest GC pause during writes', value: clientStalled.gcMaxMs, unit: 'ms' },
    {
      name: 'server RSS per loaded doc ((loaded − idle) / docs)',
      value: perDoc(loaded.rss - base.rss),
      unit: 'KiB',
    },
    { name: 'server JS heap per loaded doc', value: perDoc(loaded.heapUsed - base.heapUsed), unit: 'KiB' },
    { name: 'server RSS idle / loaded / after writes / all unloaded', value: base.rss / MB, unit: 'MB' },
    { name: '… loaded', value: loaded.rss / MB, unit: 'MB' },
    { name: '… after writes', value: afterWrites.rss / MB, unit: 'MB' },
    {
      name: `… all unloaded (${unloaded.docs} docs, heap ${(unloaded.heapUsed / MB).toFixed(0)} MB)`,
      value: unloaded.rss / MB,
      unit: 'MB',
    },
  ],
);
if (process.env['WAYMARK_BENCH_RESULTS']) appendFileSync(process.env['WAYMARK_BENCH_RESULTS'], `${text}\n`);
process.exit(0);
