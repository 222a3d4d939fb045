/**
 * Fan-out with the clients in their own processes (issue 17): 500 simulated clients × 30 records (100
 * teams of a writing PA and four reading team managers), held by two client processes
 * (fanout-clients.child.ts) separate from the server, against (1) one server process and (2) two server
 * instances coordinated through Redis, both on one PostgreSQL. In (2) each team's writer is on one
 * instance and half its readers on the other, so half the deliveries cross Redis; those are stated
 * separately. PostgreSQL and Redis come from scripts/ensure-postgres.sh and scripts/ensure-redis.sh
 * (started here when WAYMARK_TEST_DATABASE_URL / WAYMARK_TEST_REDIS_URL are not set).
 * Beside the latencies: the client processes' own event-loop delay (a stalled client process is not the
 * server's fault), the CPU each group of processes used during the writes and the load average (the
 * machine's cores are shared by all of them), and the servers' heap and RSS per loaded record.
 * Run: `node bench/fanout-instances.bench.ts` (WAYMARK_BENCH_TEAMS=20 for a quick look;
 * WAYMARK_SERVER_CPU_PROF=<folder> writes a CPU profile of each server process).
 */
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { docNameFor } from '../shared/protocol.ts';
import { PostgresStore } from '../server/store/postgres-store.ts';
import { encodedCaseload } from '../test/unit/reliability/support/records.ts';
import { startServerProcess, type ServerProcess } from '../test/unit/reliability/support/server-process.ts';
import { seedWorld, type Account } from '../test/unit/reliability/support/world.ts';
import type { ClientTeam, FromClients, ToClients } from './fanout-clients.child.ts';
import { LOAD_SERVER_OPTIONS } from './load-clients.ts';
import { cpuMeter, type CpuUse } from './process-cpu.ts';
import { median, printFigures, quantile, root, type Figure } from './support.ts';

const TEAMS = Number(process.env['WAYMARK_BENCH_TEAMS'] ?? 100);
const READERS_PER_TEAM = 4;
const DOCS_PER_TEAM = 30;
const WRITES = Number(process.env['WAYMARK_BENCH_WRITES'] ?? 600);
const WRITES_PER_SECOND = 40;
const CLIENT_PROCESSES = 2;
const TODAY = '2026-03-01';
const KiB = 1024;

async function service(script: string, variable: string): Promise<string> {
  const given = process.env[variable];
  if (given) return given;
  const out = execFileSync('bash', [path.join(root, 'scripts', script)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  }).toString();
  const line = out.trim().split('\n').pop() ?? '';
  if (!line.startsWith(`${variable}=`)) throw new Error(`${script} did not print ${variable}`);
  return line.slice(variable.length + 1);
}

const databaseUrl = await service('ensure-postgres.sh', 'WAYMARK_TEST_DATABASE_URL');
const redisUrl = await service('ensure-redis.sh', 'WAYMARK_TEST_REDIS_URL');
const suffix = randomBytes(5).toString('hex');
const schema = `waymark_bench_fanout_${suffix}`;

console.log(`fan-out across instances: generating and storing ${TEAMS * DOCS_PER_TEAM} records…`);
const generated = encodedCaseload(2027, TEAMS * DOCS_PER_TEAM, TODAY);
const store = await PostgresStore.open({ connectionString: databaseUrl, schema });
const world = await seedWorld('bench-fanout-instances', { store });
interface Team {
  readonly pa: Account;
  readonly managers: Account[];
  readonly docs: ClientTeam['docs'];
}
const teams: Team[] = [];
for (let t = 0; t < TEAMS; t += 1) {
  const team = await store.createTeam(`Team ${t + 1}`);
  const pa = await world.account(`pa-${t}`, 'pa', team.id);
  const managers: Account[] = [];
  for (let m = 0; m < READERS_PER_TEAM; m += 1)
    managers.push(await world.account(`tm-${t}-${m}`, 'team_manager', team.id));
  const docs: { name: string; template: NonNullable<(typeof generated)[number]['record']['contacts'][0]> }[] =
    [];
  const mine = generated.slice(t * DOCS_PER_TEAM, (t + 1) * DOCS_PER_TEAM);
  // A team's records at once: storing 3,000 one by one took minutes on a busy machine.
  await Promise.all(mine.map((record) => world.addRecord(record.id, record.update, pa)));
  for (const record of mine) {
    const template = record.record.contacts[0];
    if (template) docs.push({ name: docNameFor(record.id), template });
  }
  teams.push({ pa, managers, docs });
}
generated.length = 0;
await world.closeStore();

