/**
 * Bulk first sync (issue 17) in real Chromium against a real sync server: a PA signing in on an empty
 * laptop gets every record of their caseload in one streamed response (POST /api/records/states), not
 * one websocket handshake per record; the caseload says "Loading records: n of m" meanwhile. Each
 * record is listed with the caseload row the server computed (exactly the row the laptop computes
 * from the state), counts as confirmed, and its state is staged in the local database exactly as the
 * server stores it; opening the record writes it into the record's own y-indexeddb database, shows it
 * whole and takes an edit the server confirms; a wipe leaves no staged state. The states are read and
 * staged by a dedicated worker (renderer/sync/bulk-stage.worker.ts), which writes nothing into a local
 * database deleted while it runs.
 */
import { format } from 'date-fns';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import * as Y from 'yjs';
import { BULK_STATES_PATH, BulkFrameReader, type BulkStatesRequest } from '../../shared/bulk-states.ts';
import { docNameFor } from '../../shared/protocol.ts';
import { projectDoc } from '../../shared/ydoc/projection.ts';
import { readRecord } from '../../shared/ydoc/read-record.ts';
import type { RunningServer } from '../../server/server.ts';
import { DEMO_PASSWORD } from '../../server/seed-demo.ts';
import { serverHoldsUpdate } from '../../renderer/sync/confirmation.ts';
import { collectPageErrors, isExpectedNetworkError } from './support/browser.ts';
import { demoServerWorld } from './support/demo-server.ts';
import { CLEAN_PAGE, checkPage } from './support/page-check.ts';

interface LocalRecordFacts {
  /** Each update in the record's y-indexeddb database (none when it has no database yet). */
  readonly updates: number[][];
  /** The state staged by the bulk sync, or null. */
  readonly staged: number[] | null;
  readonly pending: boolean | null;
  readonly row: Record<string, unknown> | null;
}

/** What the laptop holds of some records, read with the raw IndexedDB API. */
function localFacts(page: Page, ids: readonly string[]): Promise<Record<string, LocalRecordFacts>> {
  return page.evaluate(async (recordIds) => {
    const names = new Set((await indexedDB.databases()).map((db) => db.name));
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
    const rows = await all<Record<string, unknown>>(main, 'caseload');
    const staged = await all<{ id: string; state: Uint8Array }>(main, 'stagedStates');
    main.close();
    const out: Record<string, LocalRecordFacts> = {};
    for (const id of recordIds) {
      let updates: Uint8Array[] = [];
      if (names.has(`waymark-yp-${id}`)) {
        const db = await open(`waymark-yp-${id}`);
        updates = db.objectStoreNames.contains('updates') ? await all<Uint8Array>(db, 'updates') : [];
        db.close();
      }
      const stagedState = staged.find((s) => s.id === id)?.state;
      out[id] = {
        updates: updates.map((u) => [...u]),
        staged: stagedState ? [...stagedState] : null,
        pending: states.find((s) => s.id === id)?.pending ?? null,
        row: rows.find((r) => r['id'] === id) ?? null,
      };
    }
    return out;
  }, ids);
}

/** The names of this origin's IndexedDB databases, and how many states are staged in `waymark`. */
function localDatabases(page: Page): Promise<{ names: string[]; staged: number }> {
  return page.evaluate(async () => {
    const names = (await indexedDB.databases()).map((db) => db.name ?? '');
    if (!names.includes('waymark')) return { names, staged: 0 };
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('waymark');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('waymark'));
    });
    const staged = db.objectStoreNames.contains('stagedStates')
      ? await new Promise<number>((resolve, reject) => {
          const request = db.transaction('stagedStates', 'readonly').objectStore('stagedStates').count();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error ?? new Error('stagedStates'));
        })
      : 0;
    db.close();
    return { names, staged };
  });
}

/** A Yjs snapshot of a state, as the server answers a confirmation request. */
function snapshotOf(state: Uint8Array): Uint8Array {
  const doc = new Y.Doc({ gc: false });
  Y.applyUpdate(doc, state);
  const snapshot = Y.encodeSnapshot(Y.snapshot(doc));
  doc.destroy();
  return snapshot;
}

/** True when two states hold exactly the same content (each holds the other). */
function sameContent(a: Uint8Array, b: Uint8Array): boolean {
  return serverHoldsUpdate(snapshotOf(a), b) && serverHoldsUpdate(snapshotOf(b), a);
}

