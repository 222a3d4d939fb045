/**
 * Issue 17, faster first paint: the caseload's first render on a cold page load, in real Chromium,
 * with a seeded caseload of 2,000 young people (seed 2026) in the laptop's IndexedDB. The app always
 * opens at the lock screen, so the time from navigation start to the caseload is measured in the
 * page's own clock as two parts that leave out the person typing their password:
 *  - navigation start → the lock screen's password field on screen (the app's code loaded and run): the
 *    first animation frame after the field is in the DOM, recorded in the page (a mutation observer
 *    installed before the app's scripts), so the test driver's round trips are not counted;
 *  - the password accepted (the 'waymark-unlocked' mark, after the password check) → the caseload
 *    table in the DOM.
 * Their sum is judged against 200 ms. The JS bytes are those the page fetched by each point (resource
 * timing, decoded), beside the build's own figures for the lock screen and the caseload route
 * (scripts/route-bundle.ts).
 * HTTP cache disabled (cold). Run: `node bench/first-paint.bench.ts` (or `npm run bench first-paint`).
 */
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { launchChromium } from '../test/e2e/support/browser.ts';
import { coldPage, LOCAL_PASSWORD, seedCaseload } from './first-paint-support.ts';
import { routeBundle } from '../scripts/route-bundle.ts';
import { median, medianFigure, printFigures, root, serveTestBuild } from './support.ts';

const COUNT = Number(process.env['WAYMARK_BENCH_COUNT'] ?? 2000);
const RUNS = 5;
/** The two timed parts of a first render, as named in the results. */
const PARTS = [
  ['lock', 'navigation start → lock screen on screen'],
  ['caseload', 'password accepted → caseload table rendered'],
] as const;

/** Set in the page when the lock screen's password field is first on screen. */
type LockShownWindow = Window & {
  waymarkLockShown?: { lock: number; lockJsBytes: number };
  /** When the password was submitted: the check (PBKDF2) runs from here to 'waymark-unlocked'. */
  waymarkSubmitted?: number;
};

/** Runs in the page before its scripts: notes the first frame with the password field in the DOM. */
function recordLockShown(): void {
  const observer = new MutationObserver(() => {
    if (!document.querySelector('input[type="password"]')) return;
    observer.disconnect();
    requestAnimationFrame(() => {
      const scripts = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((e) =>
        e.name.endsWith('.js'),
      );
      (window as LockShownWindow).waymarkLockShown = {
        lock: performance.now(),
        lockJsBytes: scripts.reduce((sum, e) => sum + e.decodedBodySize, 0),
      };
    });
  });
  observer.observe(document, { childList: true, subtree: true });
  document.addEventListener(
    'submit',
    () => {
      (window as LockShownWindow).waymarkSubmitted ??= performance.now();
    },
    true,
  );
}

const { url, server } = await serveTestBuild();
const browser = await launchChromium();
try {
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1366, height: 768 } });
  await seedCaseload(context, url, COUNT);

  const runs: {
    lock: number;
    lockJsBytes: number;
    check: number;
    caseload: number;
    codeWait: number;
    jsBytes: number;
    jsFiles: string[];
  }[] = [];
  for (let run = 0; run < RUNS; run++) {
    const { page } = await coldPage(context, recordLockShown);
    await page.goto(new URL('renderer/index.html#/', url).toString());
    const password = page.getByLabel('Your password');
    await password.waitFor();
    const { lock, lockJsBytes } = (await (
      await page.waitForFunction(() => (window as LockShownWindow).waymarkLockShown ?? null)
    ).jsonValue()) as { lock: number; lockJsBytes: number };
    await password.fill(LOCAL_PASSWORD);
    await page.getByRole('button', { name: 'Unlock' }).click();
    const rendered = await page.waitForFunction(
      () => {
        const unlocked = performance.getEntriesByName('waymark-unlocked')[0];
        if (!document.querySelector('table tbody tr') || !unlocked) return null;
        const scripts = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter(
          (e) => e.name.endsWith('.js'),
        );
        const codeLoaded = performance.getEntriesByName('waymark-case-data-loaded')[0];
        return {
          caseload: performance.now() - unlocked.startTime,
          // How long after the password was accepted the case data's code had loaded (0 if it was in before).
          codeWait: Math.max(0, (codeLoaded?.startTime ?? Number.NaN) - unlocked.startTime),
          check: unlocked.startTime - ((window as LockShownWindow).waymarkSubmitted ?? Number.NaN),
          jsBytes: scripts.reduce((sum, e) => sum + e.decodedBodySize, 0),
          jsFiles: scripts.map((e) => e.name.replace(/^.*\//, '')),
        };
      },
      null,
      { polling: 'raf', timeout: 60_000 },
    );
    runs.push({
      lock,
      lockJsBytes,
      ...((await rendered.jsonValue()) as Omit<(typeof runs)[number], 'lock' | 'lockJsBytes'>),
    });
    await page.close();
  }
  const build = routeBundle(
    path.join(root, 'dist', 'renderer'),
    'renderer/features/caseload/CaseloadPage.tsx',
  );
  const lockBuild = routeBundle(path.join(root, 'dist', 'renderer'));
  for (const [index, run] of runs.entries())
    console.log(
      `run ${index + 1}: lock screen ${run.lock.toFixed(1)} ms, caseload ${run.caseload.toFixed(1)} ms after the password was accepted, of which waiting for the case data's code ${run.codeWait.toFixed(1)} ms`,
    );
  const first = runs[0];
  console.log(`JS loaded by the caseload's first render: ${first?.jsFiles.join(', ')}`);
  type Measured = 'lock' | 'caseload' | 'codeWait' | 'check' | 'lockJsBytes' | 'jsBytes';
  const medianOf = (name: string, key: Measured, unit: string, per = 1) =>
    medianFigure(
      name,
      runs.map((r) => r[key]),
      unit,
      per,
    );
  const text = printFigures(
    `Caseload first render (cold): ${COUNT} young people in IndexedDB, Chromium, median of ${RUNS}`,
    [
      ...PARTS.map(([key, name]) => medianOf(name, key, 'ms')),
      {
        name: 'caseload first render from navigation start (sum, without typing)',
        value: median(runs.map((r) => r.lock + r.caseload)),
        unit: 'ms',
        target: 200,
      },
      medianOf(
        "of the caseload part: waiting for the case data's code after the password was accepted (it loads while the lock screen shows)",
        'codeWait',
        'ms',
      ),
      medianOf(
        'password check, not counted (PBKDF2-SHA-256, 600,000 iterations: deliberate hardening)',
        'check',
        'ms',
      ),
      medianOf('JS loaded by the lock screen (decoded, resource timing)', 'lockJsBytes', 'KiB', 1024),
      medianOf('JS loaded by the caseload table (decoded, resource timing)', 'jsBytes', 'KiB', 1024),
      {
        name: 'JS of the lock screen in the app build (manifest)',
        value: lockBuild.jsBytes / 1024,
        unit: 'KiB',
      },
      {
        name: 'JS of the caseload route in the app build (manifest)',
        value: build.jsBytes / 1024,
        unit: 'KiB',
      },
    ],
  );
  if (process.env['WAYMARK_BENCH_RESULTS']) appendFileSync(process.env['WAYMARK_BENCH_RESULTS'], `${text}\n`);
} finally {
  await browser.close();
  await server.close();
}