interface ScenarioResult {
  readonly figures: Figure[];
}

/** A client process, once it listens for messages. */
function clientProcess(): Promise<ChildProcess> {
  const child = fork(path.join(root, 'bench', 'fanout-clients.child.ts'), [], {
    execPath: process.execPath,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`a client process exited early (${code})`)));
    child.once('message', (message: FromClients) => {
      if (message.type === 'ready') resolve(child);
      else reject(new Error(`a client process said ${message.type} before ready`));
    });
  });
}

function ask<T extends FromClients['type']>(
  child: ChildProcess,
  message: ToClients,
  answer: T,
): Promise<Extract<FromClients, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null): void => reject(new Error(`a client process exited (${code})`));
    const onMessage = (reply: FromClients): void => {
      if (reply.type === 'failed') reject(new Error(`client process failed: ${reply.message}`));
      else if (reply.type === answer) resolve(reply as Extract<FromClients, { type: T }>);
      else return;
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
    child.send(message);
  });
}

async function scenario(instanceCount: number): Promise<ScenarioResult> {
  const servers: ServerProcess[] = [];
  for (let i = 0; i < instanceCount; i += 1)
    servers.push(
      await startServerProcess(
        {
          databaseUrl,
          pgSchema: schema,
          ...(instanceCount > 1
            ? { redisUrl, redisPrefix: `waymark-bench-${suffix}`, instanceId: `bench-${i}` }
            : {}),
          ...LOAD_SERVER_OPTIONS,
        },
        world.secret,
      ),
    );
  const urlOf = (index: number): string => servers[index % instanceCount]?.syncUrl ?? '';
  const perProcess: ClientTeam[][] = Array.from({ length: CLIENT_PROCESSES }, () => []);
  teams.forEach((team, t) => {
    const writer = t % instanceCount;
    perProcess[t % CLIENT_PROCESSES]?.push({
      writerUrl: urlOf(writer),
      writerToken: team.pa.token,
      writerUserId: team.pa.user.id,
      // Readers alternate between the other instance and the writer's own.
      readers: team.managers.map((manager, m) => {
        const instance = (writer + (m % 2 === 0 ? 1 : 0)) % instanceCount;
        return { url: urlOf(instance), token: manager.token, cross: instance !== writer };
      }),
      docs: team.docs,
    });
  });
  const label = instanceCount === 1 ? 'one server' : `${instanceCount} instances through Redis`;
  const children = await Promise.all(perProcess.map(() => clientProcess()));
  const idle = await Promise.all(servers.map((server) => server.stats(true)));
  try {
    console.log(
      `fan-out across instances: ${instanceCount} instance(s), connecting ${TEAMS * (READERS_PER_TEAM + 1)} clients × ${DOCS_PER_TEAM} records from ${CLIENT_PROCESSES} processes…`,
    );
    const connected = await Promise.all(
      children.map((child, c) => ask(child, { type: 'connect', teams: perProcess[c] ?? [] }, 'connected')),
    );
    const loaded = await Promise.all(servers.map((server) => server.stats(true)));
    await new Promise((resolve) => setTimeout(resolve, 3000));
    for (const server of servers) await server.stats(false, true);
    console.log(`fan-out across instances: ${WRITES} writes at ${WRITES_PER_SECOND}/s…`);
    const loadBefore = loadavg()[0] ?? Number.NaN;
    const cpu = cpuMeter({
      servers: servers.map((server) => server.pid),
      clients: children.map((child) => child.pid ?? -1),
      postgres: { command: 'postgres' },
      redis: { command: 'redis-server' },
    });
    const startAt = performance.timeOrigin + performance.now() + 500;
    const written = await Promise.all(
      children.map((child, c) =>
        ask(
          child,
          {
            type: 'write',
            writes: Math.floor(WRITES / CLIENT_PROCESSES),
            perSecond: WRITES_PER_SECOND / CLIENT_PROCESSES,
            startAt: startAt + (c * 1000) / WRITES_PER_SECOND,
          },
          'written',
        ),
      ),
    );
    const used = cpu.stop();
    const loadAfter = loadavg()[0] ?? Number.NaN;
    const stats = await Promise.all(servers.map((server) => server.stats()));
    const docsLoaded = loaded.reduce((sum, s) => sum + s.docs, 0);
    const grown = (key: 'heapUsed' | 'rss'): number =>
      loaded.reduce((sum, s, i) => sum + s[key] - (idle[i]?.[key] ?? 0), 0) / Math.max(1, docsLoaded) / KiB;
    const cpuFigure = (name: string, use: CpuUse): Figure => ({
      name: `${label}: CPU during the writes, ${name} (${use.seconds.toFixed(1)} s)`,
      value: use.cores,
      unit: 'cores',
    });
    const all = written.flatMap((w) => [...w.same, ...w.cross]);
    const crossed = written.flatMap((w) => w.cross);
    const local = written.flatMap((w) => w.same);
    const figures: Figure[] = [
      {
        name: `${label}: connect + initial sync (slowest client process)`,
        value: Math.max(...connected.map((c) => c.ms)) / 1000,
        unit: 's',
      },
      {
        name: `${label}: fan-out p50 (${all.length} deliveries of ${WRITES} writes)`,
        value: median(all),
        unit: 'ms',
      },
      { name: `${label}: fan-out p99`, value: quantile(all, 0.99), unit: 'ms', target: 100 },
      { name: `${label}: fan-out max`, value: Math.max(...all), unit: 'ms' },
      ...(instanceCount > 1
        ? [
            {
              name: `${label}: p99, reader on the writer's instance (${local.length})`,
              value: quantile(local, 0.99),
              unit: 'ms',
              target: 100,
            },
            {
              name: `${label}: p99, reader on the other instance (${crossed.length}, via Redis)`,
              value: quantile(crossed, 0.99),
              unit: 'ms',
              target: 100,
            },
          ]
        : []),
      {
        name: `${label}: deliveries missing after 10 s`,
        value: written.reduce((sum, w) => sum + w.missing, 0),
        unit: '',
      },
      {
        name: `${label}: server event-loop delay p99 (worst instance)`,
        value: Math.max(...stats.map((s) => s.loopDelayP99)),
        unit: 'ms',
      },
      {
        name: `${label}: server event-loop delay max (worst instance)`,
        value: Math.max(...stats.map((s) => s.loopDelayMax)),
        unit: 'ms',
      },
      {
        name: `${label}: server longest GC pause (worst instance)`,
        value: Math.max(...stats.map((s) => s.gcPauseMax)),
        unit: 'ms',
      },
      {
        name: `${label}: client process event-loop delay p99 (worst process)`,
        value: Math.max(...written.map((w) => w.loopP99Ms)),
        unit: 'ms',
      },
      {
        name: `${label}: client process event-loop delay max (worst process)`,
        value: Math.max(...written.map((w) => w.loopMaxMs)),
        unit: 'ms',
      },
      cpuFigure(`server process${servers.length > 1 ? 'es' : ''}`, used.servers),
      cpuFigure(`${children.length} client processes`, used.clients),
      cpuFigure('PostgreSQL (every process of the shared cluster)', used.postgres),
      cpuFigure('Redis', used.redis),
      { name: `${label}: load average (1 min) before / after the writes`, value: loadBefore, unit: '' },
      { name: '… after', value: loadAfter, unit: '' },
      {
        name: `${label}: server heap per loaded record (${docsLoaded} loaded)`,
        value: grown('heapUsed'),
        unit: 'KiB',
      },
      { name: `${label}: server RSS per loaded record`, value: grown('rss'), unit: 'KiB' },
    ];
    return { figures };
  } finally {
    for (const child of children) if (child.connected) child.send({ type: 'close' } satisfies ToClients);
    await Promise.all(
      children.map((child) =>
        child.exitCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', resolve)),
      ),
    );
    await Promise.all(servers.map((server) => server.stop()));
  }
}

try {
  const one = await scenario(1);
  const two = await scenario(2);
  const text = printFigures(
    `Fan-out, clients in ${CLIENT_PROCESSES} processes of their own: ${TEAMS * (READERS_PER_TEAM + 1)} clients × ${DOCS_PER_TEAM} records, PostgreSQL, one server vs two instances through Redis, loopback, this machine`,
    [...one.figures, ...two.figures],
  );
  if (process.env['WAYMARK_BENCH_RESULTS']) appendFileSync(process.env['WAYMARK_BENCH_RESULTS'], `${text}\n`);
} finally {
  world.remove();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
}
process.exit(0);
