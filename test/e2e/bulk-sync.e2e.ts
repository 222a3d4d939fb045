/**
 * Bulk first sync (issue 17) in real Chromium against a real sync server: a PA signing in on an empty
 * laptop gets every record of their caseload in one streamed response (POST /api/records/states), not
 * one websocket handshake per record; the caseload says "Loading records: n of m" meanwhile; each
 * record lands in its y-indexeddb database as one update holding exactly the server's stored state,
 * counts as confirmed, and opens like any other record.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { BULK_STATES_PATH } from '../../shared/bulk-states.ts';
import { docNameFor } from '../../shared/protocol.ts';
import type { RunningServer } from '../../server/server.ts';
import { DEMO_PASSWORD } from '../../server/seed-demo.ts';
import { axeViolations } from './support/axe.ts';
import { collectPageErrors, isExpectedNetworkError } from './support/browser.ts';
import { demoServerWorld } from './support/demo-server.ts';

interface LocalRecordFacts {
  /** Bytes of each update in the record's y-indexeddb database. */
  readonly updates: number[];
  readonly pending: boolean | null;
  readonly hasRow: boolean;
}

/** What the laptop holds of some records, read with the raw IndexedDB API. */
function localFacts(page: Page, ids: readonly string[]): Promise<Record<string, LocalRecordFacts>> {
  return page.evaluate(async (recordIds) => {
    const open = (name: string) =>
      new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error ?? new Error(name));
      });
    const all = <T>(db: IDBDatabase, store: string) =>
      new Promise<T[]>((resolve, reject) => {
        const request = db.transaction(store, 'readonly').objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result as T[]);
        request.onerror = () => reject(request.error ?? new Error(store));
      });
    const main = await open('waymark');
    const states = await all<{ id: string; pending: boolean }>(main, 'syncState');
    const rows = await all<{ id: string }>(main, 'caseload');
    main.close();
    const out: Record<string, LocalRecordFacts> = {};
    for (const id of recordIds) {
      const db = await open(`waymark-yp-${id}`);
      const updates = db.objectStoreNames.contains('updates') ? await all<Uint8Array>(db, 'updates') : [];
      db.close();
      out[id] = {
        updates: updates.map((u) => u.byteLength),
        pending: states.find((s) => s.id === id)?.pending ?? null,
        hasRow: rows.some((r) => r.id === id),
      };
    }
    return out;
  }, ids);
}

describe('bulk first sync: an empty laptop gets its caseload in one streamed response', () => {
  const e2eUrl = inject('e2eUrl');
  const world = demoServerWorld(e2eUrl, 'bulk', { demoCaseload: true });
  let server: RunningServer;
  let page: Page;
  let errors: string[];
  let alexId: string;
  let alexRecords: string[];
  let releaseBulk: () => void = () => undefined;
  const bulkRequests: string[] = [];

  beforeAll(async () => {
    server = world.server();
    const alex = await server.store.getUserByUsername('pa.alex');
    if (!alex) throw new Error('the demo PA pa.alex is missing');
    alexId = alex.id;
    alexRecords = (await server.store.listAssignmentsForPa(alex.id)).map((a) => a.youngPersonId).sort();
    const context = await world
      .browser()
      .newContext({ locale: 'en-GB', viewport: { width: 1366, height: 768 } });
    await context.route('**/waymark-config.json', (route) =>
      route.fulfill({ json: { syncServerUrl: server.url } }),
    );
    // The first bulk response is held until the test has seen the progress shown while it loads.
    const held = new Promise<void>((resolve) => {
      releaseBulk = resolve;
    });
    await context.route(`**${BULK_STATES_PATH}`, async (route) => {
      bulkRequests.push(route.request().postData() ?? '');
      await held;
      await route.continue();
    });
    page = await context.newPage();
    errors = collectPageErrors(page);
  });
  afterAll(() => releaseBulk());

  it('shows "Loading records: n of m" on a usable caseload page while the records come down', async () => {
    expect(alexRecords.length).toBeGreaterThanOrEqual(10);
    await page.goto(new URL('renderer/index.html#/sign-in', e2eUrl).toString());
    await page.getByLabel('Username').fill('pa.alex');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'My caseload' }).waitFor({ timeout: 30_000 });
    const progress = page.getByRole('status').filter({ hasText: 'Loading records:' });
    await progress.waitFor({ timeout: 30_000 });
    expect(await progress.textContent()).toBe(`Loading records: 0 of ${alexRecords.length}`);
    // Usable meanwhile: the page's own controls work.
    expect(await page.getByRole('link', { name: 'Add a young person' }).isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    releaseBulk();
    await expect
      .poll(() => page.getByRole('status').first().textContent(), { timeout: 60_000 })
      .toMatch(/in sync/);
    expect(await progress.count()).toBe(0);
    expect(await page.locator('table tbody tr').count()).toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('asked once for every record, and opened none of them over the websocket', async () => {
    expect(bulkRequests.map((body) => (JSON.parse(body) as { ids: string[] }).ids.sort())).toEqual([
      alexRecords,
    ]);
    const loads = await server.store.queryAudit({ event: 'doc.load', userId: alexId, limit: 10_000 });
    expect(loads.filter((row) => row.detail !== 'bulk first sync')).toEqual([]);
    expect(loads.map((row) => row.docName).sort()).toEqual(alexRecords.map(docNameFor).sort());
  });

  it('stored each record as one y-indexeddb update of exactly the server’s state, confirmed and projected', async () => {
    const facts = await localFacts(page, alexRecords);
    for (const id of alexRecords) {
      const stored = await server.store.loadDoc(docNameFor(id));
      expect(facts[id], id).toEqual({ updates: [stored?.byteLength], pending: false, hasRow: true });
    }
  });

  it('opens a record that came down in bulk like any other', async () => {
    const first = page.locator('table tbody tr th a').first();
    const name = (await first.textContent()) ?? '';
    await first.click();
    await page.getByRole('heading', { level: 1, name }).waitFor({ timeout: 30_000 });
    expect(await axeViolations(page)).toEqual([]);
  });

  it('raised no page errors', () => {
    expect(errors.filter((e) => !isExpectedNetworkError(e))).toEqual([]);
  });
});
