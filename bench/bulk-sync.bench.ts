/**
 * Issue 17: first sync of 2,000 records (seed 2026, 3–5 year histories) into real Chromium, from an
 * empty laptop to the caseload list listing all of them: the app signs in through its own sign-in page
 * against a real sync server process (SQLite), and the bulk first sync (renderer/sync/bulk-sync.ts)
 * brings the records down. Timed from the sign-in answer (the `/api/login` response in the page's
 * resource timing) to the caseload caption counting every active young person.
 *
 * Compared, in the same run and the same Chromium, with the limit: the raw transfer of the same bytes
 * (every record's stored state, one plain HTTP response on loopback, read whole) plus writing the same
 * bytes into IndexedDB in bulk (one database, one transaction, one value per record). Target ≤ 2×.
 *
 * `WAYMARK_BENCH_PER_RECORD=1` also times the per-record path (the bulk request refused, so the client
 * falls back to one Yjs handshake per record), for a before/after figure.
 * Run: `node bench/bulk-sync.bench.ts` (or `npm run bench bulk`).
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { hashPassword } from '../server/auth/passwords.ts';
import { projectRecord } from '../shared/ydoc/projection.ts';
import { BULK_STATES_PATH } from '../shared/bulk-states.ts';
import { launchChromium } from '../test/e2e/support/browser.ts';
import { selfTimeTable, type CpuProfile } from '../scripts/cpu-profile.ts';
import { encodedCaseload } from '../test/unit/reliability/support/records.ts';
import { startServerProcess } from '../test/unit/reliability/support/server-process.ts';
import { seedWorld } from '../test/unit/reliability/support/world.ts';
import { median, medianFigure, printFigures, serveTestBuild } from './support.ts';

const COUNT = Number(process.env['WAYMARK_BENCH_COUNT'] ?? 2000);
const PER_RECORD = process.env['WAYMARK_BENCH_PER_RECORD'] === '1';
/**
 * `WAYMARK_BENCH_CPUPROFILE=1`: a CPU profile of the page's main thread over the second bulk run,
 * summarised (and written whole to `WAYMARK_BENCH_CPUPROFILE_FILE` if set).
 */
const CPU_PROFILE = process.env['WAYMARK_BENCH_CPUPROFILE'] === '1';
const PASSWORD = 'synthetic bench pass phrase';
const today = new Date().toISOString().slice(0, 10);

console.log(`bulk sync bench: generating ${COUNT} records…`);
const records = encodedCaseload(2026, COUNT, today);
const active = records.filter((r) => projectRecord(r.record, today).active).length;
const totalBytes = records.reduce((sum, r) => sum + r.update.byteLength, 0);
const world = await seedWorld('bench-bulk');
const team = await world.store.createTeam('North');
const pa = await world.account('pa.bench', 'pa', team.id);
await world.store.setPasswordHash(pa.user.id, await hashPassword(PASSWORD));
for (const r of records) await world.addRecord(r.id, r.update, pa);
await world.closeStore();

/** The limit: the same bytes served raw on loopback, and a same-origin page to read and store them. */
function startRawServer(): Promise<Server> {
  const all = Buffer.concat(records.map((r) => r.update));
  const sizes = JSON.stringify(records.map((r) => r.update.byteLength));
  const server = createServer((request, response) => {
    if (request.url === '/bytes') {
      response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': all.length });
      response.end(all);
    } else if (request.url === '/sizes') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(sizes);
    } else {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<!doctype html><title>limit</title>');
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function limitRun(
  browser: Browser,
  url: string,
  run: number,
): Promise<{ transfer: number; write: number }> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(url);
    return await page.evaluate(async (name) => {
      const sizes = (await (await fetch('/sizes')).json()) as number[];
      const t0 = performance.now();
      const bytes = new Uint8Array(await (await fetch('/bytes')).arrayBuffer());
      const t1 = performance.now();
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onupgradeneeded = () => request.result.createObjectStore('states');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error ?? new Error('open'));
      });
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('states', 'readwrite');
        const store = tx.objectStore('states');
        let at = 0;
        sizes.forEach((size, i) => {
          store.put(bytes.slice(at, at + size), i);
          at += size;
        });
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error ?? new Error('write'));
      });
      const t2 = performance.now();
      db.close();
      return { transfer: t1 - t0, write: t2 - t1 };
    }, `limit-${run}`);
  } finally {
    await context.close();
  }
}

/** The in-page profile of a bulk first sync, as named in the results. */
const PROFILE = [
  ['response', 'bulk responses, request → last byte read'],
  ['project', 'Yjs decode + projection on the laptop (states sent without a row), summed'],
  ['dexie', 'Dexie transactions (rows, sync state, staged states), summed'],
] as const;

interface FirstSync {
  readonly ms: number;
  readonly firstRowsMs: number;
  /** Summed in-page measures of the bulk first sync (renderer/sync/bulk-sync.ts), ms. */
  readonly profile: { project: number; dexie: number; response: number };
}

