/**
 * Unconfirmed work in the browser against a real sync server: a record reassigned away while the
 * laptop holds a change the server never confirmed is kept and flagged (not deleted), another user's
 * sign-in is refused until someone chooses to lose it, and when the record is given back the change
 * reaches the server and the flag clears.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { RunningServer } from '../../server/server.ts';
import { startDemoServer } from './support/demo-server.ts';
import { DEMO_PASSWORD } from '../../server/seed-demo.ts';
import { docNameFor } from '../../shared/protocol.ts';
import { readRecord } from '../../shared/ydoc/read-record.ts';
import { CLEAN_PAGE, checkPage } from './support/page-check.ts';
import { collectPageErrors, isExpectedNetworkError, launchChromium } from './support/browser.ts';
import { harness, openHarness } from './support/harness.ts';
import { openUnlocked } from './support/lock.ts';

describe('unconfirmed work is kept, flagged and handed over (real server, real Chromium)', () => {
  const e2eUrl = inject('e2eUrl');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'waymark-e2e-unconfirmed-'));
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[] = [];
  let record = '';
  let alexId = '';
  let samId = '';
  let teamId = '';

  async function serverContactIds(id: string): Promise<string[]> {
    const doc = new Y.Doc();
    const state = await server.store.loadDoc(docNameFor(id));
    if (state) Y.applyUpdate(doc, state);
    return readRecord(doc).contacts.map((c) => c.id);
  }

  beforeAll(async () => {
    server = await startDemoServer(dataDir);
    browser = await launchChromium();
    context = await browser.newContext({ locale: 'en-GB' });
    // The sync server address for the app's own pages, as `npm start` (or managed policy) would give it.
    await context.route('**/waymark-config.json', (route) =>
      route.fulfill({ json: { syncServerUrl: server.url } }),
    );
    page = await context.newPage();
    errors = collectPageErrors(page);
    await openHarness(page, e2eUrl);
    const alex = await server.store.getUserByUsername('pa.alex');
    const sam = await server.store.getUserByUsername('pa.sam');
    if (!alex || !sam || !alex.teamId) throw new Error('the demo PAs are missing');
    alexId = alex.id;
    samId = sam.id;
    teamId = alex.teamId;
    const first = (await server.store.listAssignmentsForPa(alexId))[0];
    if (!first) throw new Error('the demo PA pa.alex has no record');
    record = first.youngPersonId;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps a record reassigned away while it holds an unconfirmed change, and flags it', async () => {
    const signedIn = await harness(page, 'signIn', server.url, 'pa.alex', DEMO_PASSWORD);
    expect(signedIn.ok).toBe(true);
    await expect
      .poll(
        async () => ((await harness(page, 'caseload')) as { id: string }[]).some((r) => r.id === record),
        {
          timeout: 30_000,
        },
      )
      .toBe(true);
    // Reassigned to pa.sam before this laptop's change reaches the server: the server refuses it.
    await server.store.setAssignment(record, samId, teamId);
    await server.recheckAccess();
    const added = await harness(page, 'addContact', record, {
      id: 'held-back-1',
      at: '2026-11-20T10:30:00Z',
      method: 'phone',
      by: 'synthetic-worker',
      seen: false,
      seenAlone: false,
      outcome: 'contact-made',
      notes: '',
    });
    expect(added).toEqual({ ok: true, value: null });
    await harness(page, 'syncNow');
    await expect
      .poll(() => harness(page, 'syncStatus').then((s) => s?.heldBack), { timeout: 30_000 })
      .toBe(1);
    expect(await harness(page, 'recordIds')).toContain(record);
    expect(await harness(page, 'pending', record)).toBe(true);
    expect(await serverContactIds(record)).not.toContain('held-back-1');
    // Another round does not delete it either.
    await harness(page, 'syncNow');
    expect(await harness(page, 'recordIds')).toContain(record);
  });

  it('shows the record under "Changes not yet on the server" on the caseload', async () => {
    const app = await context.newPage();
    // The app opens at the lock screen (the laptop's user signed in before): unlock as pa.alex.
    await openUnlocked(app, new URL('renderer/index.html#/', e2eUrl).toString(), DEMO_PASSWORD);
    const section = app.getByRole('region', { name: 'Changes not yet on the server' });
    await section.waitFor({ timeout: 30_000 });
    expect(await section.getByRole('link').count()).toBe(1);
    expect(await checkPage(app)).toEqual(CLEAN_PAGE);
    await app.close();
  });

  it('refuses another user’s sign-in while the change is unconfirmed, naming what would be lost', async () => {
    const other = await harness(page, 'signIn', server.url, 'pa.sam', DEMO_PASSWORD);
    expect(other.ok).toBe(false);
    if (!other.ok) expect(other.error).toMatch(/^1 record has changes not yet on the sync server/);
    expect(await harness(page, 'recordIds')).toContain(record);
  });

  it('asks at “Sign in as someone else”, naming the record, before another user’s sign-in deletes the change', async () => {
    const app = await context.newPage();
    // The lock screen offers "Sign in as someone else", as a second person at the laptop would use.
    await app.goto(new URL('renderer/index.html#/', e2eUrl).toString());
    await app.getByRole('heading', { level: 1, name: 'Waymark is locked' }).waitFor();
    await app.getByRole('button', { name: 'Sign in as someone else' }).click();
    await app.getByLabel('Username').fill('pa.sam');
    await app.getByLabel('Password').fill(DEMO_PASSWORD);
    await app.getByRole('button', { name: 'Sign in' }).click();
    const choice = app.getByRole('group', { name: /^1 record has changes that the last person/ });
    await choice.waitFor({ timeout: 30_000 });
    expect(await choice.getByRole('listitem').count()).toBe(1);
    expect(await choice.getByRole('button', { name: 'Sign in and delete these changes' }).count()).toBe(1);
    expect(await checkPage(app)).toEqual(CLEAN_PAGE);
    await choice.getByRole('button', { name: 'Cancel' }).click();
    expect(await app.getByRole('group').count()).toBe(0);
    expect(await harness(page, 'recordIds')).toContain(record);
    expect(await harness(page, 'pending', record)).toBe(true);
    await app.close();
  });

  it('sends the change when the record is given back, and clears the flag', async () => {
    await server.store.setAssignment(record, alexId, teamId);
    // pa.sam's refused sign-in left this laptop signed out: pa.alex signs in again (same user, no wipe).
    expect((await harness(page, 'signIn', server.url, 'pa.alex', DEMO_PASSWORD)).ok).toBe(true);
    await expect.poll(() => serverContactIds(record), { timeout: 30_000 }).toContain('held-back-1');
    await expect.poll(() => harness(page, 'pending', record), { timeout: 30_000 }).toBe(false);
    await expect
      .poll(() => harness(page, 'syncStatus').then((s) => s?.heldBack), { timeout: 30_000 })
      .toBe(0);
  });

  it('raised no page errors other than the refused record', () => {
    expect(errors.filter((e) => !isExpectedNetworkError(e))).toEqual([]);
  });
});
