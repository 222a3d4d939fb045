/**
 * Issue 4 benchmark: the local record store in real Chromium on a seeded synthetic caseload of 2,000
 * young people with 3–5 year histories. Prints: time to open one record from y-indexeddb, time to
 * first render of the caseload list from the Dexie projection, projection update time per edit,
 * IndexedDB size per record. Run: `node bench/record-store.bench.ts` (or `npm run bench`).
 */
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { launchChromium } from '../test/e2e/support/browser.ts';
import { harness, openHarness } from '../test/e2e/support/harness.ts';
import { LOCAL_PASSWORD, LOCAL_USER } from '../test/e2e/support/lock.ts';
import { generateCaseload } from '../shared/synthetic/generator.ts';
import { historyDays } from '../test/unit/reliability/support/records.ts';
import { median, printFigures, quantile, root, serveTestBuild } from './support.ts';

const COUNT = Number(process.env.WAYMARK_BENCH_COUNT ?? 2000);

const { url, server } = await serveTestBuild();
const browser = await launchChromium();
try {
  const context = await browser.newContext({ locale: 'en-GB' });
  const page = await context.newPage();
  await openHarness(page, url);

  const seeded = await harness(page, 'seedSyntheticTimed', 2026, COUNT, 8);
  const sample = seeded.ids.filter((_, i) => i % Math.ceil(COUNT / 40) === 0);
  const open = await harness(page, 'timeOpen', sample);
  // Records with a five-year history (the longest the generator makes), found from the same seeded
  // caseload in Node, and opened on their own so the figure is about them.
  const today = await page.evaluate(() => window.waymarkHarness?.today ?? '');
  const fiveYear = generateCaseload({ seed: 2026, count: COUNT, today })
    .filter((record) => historyDays(record, today) >= 4.75 * 365)
    .map((record) => record.profile.id)
    .filter((id) => !sample.includes(id))
    .slice(0, 20);
  const openFiveYear = await harness(page, 'timeOpen', fiveYear);
  const edits = await harness(page, 'timeEdits', sample, 60);
  const storage = await harness(page, 'storageUsage', sample);

  // First render of the caseload list: a fresh page load of the app opens at the lock screen (nothing of
  // the caseload is read before); timed from the moment the password is accepted (the 'waymark-unlocked'
  // mark) until the table of young people is in the DOM.
  await harness(page, 'rememberLocalUser', LOCAL_USER.displayName, LOCAL_USER.username, LOCAL_PASSWORD);
  const app = await context.newPage();
  await app.goto(new URL('renderer/index.html#/', url).toString());
  await app.getByLabel('Your password').fill(LOCAL_PASSWORD);
  await app.getByRole('button', { name: 'Unlock' }).click();
  const firstRender = await app.waitForFunction(
    () => {
      const unlocked = performance.getEntriesByName('waymark-unlocked')[0];
      return document.querySelector('table tbody tr') && unlocked
        ? performance.now() - unlocked.startTime
        : null;
    },
    null,
    { polling: 'raf', timeout: 60_000 },
  );
  const firstRenderMs = Number(await firstRender.jsonValue());
  const rows = await app.locator('table tbody tr').count();

  const text = printFigures(`Record store: ${COUNT} young people (seed 2026), Chromium, this machine`, [
    { name: `load ${COUNT} records into y-indexeddb + projection`, value: seeded.ms / 1000, unit: 's' },
    { name: 'open one record (median, closed → read whole)', value: median(open), unit: 'ms', target: 100 },
    { name: 'open one record (p95)', value: quantile(open, 0.95), unit: 'ms', target: 100 },
    {
      name: `open one record with a 5-year history (median of ${openFiveYear.length})`,
      value: median(openFiveYear),
      unit: 'ms',
      target: 100,
    },
    {
      name: 'open one record with a 5-year history (p95)',
      value: quantile(openFiveYear, 0.95),
      unit: 'ms',
      target: 100,
    },
    {
      name: `first render of caseload list (${rows} rows, from unlock)`,
      value: firstRenderMs,
      unit: 'ms',
      target: 300,
    },
    { name: 'edit → durable + caseload row updated (median)', value: median(edits.total), unit: 'ms' },
    { name: 'edit → durable + caseload row updated (p95)', value: quantile(edits.total, 0.95), unit: 'ms' },
    { name: 'projection of one record (median)', value: median(edits.project), unit: 'ms' },
    {
      name: 'IndexedDB size per record (origin usage / records)',
      value: storage.usage / COUNT / 1024,
      unit: 'KiB',
    },
    { name: 'encoded Y.Doc state per record (mean)', value: storage.meanDocBytes / 1024, unit: 'KiB' },
  ]);
  if (process.env.WAYMARK_BENCH_RESULTS) appendFileSync(process.env.WAYMARK_BENCH_RESULTS, `${text}\n`);
  else appendFileSync(path.join(root, 'bench', 'results.md'), `${text}\n`);
} finally {
  await browser.close();
  await server.close();
}
