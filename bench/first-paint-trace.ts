/**
 * A Chrome trace of the first-paint bench's two spans (bench/first-paint.bench.ts), reduced to phases:
 * navigation start → lock screen, and the password accepted → caseload table. Records the page's
 * IndexedDB opens and reads (with the rows each returned) through an init script, and the main thread's
 * events and CPU samples through the DevTools protocol's Tracing domain. Prints a Markdown summary; the
 * raw trace is left in a temporary folder (never committed: it may be large).
 * Run: `node bench/first-paint-trace.ts [runs]` after `node scripts/build.ts --with-test-build`.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/e2e/support/browser.ts';
import { coldPage, LOCAL_PASSWORD, seedCaseload } from './first-paint-support.ts';
import { serveTestBuild } from './support.ts';

const COUNT = Number(process.env['WAYMARK_BENCH_COUNT'] ?? 2000);
const RUNS = Number(process.argv[2] ?? 3);

interface TraceEvent {
  readonly name: string;
  readonly cat: string;
  readonly ph: string;
  readonly ts: number;
  readonly dur?: number;
  readonly pid: number;
  readonly tid: number;
  readonly id?: string;
  readonly args?: {
    readonly data?: Record<string, unknown> & {
      readonly url?: string;
      readonly cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] };
      readonly timeDeltas?: number[];
    };
    readonly name?: string;
  };
}
interface ProfileNode {
  readonly id: number;
  readonly parent?: number;
  readonly callFrame: { functionName: string; url: string; lineNumber: number };
}

/** Page-side log of IndexedDB use: opens, reads and how many rows each returned (page clock, ms). */
function recordIndexedDb(): void {
  type Log = { what: string; start: number; end?: number; rows?: number }[];
  const log: Log = [];
  (window as Window & { waymarkIdbLog?: Log }).waymarkIdbLog = log;
  const open = IDBFactory.prototype.open;
  IDBFactory.prototype.open = function (this: IDBFactory, name: string, version?: number) {
    const entry: Log[number] = { what: `open ${name}`, start: performance.now() };
    log.push(entry);
    const request = version === undefined ? open.call(this, name) : open.call(this, name, version);
    request.addEventListener('success', () => (entry.end = performance.now()));
    return request;
  } as typeof IDBFactory.prototype.open;
  const wrap = (
    proto: IDBObjectStore | IDBIndex,
    kind: string,
    method: 'getAll' | 'count' | 'get' | 'openCursor',
  ) => {
    const original = proto[method] as (...args: unknown[]) => IDBRequest;
    (proto as unknown as Record<string, unknown>)[method] = function (
      this: IDBObjectStore | IDBIndex,
      ...args: unknown[]
    ) {
      const source = this instanceof IDBIndex ? `${this.objectStore.name}.${this.name}` : this.name;
      const entry: Log[number] = { what: `${kind}.${method} ${source}`, start: performance.now() };
      log.push(entry);
      const request = original.apply(this, args);
      request.addEventListener('success', () => {
        entry.end = performance.now();
        if (Array.isArray(request.result)) entry.rows = request.result.length;
      });
      return request;
    };
  };
  for (const method of ['getAll', 'count', 'get', 'openCursor'] as const) {
    wrap(IDBObjectStore.prototype, 'store', method);
    wrap(IDBIndex.prototype, 'index', method);
  }
  // The first frame with the lock screen's password field, then with the caseload table's rows (as the bench).
  new MutationObserver((_, observer) => {
    if (!document.querySelector('input[type="password"]')) return;
    observer.disconnect();
    requestAnimationFrame(() => performance.mark('trace-lock-shown'));
  }).observe(document, { childList: true, subtree: true });
  new MutationObserver((_, observer) => {
    if (!document.querySelector('table tbody tr')) return;
    observer.disconnect();
    requestAnimationFrame(() => performance.mark('trace-caseload-shown'));
  }).observe(document, { childList: true, subtree: true });
}

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.frame',
  'v8.execute',
  'v8',
  'blink.user_timing',
  'loading',
  'disabled-by-default-v8.cpu_profiler',
  'IndexedDB',
];

