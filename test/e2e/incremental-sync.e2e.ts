/**
 * Incremental sync rounds in the browser against a real sync server: after a complete round, the next
 * round asks the server what changed since (GET /api/me/documents?since=<cursor>) and syncs only those
 * records, records newly assigned to the user, and records with local changes. Counted through the
 * server's `doc.load` audit rows (one per record the client attaches).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { RunningServer } from '../../server/server.ts';
import { startDemoServer } from './support/demo-server.ts';
import { DEMO_PASSWORD } from '../../server/seed-demo.ts';
import { TestDevice, signIn } from '../../server/testing/device-identity.ts';
import { acknowledged, newDeviceId, openDoc, openSocket } from '../../server/testing/fixtures.ts';
import type { ContactEvent } from '../../shared/domain/model.ts';
import { docNameFor } from '../../shared/protocol.ts';
import { addContact } from '../../shared/ydoc/write-record.ts';
import { collectPageErrors, isExpectedNetworkError, launchChromium } from './support/browser.ts';
import { harness, openHarness } from './support/harness.ts';

describe('incremental sync: a round after a complete one syncs only what changed', () => {
  const e2eUrl = inject('e2eUrl');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'waymark-e2e-incremental-'));
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let deviceId: string;
  let alexId: string;
  let alexRecords: string[];
  let errors: string[] = [];

  /** The highest audit seq now: rows after it belong to what happens next. */
  async function auditMark(): Promise<number> {
    return (await server.store.queryAudit({ limit: 1 }))[0]?.seq ?? 0;
  }

  /** The records this laptop attached (doc.load audit rows of its device) after `mark`, sorted. */
  async function loadsAfter(mark: number): Promise<string[]> {
    const rows = await server.store.queryAudit({ event: 'doc.load', userId: alexId, limit: 10_000 });
    return rows
      .filter((row) => row.seq > mark && row.deviceId === deviceId)
      .map((row) => row.docName ?? '')
      .sort();
  }

  /** Waits until the laptop has nothing waiting and has attached no record for a while. */
  async function settled(): Promise<void> {
    let previous = -1;
    await expect
      .poll(
        async () => {
          const waiting = (await harness(page, 'syncStatus'))?.waiting;
          const loads = (await loadsAfter(0)).length;
          const still = waiting === 0 && loads === previous;
          previous = loads;
          return still;
        },
        { timeout: 30_000, interval: 1500 },
      )
      .toBe(true);
  }

  /** A team manager changes one record from another machine (a Node client on a real websocket). */
  async function managerAddsContact(recordId: string, contactId: string): Promise<void> {
    const manager = await signIn(
      server.url,
      'tm.morgan',
      DEMO_PASSWORD,
      await TestDevice.create(newDeviceId()),
    );
    const socket = openSocket(server);
    try {
      const opened = await openDoc(socket, docNameFor(recordId), manager.token, 20_000);
      if (opened.status !== 'synced')
        throw new Error(`the manager was refused ${recordId}: ${opened.reason}`);
      const contact: ContactEvent = {
        id: contactId,
        at: '2026-11-20T10:00:00Z',
        method: 'phone',
        by: 'synthetic-manager',
        seen: false,
        seenAlone: false,
        outcome: 'contact-made',
        notes: '',
      };
      addContact(opened.opened.doc, contact, { writer: manager.user.id, today: '2026-11-20' });
      await acknowledged(opened.opened, 'the manager’s change');
      opened.opened.provider.destroy();
    } finally {
      socket.destroy();
    }
  }

  const contactIds = async (recordId: string): Promise<string[]> =>
    ((await harness(page, 'read', recordId)) as { contacts: { id: string }[] }).contacts.map((c) => c.id);

  beforeAll(async () => {
    server = await startDemoServer(dataDir);
    browser = await launchChromium();
    const alex = await server.store.getUserByUsername('pa.alex');
    if (!alex) throw new Error('the demo PA pa.alex is missing');
    alexId = alex.id;
    alexRecords = (await server.store.listAssignmentsForPa(alex.id)).map((a) => a.youngPersonId).sort();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('syncs every record in the first round, and none in a round where nothing changed', async () => {
    expect(alexRecords.length).toBeGreaterThanOrEqual(10);
    context = await browser.newContext({ locale: 'en-GB' });
    page = await context.newPage();
    errors = collectPageErrors(page);
    await openHarness(page, e2eUrl);
    const signedIn = await harness(page, 'signIn', server.url, 'pa.alex', DEMO_PASSWORD);
    if (!signedIn.ok) throw new Error(`sign-in failed: ${signedIn.error}`);
    deviceId = signedIn.value;
    await settled();
    expect(await harness(page, 'recordIds')).toEqual(alexRecords);
    expect(new Set(await loadsAfter(0))).toEqual(new Set(alexRecords.map(docNameFor)));

    const mark = await auditMark();
    // The round this call ran, as it ended (the app's own rounds, every minute, may follow it).
    expect(await harness(page, 'syncNow')).toMatchObject({ total: 0, done: 0, waiting: 0, problem: null });
    expect(await loadsAfter(mark)).toEqual([]);
  });

  it('re-syncs only the one record changed elsewhere, and receives the change', async () => {
    const target = alexRecords[3] ?? '';
    expect(await contactIds(target)).not.toContain('c-remote-1');
    await managerAddsContact(target, 'c-remote-1');

    const mark = await auditMark();
    expect(await harness(page, 'syncNow')).toMatchObject({ total: 1, done: 1, problem: null });
    expect(await loadsAfter(mark)).toEqual([docNameFor(target)]);
    await expect.poll(() => contactIds(target), { timeout: 10_000 }).toContain('c-remote-1');

    const again = await auditMark();
    await harness(page, 'syncNow');
    expect(await loadsAfter(again)).toEqual([]);
  });

  it('syncs a record newly assigned to the PA, and removes one reassigned away', async () => {
    const sam = await server.store.getUserByUsername('pa.sam');
    const samRecord = sam ? (await server.store.listAssignmentsForPa(sam.id))[0] : undefined;
    const leaving = alexRecords[0] ?? '';
    if (!sam || !samRecord) throw new Error('the demo PA pa.sam has no record');
    await server.store.setAssignment(samRecord.youngPersonId, alexId, samRecord.teamId);
    await server.store.setAssignment(leaving, sam.id, samRecord.teamId);
    await server.recheckAccess();

    const mark = await auditMark();
    await harness(page, 'syncNow');
    expect(await loadsAfter(mark)).toEqual([docNameFor(samRecord.youngPersonId)]);
    const held = await harness(page, 'recordIds');
    expect(held).toContain(samRecord.youngPersonId);
    expect(held).not.toContain(leaving);
  });

  it('raised no page errors', () => {
    expect(errors.filter((e) => !isExpectedNetworkError(e))).toEqual([]);
  });
});
