import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/server.ts';
import { DEMO_PASSWORD } from '../../server/seed-demo.ts';
import type { HarnessContactInput } from '../harness/harness-api.ts';
import { collectPageErrors, isExpectedNetworkError, launchChromium } from './support/browser.ts';
import { harness, openHarness } from './support/harness.ts';

const RECORD = 'e2e-sync-1';

const contact = (id: string, at: string): HarnessContactInput => ({
  id,
  at,
  method: 'phone',
  by: 'synthetic-worker',
  seen: false,
  seenAlone: false,
  outcome: 'contact-made',
  notes: '',
});

const contactIds = async (page: Page) =>
  ((await harness(page, 'read', RECORD)) as { contacts: { id: string }[] }).contacts.map((c) => c.id).sort();

describe('sync with a real Hocuspocus server over a real websocket', () => {
  const e2eUrl = inject('e2eUrl');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'waymark-e2e-server-'));
  const sqlitePath = path.join(dataDir, 'waymark.sqlite');
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const errors: string[][] = [];

  async function signedIn(username: string): Promise<{ page: Page; deviceId: string }> {
    const context = await browser.newContext({ locale: 'en-GB' });
    contexts.push(context);
    const page = await context.newPage();
    errors.push(collectPageErrors(page));
    await openHarness(page, e2eUrl);
    const result = await harness(page, 'signIn', server.url, username, DEMO_PASSWORD);
    if (!result.ok) throw new Error(`sign-in of ${username} failed: ${result.error}`);
    return { page, deviceId: result.value };
  }

  let pa: { page: Page; deviceId: string };
  let manager: { page: Page; deviceId: string };

  beforeAll(async () => {
    server = await startServer({ sqlitePath, port: 0, seedDemo: true, log: () => undefined });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('assigns a record a PA created to that PA at first sync, and the team manager receives it', async () => {
    pa = await signedIn('pa.alex');
    const created = await harness(pa.page, 'create', {
      id: RECORD,
      givenName: 'Synthia',
      familyName: 'Example',
      dateOfBirth: '2008-03-01',
      teamId: 'team-north',
      allocatedPaId: 'pa-alex',
      category: 'relevant',
      dateLeftCare: '2025-06-01',
    });
    expect(created).toEqual({ ok: true, value: null });
    await expect
      .poll(() => harness(pa.page, 'syncStatus').then((s) => s?.waiting), { timeout: 20_000 })
      .toBe(0);
    const alex = await server.store.getUserByUsername('pa.alex');
    await expect.poll(async () => (await server.store.getAssignment(RECORD))?.paUserId).toBe(alex?.id);

    manager = await signedIn('tm.morgan');
    await expect.poll(() => harness(manager.page, 'recordIds'), { timeout: 20_000 }).toContain(RECORD);
  });

  it('merges a PA’s and a manager’s offline edits to the same record when both are back online', async () => {
    const port = server.port;
    await server.stop(); // the sync server goes away: both laptops are offline
    await expect
      .poll(() => harness(pa.page, 'syncStatus').then((s) => s?.connection), { timeout: 20_000 })
      .not.toBe('online');
    expect(await harness(pa.page, 'addContact', RECORD, contact('c-pa', '2026-11-21T09:00:00Z'))).toEqual({
      ok: true,
      value: null,
    });
    expect(
      await harness(manager.page, 'addContact', RECORD, contact('c-tm', '2026-11-21T11:00:00Z')),
    ).toEqual({
      ok: true,
      value: null,
    });
    expect(await contactIds(pa.page)).toEqual(['c-pa']);
    expect(await harness(pa.page, 'syncStatus').then((s) => s?.waiting)).toBe(1);

    server = await startServer({ sqlitePath, port, log: () => undefined }); // back online
    await expect
      .poll(() => contactIds(pa.page), { timeout: 60_000, interval: 500 })
      .toEqual(['c-pa', 'c-tm']);
    await expect
      .poll(() => contactIds(manager.page), { timeout: 60_000, interval: 500 })
      .toEqual(['c-pa', 'c-tm']);
    await expect
      .poll(() => harness(pa.page, 'syncStatus').then((s) => s?.waiting), { timeout: 20_000 })
      .toBe(0);
  });

  it('refuses a PA of another team, and audits the refusal', async () => {
    const other = await signedIn('pa.jo');
    expect(await harness(other.page, 'recordIds')).not.toContain(RECORD);
    expect(await harness(other.page, 'probeRemote', RECORD)).toBe('forbidden');
    const jo = await server.store.getUserByUsername('pa.jo');
    const denied = await server.store.queryAudit({ event: 'access.denied', docName: `yp:${RECORD}` });
    expect(denied.some((row) => row.userId === jo?.id && row.deviceId === other.deviceId)).toBe(true);
  });

  it('wipes a revoked laptop, paused visits included, and signs its user out', async () => {
    expect(await harness(pa.page, 'recordIds')).toContain(RECORD);
    await harness(pa.page, 'pauseVisit', RECORD);
    expect(await harness(pa.page, 'pausedVisits')).toEqual([
      expect.stringMatching(/^Paused home visit with \S.*, started \d{1,2} [A-Z][a-z]{2} \d{4}$/),
    ]);
    expect(await server.store.revokeDevice(pa.deviceId)).toBe(true);
    await server.recheckAccess();
    await harness(pa.page, 'syncNow'); // the next background round (every minute) finds out
    await expect.poll(() => harness(pa.page, 'sessionUser'), { timeout: 20_000 }).toBeNull();
    await expect.poll(() => harness(pa.page, 'recordIds'), { timeout: 20_000 }).toEqual([]);
    expect(await harness(pa.page, 'sessionNotice')).toMatch(
      /removed from Waymark by your administrator.*1 paused home visit was deleted too/,
    );
    expect(await harness(pa.page, 'databaseNames')).not.toContain('waymark-visit-drafts');
  });

  it('raised no page errors (refused and failed requests are expected here: the server was stopped and the device revoked)', () => {
    expect(errors.flat().filter((e) => !isExpectedNetworkError(e))).toEqual([]);
  });
});
