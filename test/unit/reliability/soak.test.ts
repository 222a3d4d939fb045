/**
 * Bounded soak on loopback (fixed seed, a fixed number of cycles): two PAs' clients repeatedly
 * connect, open a seeded random part of their caseload, add contacts, wait for the acknowledgement and
 * disconnect, so the server loads, writes, compacts and unloads documents over and over. The server
 * process's memory is sampled (after a forced GC) each time every document has unloaded: after a
 * warm-up there is no growth trend, and the loaded-document and connection counts return to zero.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { docNameFor } from '../../../shared/protocol.ts';
import { createRng } from '../../../shared/synthetic/random.ts';
import { addContact } from '../../../shared/ydoc/write-record.ts';
import { attach, sharedSocket, whenInStep } from './support/clients.ts';
import { encodedCaseload, type EncodedRecord } from './support/records.ts';
import type { ChildStats } from './support/server-child.ts';
import { startServerProcess, type ServerProcess } from './support/server-process.ts';
import { seedWorld, type Account, type SeedWorld } from './support/world.ts';

const TODAY = '2026-03-01';
/**
 * Counted in cycles, not seconds, so a slow or busy machine runs the same soak, only slower (a 20 s
 * window once gave 6 cycles on a loaded machine and the test failed for that alone).
 */
const CYCLES = 36;
/** Memory is sampled every 3 cycles; the first samples are the warm-up. */
const SAMPLE_EVERY = 3;
const WARM_UP_CYCLES = 9;
const MB = 1024 * 1024;

let world: SeedWorld | null = null;
let server: ServerProcess | null = null;

afterAll(async () => {
  await server?.kill();
  world?.remove();
});

interface Sample extends ChildStats {
  readonly at: number;
  readonly cycle: number;
}

/** Least-squares slope of y over x. */
function slope(points: readonly (readonly [number, number])[]): number {
  const n = points.length;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const sxy = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  return sxx === 0 ? 0 : sxy / sxx;
}

const median = (values: readonly number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

describe('bounded soak against a real server process', () => {
  it(`shows no memory growth trend over ${CYCLES} load/write/unload cycles`, async () => {
    world = await seedWorld('soak');
    const team = await world.store.createTeam('North');
    const pas = [await world.account('pa.one', 'pa', team.id), await world.account('pa.two', 'pa', team.id)];
    const records = encodedCaseload(505, 30, TODAY);
    const caseloads = new Map<Account, EncodedRecord[]>(pas.map((pa) => [pa, []]));
    for (const [i, record] of records.entries()) {
      const pa = pas[i % pas.length];
      if (!pa) continue;
      await world.addRecord(record.id, record.update, pa);
      caseloads.get(pa)?.push(record);
    }
    await world.closeStore();
    const live = await startServerProcess(
      {
        sqlitePath: world.sqlitePath,
        dataDir: world.dir,
        port: 0,
        storeDebounceMs: 50,
        compactAfterUpdates: 20,
      },
      world.secret,
    );
    server = live;

    const idle = async (): Promise<ChildStats> => {
      // Waits for the condition (up to 30 s on a busy machine); the store debounce is 50 ms.
      for (let i = 0; i < 1500; i++) {
        const stats = await live.stats();
        if (stats.docs === 0 && stats.loading === 0 && stats.connections === 0) return live.stats(true);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const stats = await live.stats();
      throw new Error(`documents did not unload: ${stats.docs} loaded, ${stats.connections} connections`);
    };

    const rng = createRng(2468);
    let serial = 0;
    const cycle = async (pa: Account): Promise<void> => {
      const mine = caseloads.get(pa) ?? [];
      const socket = sharedSocket(live.syncUrl, 1);
      const chosen = mine.filter(() => rng.chance(0.6));
      const open = chosen.map((r) => ({ record: r, attached: attach(socket, docNameFor(r.id), pa.token) }));
      await Promise.all(open.map((o) => whenInStep(o.attached, 10_000)));
      for (const { record, attached } of open.filter(() => rng.chance(0.3))) {
        const template = record.record.contacts[0];
        if (template)
          addContact(
            attached.doc,
            { ...template, id: `soak-${++serial}` },
            { writer: pa.user.id, today: TODAY },
          );
      }
      await Promise.all(open.map((o) => whenInStep(o.attached, 10_000)));
      for (const o of open) {
        o.attached.provider.destroy();
        o.attached.doc.destroy();
      }
      socket.destroy();
    };

    const samples: Sample[] = [];
    const started = Date.now();
    let cycles = 0;
    while (cycles < CYCLES) {
      await Promise.all(pas.map((pa) => cycle(pa)));
      cycles += 1;
      if (cycles % SAMPLE_EVERY === 0)
        samples.push({ ...(await idle()), at: Date.now() - started, cycle: cycles });
    }
    const last = await idle();
    samples.push({ ...last, at: Date.now() - started, cycle: cycles });

    const settled = samples.filter((s) => s.cycle > WARM_UP_CYCLES);
    expect(serial).toBeGreaterThan(10);
    expect(settled.length).toBeGreaterThanOrEqual(4);
    const head = settled.slice(0, 3);
    const tail = settled.slice(-3);
    const heapWarm = median(head.map((s) => s.heapUsed));
    const heapEnd = median(tail.map((s) => s.heapUsed));
    const rssWarm = median(head.map((s) => s.rss));
    const rssEnd = median(tail.map((s) => s.rss));
    // Growth per 100 cycles: a leak shows as growth per unit of work, whatever the machine's speed.
    const trendPer100Cycles = slope(settled.map((s) => [s.cycle / 100, s.heapUsed] as const));
    console.info(
      `soak: ${cycles} cycles, ${serial} writes, ${samples.length} samples; heap ${(heapWarm / MB).toFixed(1)} → ` +
        `${(heapEnd / MB).toFixed(1)} MB (trend ${(trendPer100Cycles / MB).toFixed(2)} MB per 100 cycles), rss ` +
        `${(rssWarm / MB).toFixed(1)} → ${(rssEnd / MB).toFixed(1)} MB`,
    );
    expect(last.docs).toBe(0);
    expect(last.connections).toBe(0);
    expect(heapEnd).toBeLessThanOrEqual(heapWarm * 1.1 + 4 * MB);
    expect(rssEnd).toBeLessThanOrEqual(rssWarm * 1.15 + 32 * MB);
    expect(trendPer100Cycles).toBeLessThan(12 * MB);

    await live.stop();
    expect((await live.exited).code).toBe(0);
  }, 300_000);
});