const short = (url: string | undefined) => (url ?? '').replace(/^.*\//, '').replace(/\?.*$/, '');

const userData = mkdtempSync(path.join(os.tmpdir(), 'waymark-trace-'));
const { url, server } = await serveTestBuild();
const context = await chromium.launchPersistentContext(userData, {
  executablePath: CHROMIUM_PATH,
  headless: true,
  args: CHROMIUM_ARGS,
  locale: 'en-GB',
  viewport: { width: 1366, height: 768 },
});
try {
  await seedCaseload(context, url, COUNT);

  for (let run = 0; run < RUNS; run++) {
    const { page, cdp } = await coldPage(context, recordIndexedDb);
    const events: TraceEvent[] = [];
    cdp.on('Tracing.dataCollected', (message) => events.push(...(message.value as unknown as TraceEvent[])));
    const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
    await cdp.send('Tracing.start', {
      traceConfig: { includedCategories: CATEGORIES, recordMode: 'recordAsMuchAsPossible' },
      transferMode: 'ReportEvents',
    });
    await page.goto(new URL('renderer/index.html#/', url).toString());
    const password = page.getByLabel('Your password');
    await password.waitFor();
    await page.waitForFunction(() => performance.getEntriesByName('trace-lock-shown').length > 0);
    await password.fill(LOCAL_PASSWORD);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.waitForFunction(() => document.querySelector('table tbody tr') !== null, null, {
      polling: 'raf',
      timeout: 60_000,
    });
    await page.waitForFunction(() => performance.getEntriesByName('trace-caseload-shown').length > 0);
    await page.waitForTimeout(300);
    const idb = await page.evaluate(() => {
      const w = window as Window & {
        waymarkIdbLog?: { what: string; start: number; end?: number; rows?: number }[];
      };
      const unlocked = performance.getEntriesByName('waymark-unlocked')[0]?.startTime ?? 0;
      const shown = performance.getEntriesByName('trace-caseload-shown')[0]?.startTime ?? Number.NaN;
      return { log: w.waymarkIdbLog ?? [], unlocked, shown };
    });
    await cdp.send('Tracing.end');
    await complete;
    const file = path.join(userData, `trace-${run}.json`);
    writeFileSync(file, JSON.stringify({ traceEvents: events }));
    await page.close();
    summarise(run, events, idb, file);
  }
} finally {
  await context.close();
  await server.close();
}

function summarise(
  run: number,
  events: TraceEvent[],
  idb: {
    log: { what: string; start: number; end?: number; rows?: number }[];
    unlocked: number;
    shown: number;
  },
  file: string,
): void {
  const nav = events.find(
    (e) =>
      e.name === 'navigationStart' &&
      String(e.args?.data?.['documentLoaderURL'] ?? '').includes('renderer/index.html'),
  );
  const mark = (name: string) => events.find((e) => e.cat.includes('user_timing') && e.name === name);
  const lockShown = mark('trace-lock-shown');
  const unlocked = mark('waymark-unlocked');
  if (!nav || !lockShown || !unlocked) {
    console.log(
      `run ${run}: marks missing (nav ${!!nav}, lock ${!!lockShown}, unlocked ${!!unlocked}); trace ${file}`,
    );
    return;
  }
  const mainPid = nav.pid;
  const mainTid = nav.tid;
  const t0 = nav.ts;
  // The caseload table: the first Paint after the table's rows were in the DOM; take the first paint
  // after 'waymark-unlocked' that follows the last main-thread task that committed the caseload.
  const ms = (ts: number) => (ts - t0) / 1000;
  const onMain = events.filter((e) => e.pid === mainPid && e.tid === mainTid && e.ph === 'X');
  console.log(`\n## run ${run} (trace ${file})\n`);
  console.log(
    `navigation start 0; lock screen shown (frame) ${ms(lockShown.ts).toFixed(1)} ms; unlocked ${ms(unlocked.ts).toFixed(1)} ms`,
  );

  // Resources: request → finish per script/style/html.
  const sends = new Map<string, TraceEvent>();
  const finishes = new Map<string, TraceEvent>();
  for (const e of events) {
    const id = String(e.args?.data?.['requestId'] ?? '');
    if (e.name === 'ResourceSendRequest') sends.set(id, e);
    if (e.name === 'ResourceFinish') finishes.set(id, e);
  }
  console.log('\n| resource | requested | finished | decoded bytes |\n| --- | ---: | ---: | ---: |');
  for (const [id, send] of sends) {
    const finish = finishes.get(id);
    console.log(
      `| ${short(send.args?.data?.url)} | ${ms(send.ts).toFixed(1)} | ${finish ? ms(finish.ts).toFixed(1) : '?'} | ${String(finish?.args?.data?.['decodedBodyLength'] ?? '')} |`,
    );
  }

  // Main thread by phase within each span.
  const spans: [string, number, number][] = [
    ['navigation start → lock screen', t0, lockShown.ts],
    ['password accepted → caseload table', unlocked.ts, unlocked.ts + 2_000_000],
  ];
  const NAMES = new Map([
    ['ParseHTML', 'parse HTML'],
    ['v8.compileModule', 'compile (module)'],
    ['v8.compile', 'compile'],
    ['V8.CompileCode', 'compile (lazy functions)'],
    ['v8.evaluateModule', 'evaluate module'],
    ['EvaluateScript', 'evaluate script'],
    ['FunctionCall', 'JS (function calls: events, timers, promises)'],
    ['TimerFire', 'timer'],
    ['FireAnimationFrame', 'animation frame callbacks'],
    ['RunMicrotasks', 'microtasks'],
    ['EventDispatch', 'DOM events'],
    ['UpdateLayoutTree', 'style recalc'],
    ['Layout', 'layout'],
    ['PrePaint', 'pre-paint'],
    ['Paint', 'paint'],
    ['Layerize', 'layerize'],
    ['Commit', 'commit'],
    ['MajorGC', 'GC (major)'],
    ['MinorGC', 'GC (minor)'],
    ['V8.GC_SCAVENGER', 'GC scavenge'],
    ['ParseAuthorStyleSheet', 'parse CSS'],
  ]);
  // For the second span, end at the first Paint after the table rows were in the DOM: use the Paint events.
  for (const [label, from, until] of spans) {
    let end = until;
    if (label.startsWith('password')) {
      const rowsMark = mark('trace-caseload-shown');
      end = rowsMark ? rowsMark.ts : until;
    }
    const inSpan = onMain.filter((e) => e.ts >= from && e.ts < end);
    const totals = new Map<string, number>();
    for (const e of inSpan) {
      const name = NAMES.get(e.name);
      if (!name) continue;
      totals.set(name, (totals.get(name) ?? 0) + (e.dur ?? 0) / 1000);
    }
    const tasks = inSpan.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask');
    const busy = tasks.reduce((sum, e) => sum + (e.dur ?? 0) / 1000, 0);
    console.log(
      `\n### ${label}: ${((end - from) / 1000).toFixed(1)} ms wall, main thread busy ${busy.toFixed(1)} ms in ${tasks.length} tasks\n`,
    );
    console.log('| main-thread item (inclusive, may nest) | ms |\n| --- | ---: |');
    for (const [name, total] of [...totals].sort((a, b) => b[1] - a[1]))
      console.log(`| ${name} | ${total.toFixed(1)} |`);
    const long = tasks
      .filter((e) => (e.dur ?? 0) > 10_000)
      .map((e) => `${ms(e.ts).toFixed(0)}+${((e.dur ?? 0) / 1000).toFixed(0)}`);
    console.log(`\nlong tasks (>10 ms, start+duration ms): ${long.join(', ')}`);
    const compiles = inSpan.filter(
      (e) =>
        e.name === 'v8.compileModule' ||
        e.name === 'v8.evaluateModule' ||
        e.name === 'EvaluateScript' ||
        e.name === 'v8.compile',
    );
    for (const e of compiles)
      if ((e.dur ?? 0) > 2000)
        console.log(
          `- ${e.name} ${short(String(e.args?.data?.url ?? e.args?.data?.['fileName'] ?? ''))} at ${ms(e.ts).toFixed(1)} for ${((e.dur ?? 0) / 1000).toFixed(1)} ms`,
        );
    // CPU samples in the span: self time by function.
    selfTimes(events, mainPid, from, end);
  }
  const unlockedPage = idb.unlocked;
  const open = idb.log.find((entry) => entry.what === 'open waymark');
  const rows = idb.log.find((entry) => entry.what === 'store.getAll caseload');
  if (open?.end !== undefined && rows?.end !== undefined) {
    const at = (t: number) => (t - unlockedPage).toFixed(1);
    console.log(
      `\nPhases after the password was accepted (ms): database open asked at ${at(open.start)}, open at ${at(open.end)}; caseload rows asked at ${at(rows.start)}, ${rows.rows ?? '?'} rows back at ${at(rows.end)}; table on screen at ${at(idb.shown)}`,
    );
  }
  console.log('\nIndexedDB (page clock, relative to waymark-unlocked):');
  for (const entry of idb.log)
    console.log(
      `- ${entry.what}: ${(entry.start - unlockedPage).toFixed(1)} → ${entry.end === undefined ? '?' : (entry.end - unlockedPage).toFixed(1)} ms${entry.rows === undefined ? '' : `, ${entry.rows} rows`}`,
    );
}

function selfTimes(events: TraceEvent[], pid: number, from: number, until: number): void {
  const nodes = new Map<number, ProfileNode>();
  let time = 0;
  const self = new Map<string, number>();
  let total = 0;
  const chunks = events.filter((e) => e.pid === pid && (e.name === 'Profile' || e.name === 'ProfileChunk'));
  for (const e of chunks) {
    if (e.name === 'Profile') {
      time = Number(e.args?.data?.['startTime'] ?? 0);
      continue;
    }
    const profile = e.args?.data?.cpuProfile;
    for (const node of profile?.nodes ?? []) nodes.set(node.id, node);
    const samples = profile?.samples ?? [];
    const deltas = e.args?.data?.timeDeltas ?? [];
    for (let i = 0; i < samples.length; i++) {
      time += deltas[i] ?? 0;
      const next = time + (deltas[i + 1] ?? 0);
      if (time < from || time >= until) continue;
      const node = nodes.get(samples[i] ?? -1);
      if (!node) continue;
      const frame = node.callFrame;
      if (frame.functionName === '(idle)' || frame.functionName === '(program)') continue;
      const key = `${frame.functionName || '(anonymous)'} ${short(frame.url)}${frame.url ? `:${frame.lineNumber + 1}` : ''}`;
      const dt = (next - time) / 1000;
      self.set(key, (self.get(key) ?? 0) + dt);
      total += dt;
    }
  }
  console.log(`\nCPU samples (self time, JS and V8/GC; ${total.toFixed(1)} ms sampled busy):\n`);
  console.log('| function | self ms | % |\n| --- | ---: | ---: |');
  for (const [key, value] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 15))
    console.log(
      `| ${key.replace(/\|/g, '\\|')} | ${value.toFixed(1)} | ${((100 * value) / total).toFixed(1)} |`,
    );
}