function docOf(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc({ gc: false });
  Y.applyUpdate(doc, state);
  return doc;
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
  const bulkRequests: BulkStatesRequest[] = [];
  /** `kind:id` of every frame the server sent. */
  const sentFrames: string[] = [];
  /** The script of every worker the page started. */
  const workers: string[] = [];

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
      bulkRequests.push(JSON.parse(route.request().postData() ?? '{}') as BulkStatesRequest);
      await held;
      // Read whole here to see what the server sent; the page gets exactly the same bytes.
      const response = await route.fetch();
      const body = await response.body();
      for (const frame of new BulkFrameReader().push(new Uint8Array(body))) {
        if (frame.kind !== 'end') sentFrames.push(`${frame.kind}:${frame.id}`);
      }
      await route.fulfill({ response, body });
    });
    page = await context.newPage();
    page.on('worker', (worker) => workers.push(new URL(worker.url()).pathname));
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
    expect(await checkPage(page)).toEqual(CLEAN_PAGE);

    releaseBulk();
    await expect
      .poll(() => page.getByRole('status').first().textContent(), { timeout: 60_000 })
      .toMatch(/in sync/);
    expect(await progress.count()).toBe(0);
    expect(await page.locator('table tbody tr').count()).toBeGreaterThan(0);
    expect(await checkPage(page)).toEqual(CLEAN_PAGE);
  });

  it('asked once for every record, with its day and settings for the rows, and opened none over the websocket', async () => {
    expect(bulkRequests.map((request) => [...request.ids].sort())).toEqual([alexRecords]);
    expect(bulkRequests[0]?.rows?.today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // Each record's row came from the server, before its state: the laptop decoded none of them.
    expect([...sentFrames].sort()).toEqual(alexRecords.flatMap((id) => [`row:${id}`, `state:${id}`]).sort());
    for (const id of alexRecords)
      expect(sentFrames.indexOf(`state:${id}`), id).toBe(sentFrames.indexOf(`row:${id}`) + 1);
    // Read and staged off the page's main thread, by one worker.
    expect(workers.filter((script) => /bulk-stage\.worker/.test(script))).toHaveLength(1);
    const loads = await server.store.queryAudit({ event: 'doc.load', userId: alexId, limit: 10_000 });
    expect(loads.filter((row) => row.detail !== 'bulk first sync')).toEqual([]);
    expect(loads.map((row) => row.docName).sort()).toEqual(alexRecords.map(docNameFor).sort());
  });

  it('lists every record with the row the laptop computes from the server’s state, staged exactly as stored and confirmed', async () => {
    const rows = bulkRequests[0]?.rows;
    if (!rows) throw new Error('the bulk request asked for no rows');
    const facts = await localFacts(page, alexRecords);
    for (const id of alexRecords) {
      const stored = await server.store.loadDoc(docNameFor(id));
      if (!stored) throw new Error(`the server holds no ${id}`);
      const doc = docOf(stored);
      expect(facts[id], id).toEqual({
        // Not written into its own database until it is opened.
        updates: [],
        staged: [...stored],
        pending: false,
        row: JSON.parse(JSON.stringify(projectDoc(doc, rows.today, rows.settings))),
      });
      doc.destroy();
    }
  });

  it('opens a record that came down in bulk whole, and an edit to it syncs and is confirmed by the server', async () => {
    const first = page.locator('table tbody tr th a').first();
    const name = (await first.textContent()) ?? '';
    await first.click();
    await page.getByRole('heading', { level: 1, name }).waitFor({ timeout: 30_000 });
    const id = /young-people\/([^/]+)/.exec(page.url())?.[1] ?? '';
    expect(alexRecords).toContain(id);
    const stored = await server.store.loadDoc(docNameFor(id));
    if (!stored) throw new Error(`the server holds no ${id}`);
    const record = readRecord(docOf(stored));
    // Its whole content: written into its own database, the staged copy gone, and shown.
    await expect
      .poll(async () => (await localFacts(page, [id]))[id]?.staged === null, { timeout: 30_000 })
      .toBe(true);
    const opened = (await localFacts(page, [id]))[id];
    const local = Y.mergeUpdates((opened?.updates ?? []).map((u) => new Uint8Array(u)));
    expect(sameContent(local, stored)).toBe(true);
    expect(opened?.pending).toBe(false);
    const born = format(new Date(`${record.profile.dateOfBirth}T12:00:00`), 'd MMM yyyy');
    expect(await page.locator('.record-summary').textContent()).toContain(`born ${born}`);
    expect(await checkPage(page)).toEqual(CLEAN_PAGE);

    await page.getByRole('button', { name: 'Change details' }).click();
    const panel = page.getByRole('region', { name: 'Change details' });
    await panel.getByLabel('Preferred name').fill('Bulkie');
    await panel.getByRole('button', { name: 'Save details' }).click();
    await page.getByRole('status').filter({ hasText: 'Details saved: preferred name' }).waitFor();
    // Confirmed: the server's stored state holds everything the laptop holds of the record.
    await expect
      .poll(async () => (await localFacts(page, [id]))[id]?.pending, { timeout: 60_000 })
      .toBe(false);
    const after = (await localFacts(page, [id]))[id];
    const localAfter = Y.mergeUpdates((after?.updates ?? []).map((u) => new Uint8Array(u)));
    const storedAfter = await server.store.loadDoc(docNameFor(id));
    if (!storedAfter) throw new Error(`the server holds no ${id}`);
    expect(serverHoldsUpdate(snapshotOf(storedAfter), localAfter)).toBe(true);
    expect(readRecord(docOf(storedAfter)).profile.preferredName).toBe('Bulkie');
    expect(await checkPage(page)).toEqual(CLEAN_PAGE);
  });

  it('leaves no staged state after a wipe', async () => {
    const before = await localFacts(page, alexRecords);
    expect(Object.values(before).filter((f) => f.staged !== null).length).toBeGreaterThan(0);
    await page.evaluate(() => (location.hash = '#/settings'));
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    await page.getByRole('button', { name: 'Remove all Waymark data from this laptop' }).click();
    await page.getByRole('button', { name: 'Yes, remove everything' }).click();
    await page.getByText('All Waymark records and settings were removed from this laptop.').waitFor();
    expect(await checkPage(page)).toEqual(CLEAN_PAGE);
    const left = await localDatabases(page);
    expect(left.staged).toBe(0);
    expect(left.names.filter((name) => name.startsWith('waymark-yp-'))).toEqual([]);
  });

  it('stages nothing into a local database another tab deletes while the worker reads the states', async () => {
    const sam = await server.store.getUserByUsername('pa.sam');
    if (!sam) throw new Error('the demo PA pa.sam is missing');
    const samRecords = await server.store.listAssignmentsForPa(sam.id);
    expect(samRecords.length).toBeGreaterThan(0);
    const context = await world
      .browser()
      .newContext({ locale: 'en-GB', viewport: { width: 1366, height: 768 } });
    try {
      await context.route('**/waymark-config.json', (route) =>
        route.fulfill({ json: { syncServerUrl: server.url } }),
      );
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      await context.route(`**${BULK_STATES_PATH}`, async (route) => {
        await held;
        await route.continue();
      });
      const app = await context.newPage();
      const appErrors = collectPageErrors(app);
      const workerClosed = new Promise<void>((resolve) => {
        app.on('worker', (worker) => {
          if (/bulk-stage\.worker/.test(worker.url())) worker.on('close', () => resolve());
        });
      });
      await app.goto(new URL('renderer/index.html#/sign-in', e2eUrl).toString());
      await app.getByLabel('Username').fill('pa.sam');
      await app.getByLabel('Password').fill(DEMO_PASSWORD);
      await app.getByRole('button', { name: 'Sign in' }).click();
      await app.getByRole('status').filter({ hasText: 'Loading records:' }).waitFor({ timeout: 30_000 });
      expect(await checkPage(app)).toEqual(CLEAN_PAGE);
      // The worker has the database open (it says so on the page's timeline) and its request is held.
      await expect
        .poll(() => app.evaluate(() => performance.getEntriesByName('waymark:bulk-worker-open').length), {
          timeout: 30_000,
        })
        .toBe(1);
      // Another tab of the same origin deletes the database: it goes only once every connection closed.
      const other = await context.newPage();
      await other.goto(new URL('renderer/waymark-config.json', e2eUrl).toString());
      await other.evaluate(
        () =>
          new Promise<void>((resolve, reject) => {
            const request = indexedDB.deleteDatabase('waymark');
            request.onsuccess = () => resolve();
            request.onerror = () => reject(request.error ?? new Error('deleteDatabase'));
          }),
      );
      release();
      await workerClosed;
      const { staged } = await localDatabases(other);
      expect(staged).toBe(0);
      expect(appErrors.filter((e) => !isExpectedNetworkError(e))).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('raised no page errors', () => {
    expect(errors.filter((e) => !isExpectedNetworkError(e))).toEqual([]);
  });
});