/** Signs in through the app on an empty laptop; ms from the sign-in answer to all records listed. */
async function firstSync(
  browser: Browser,
  appUrl: string,
  serverUrl: string,
  refuseBulk: boolean,
  profiled = false,
): Promise<FirstSync> {
  const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/London' });
  try {
    await context.route('**/waymark-config.json', (route) =>
      route.fulfill({ json: { syncServerUrl: serverUrl } }),
    );
    if (refuseBulk) await context.route(`**${BULK_STATES_PATH}`, (route) => route.abort());
    const page = await context.newPage();
    await page.goto(new URL('renderer/index.html#/sign-in', appUrl).toString());
    await page.getByLabel('Username').fill('pa.bench');
    await page.getByLabel('Password').fill(PASSWORD);
    const cdp = profiled ? await context.newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
      await cdp.send('Profiler.start');
    }
    await page.getByRole('button', { name: 'Sign in' }).click();
    const listed = await page.waitForFunction(
      (count) => {
        const w = window as unknown as { __firstRows?: number };
        const caption = document.querySelector('table.caseload caption')?.textContent ?? '';
        if (w.__firstRows === undefined && caption) w.__firstRows = performance.now();
        if (!new RegExp(`\\b${count} young people`).test(caption)) return null;
        const login = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/api/login')) as
          PerformanceResourceTiming | undefined;
        if (!login) return null;
        return {
          ms: performance.now() - login.responseEnd,
          firstRowsMs: (w.__firstRows ?? 0) - login.responseEnd,
        };
      },
      active,
      { polling: 100, timeout: 600_000 },
    );
    if (cdp) {
      const { profile } = await cdp.send('Profiler.stop');
      // The raw profile (never committed: bench/profiles holds summaries only), to read further.
      const out = process.env['WAYMARK_BENCH_CPUPROFILE_FILE'];
      if (out) writeFileSync(out, JSON.stringify(profile));
      console.log(`page main thread, sign-in → all listed:\n${selfTimeTable(profile as CpuProfile, 25)}`);
    }
    if (process.env['WAYMARK_BENCH_TRACE'] === '1') {
      const timeline = await page.evaluate(() => {
        const entries = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
        const login = entries.find((e) => e.name.endsWith('/api/login'));
        const base = login?.responseEnd ?? 0;
        const measures = performance.getEntriesByType('measure').filter((e) => e.name.startsWith('waymark:'));
        return [
          ...entries.map((e) => ({
            at: e.startTime,
            text: `${(e.startTime - base).toFixed(0)}→${(e.responseEnd - base).toFixed(0)} ${e.name.replace(/^https?:\/\/[^/]+/, '')}`,
          })),
          ...measures.map((e) => ({
            at: e.startTime,
            text: `${(e.startTime - base).toFixed(0)}→${(e.startTime + e.duration - base).toFixed(0)} ${e.name}`,
          })),
        ]
          .sort((a, b) => a.at - b.at)
          .map((e) => e.text);
      });
      console.log(timeline.join('\n'));
    }
    const profile = await page.evaluate(() => {
      const sum = (name: string) =>
        performance.getEntriesByName(name, 'measure').reduce((total, e) => total + e.duration, 0);
      return {
        project: sum('waymark:bulk-project'),
        dexie: sum('waymark:bulk-dexie-write'),
        response: sum('waymark:bulk-response'),
      };
    });
    return { ...((await listed.jsonValue()) as { ms: number; firstRowsMs: number }), profile };
  } finally {
    await context.close();
  }
}

const server = await startServerProcess(
  { sqlitePath: world.sqlitePath, dataDir: world.dir, port: 0, accessRecheckMs: 600_000 },
  world.secret,
);
const raw = await startRawServer();
const { url: appUrl, server: preview } = await serveTestBuild();
const browser = await launchChromium();
try {
  const rawUrl = `http://127.0.0.1:${(raw.address() as AddressInfo).port}/`;
  const limits = [];
  for (let run = 0; run < 3; run++) limits.push(await limitRun(browser, rawUrl, run));
  const limitTotals = limits.map((l) => l.transfer + l.write);
  const limitMs = median(limitTotals);
  const bulk: FirstSync[] = [];
  for (let run = 0; run < 2; run++)
    bulk.push(await firstSync(browser, appUrl, server.url, false, CPU_PROFILE && run === 1));
  const bulkMs = median(bulk.map((b) => b.ms));
  const perRecord = PER_RECORD ? await firstSync(browser, appUrl, server.url, true) : null;
  const text = printFigures(
    `Bulk first sync: ${COUNT} records (${active} active, ${(totalBytes / 1024 ** 2).toFixed(1)} MiB of state), real server process → Chromium`,
    [
      { name: 'first sync, sign-in answer → all listed (median of 2)', value: bulkMs / 1000, unit: 's' },
      medianFigure(
        'first rows listed after the sign-in answer (median)',
        bulk.map((b) => b.firstRowsMs),
        'ms',
      ),
      ...PROFILE.map(([key, name]) =>
        medianFigure(
          `profile: ${name} (median)`,
          bulk.map((b) => b.profile[key]),
          's',
          1000,
        ),
      ),
      medianFigure(
        'limit: raw transfer of the same bytes (median of 3)',
        limits.map((l) => l.transfer),
        'ms',
      ),
      medianFigure(
        'limit: bulk IndexedDB write of the same bytes (median of 3)',
        limits.map((l) => l.write),
        'ms',
      ),
      { name: 'limit: transfer + write (median of 3 sums)', value: limitMs / 1000, unit: 's' },
      { name: 'first sync / limit', value: bulkMs / limitMs, unit: '×', target: 2 },
      ...(perRecord
        ? [
            {
              name: 'before: per-record first sync (bulk refused), → all listed',
              value: perRecord.ms / 1000,
              unit: 's',
            },
            {
              name: 'before: per-record first sync / limit',
              value: perRecord.ms / limitMs,
              unit: '×',
              target: 2,
            },
          ]
        : []),
    ],
  );
  if (process.env['WAYMARK_BENCH_RESULTS']) appendFileSync(process.env['WAYMARK_BENCH_RESULTS'], `${text}\n`);
} finally {
  await browser.close();
  await preview.close();
  raw.close();
  await server.stop();
  world.remove();
}
