/**
 * A record's History tab in Chromium against a real sync server with the demo caseload: every change in
 * plain language (no internal key or user id anywhere in the page), generated demo data attributed as
 * such, the record as it stood on a chosen date, and a removed accommodation period that the PA cannot
 * restore and her team manager, on another laptop, can. Synthetic data only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { format, subDays } from 'date-fns';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { docNameFor } from '../../shared/protocol.ts';
import { RECORD_FIELDS } from '../../shared/ydoc/field-path.ts';
import { readRecord } from '../../shared/ydoc/read-record.ts';
import {
  ACTION_STATUSES,
  CONTACT_METHODS,
  CONTACT_OUTCOMES,
  ENTITLEMENT_STATUSES,
} from '../../shared/domain/vocabulary.ts';
import type { RunningServer } from '../../server/server.ts';
import { startDemoServer } from './support/demo-server.ts';
import { DEMO_PASSWORD, DEMO_USERS } from '../../server/seed-demo.ts';
import { CLEAN_PAGE, checkPage } from './support/page-check.ts';
import { collectPageErrors, isExpectedNetworkError, launchChromium } from './support/browser.ts';

const today = new Date();
const yesterday = subDays(today, 1);

/** Internal keys that must never show: camelCase field names and hyphenated codes. */
const RAW_KEYS = [
  ...new Set([
    ...RECORD_FIELDS.profile,
    ...RECORD_FIELDS.plan,
    ...RECORD_FIELDS.planSection,
    ...RECORD_FIELDS.entitlement,
    ...Object.values(RECORD_FIELDS.entries).flat(),
  ]),
]
  .filter((field) => /[A-Z]/.test(field))
  .concat(
    [...ACTION_STATUSES, ...CONTACT_METHODS, ...CONTACT_OUTCOMES, ...ENTITLEMENT_STATUSES].filter((code) =>
      code.includes('-'),
    ),
    ['_deleted', 'demo-yp-'],
  );

describe('the History tab (real server, real Chromium)', () => {
  const appUrl = new URL('renderer/index.html', inject('e2eUrl')).toString();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'waymark-e2e-history-'));
  let server: RunningServer;
  let browser: Browser;
  let userIds: string[] = [];
  let recordId = '';
  let removedPeriod = '';
  const pages: { page: Page; errors: string[] }[] = [];

  async function laptop(): Promise<Page> {
    const context: BrowserContext = await browser.newContext({
      locale: 'en-GB',
      timezoneId: 'Europe/London',
    });
    await context.route('**/waymark-config.json', (route) =>
      route.fulfill({ json: { syncServerUrl: server.url } }),
    );
    const page = await context.newPage();
    pages.push({ page, errors: collectPageErrors(page) });
    return page;
  }

  async function signIn(page: Page, username: string): Promise<void> {
    await page.goto(`${appUrl}#/sign-in`);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: /^(My|Team) caseload$/ }).waitFor();
    await inSync(page);
  }

  async function inSync(page: Page): Promise<void> {
    await expect
      .poll(() => page.getByRole('status').first().textContent(), { timeout: 60_000 })
      .toMatch(/in sync/);
  }

  async function openHistory(page: Page): Promise<string> {
    await page.goto(`${appUrl}#/young-people/${recordId}/history`);
    const history = page.getByRole('heading', { level: 2, name: 'History' });
    await history.waitFor({ timeout: 30_000 });
    await page.locator('.history-table tbody tr').first().waitFor();
    return (await page.getByRole('main').textContent()) ?? '';
  }

  function expectPlainLanguage(text: string): void {
    for (const raw of RAW_KEYS) expect(text, `shows the internal key ${raw}`).not.toContain(raw);
    for (const id of userIds) expect(text, 'shows a user id').not.toContain(id);
    expect(text).not.toMatch(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-/);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  }

  beforeAll(async () => {
    server = await startDemoServer(dataDir);
    userIds = [];
    for (const { username } of DEMO_USERS) {
      const user = await server.store.getUserByUsername(username);
      if (user) userIds.push(user.id);
    }
    // One of Alex's young people with at least two accommodation periods.
    const alex = await server.store.getUserByUsername('pa.alex');
    for (const assignment of await server.store.listAssignmentsForPa(alex?.id ?? '')) {
      const state = await server.store.loadDoc(docNameFor(assignment.youngPersonId));
      if (!state) continue;
      const doc = new Y.Doc();
      Y.applyUpdate(doc, state);
      if (readRecord(doc).accommodation.length >= 2) {
        recordId = assignment.youngPersonId;
        break;
      }
    }
    expect(recordId).not.toBe('');
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows the PA every change in plain language, generated demo data attributed to where it came from', async () => {
    const page = await laptop();
    await signIn(page, 'pa.alex');
    const text = await openHistory(page);
    expect(text).toContain('Generated demo data');
    expect(text).toMatch(/Accommodation period, .+ from \d{1,2} [A-Z][a-z]{2} \d{4}/);
    expectPlainLanguage(text);
    expect(await checkPage(page)).toEqual(CLEAN_PAGE);
  });

  it('lets the PA remove an accommodation period but not restore it', async () => {
    const { page } = pages[0] ?? {};
    if (!page) throw new Error('no PA page');
    await page
      .getByRole('navigation', { name: 'Record sections' })
      .getByRole('link', { name: 'Accommodation' })
      .click();
    const remove = page.getByRole('button', { name: /^Remove / }).last();
    removedPeriod = ((await remove.textContent()) ?? '').replace(/^Remove\s*/, '').trim();
    expect(removedPeriod).toMatch(/ from /);
    await remove.click();
    await page.getByRole('button', { name: 'Yes, remove it' }).click();
    await page.getByText(`Removed: ${removedPeriod}.`).waitFor();
    await inSync(page);
    const text = await openHistory(page);
    const removed = page.getByRole('region', { name: 'Removed entries' });
    expect(await removed.textContent()).toContain('Only a team manager can restore a removed entry.');
    expect(await removed.textContent()).toContain('Removed by Alex Demo (PA) on');
    expect(await removed.getByRole('button', { name: /Restore/ }).count()).toBe(0);
    expect(text).toMatch(/Alex Demo \(PA\)Accommodation period, [^|]+In the recordRemoved/);
    expectPlainLanguage(text);
    expect(await checkPage(page)).toEqual(CLEAN_PAGE);
  });

  it('shows the record as it stood on a chosen date', async () => {
    const { page } = pages[0] ?? {};
    if (!page) throw new Error('no PA page');
    const asAt = page.getByRole('region', { name: 'The record as it stood on a date' });
    const [label, start] = removedPeriod.split(' from ');
    const listsRemoved = async () =>
      (await asAt.locator('.as-at li').allTextContents()).some((item) =>
        item.startsWith(`${label}, ${start} to`),
      );
    await asAt.getByLabel('Date', { exact: true }).fill('31/2/2020');
    await asAt.getByRole('button', { name: 'Show the record on this date' }).click();
    await page.getByRole('alert').filter({ hasText: 'Enter a real date, such as 27/3/2026' }).waitFor();
    await asAt.getByLabel('Date', { exact: true }).fill(format(yesterday, 'd/M/yyyy'));
    await asAt.getByRole('button', { name: 'Show the record on this date' }).click();
    await asAt.getByRole('heading', { name: `At the end of ${format(yesterday, 'd MMM yyyy')}` }).waitFor();
    expect(await listsRemoved()).toBe(true);
    await asAt.getByLabel('Date', { exact: true }).fill(format(today, 'd/M/yyyy'));
    await asAt.getByRole('button', { name: 'Show the record on this date' }).click();
    await asAt.getByRole('heading', { name: `At the end of ${format(today, 'd MMM yyyy')}` }).waitFor();
    // Removed today: there yesterday, gone today.
    expect(await listsRemoved()).toBe(false);
    expectPlainLanguage((await asAt.textContent()) ?? '');
    expect(await checkPage(page)).toEqual(CLEAN_PAGE);
  });

  it('lets the team manager restore the removed period on their laptop, keeping the removal in history', async () => {
    const page = await laptop();
    await signIn(page, 'tm.morgan');
    await openHistory(page);
    const removed = page.getByRole('region', { name: 'Removed entries' });
    await removed.getByText('Removed by Alex Demo (PA) on').waitFor({ timeout: 30_000 });
    await removed
      .getByRole('button', { name: /^Restore/ })
      .first()
      .click();
    await page
      .getByRole('status')
      .filter({ hasText: /^Restored: Accommodation period, / })
      .waitFor();
    expect(await removed.textContent()).toContain('Nothing has been removed from this record.');
    const text = (await page.getByRole('main').textContent()) ?? '';
    expect(text).toMatch(/Morgan Demo \(Team manager\)Accommodation period, [^|]+RemovedRestored/);
    expect(text).toMatch(/Alex Demo \(PA\)Accommodation period, [^|]+In the recordRemoved/);
    expectPlainLanguage(text);
    expect(await checkPage(page)).toEqual(CLEAN_PAGE);
    await page
      .getByRole('navigation', { name: 'Record sections' })
      .getByRole('link', { name: 'Accommodation' })
      .click();
    await page.getByRole('button', { name: `Remove ${removedPeriod}` }).waitFor();
  });

  it('raised no page errors', () => {
    for (const { errors } of pages)
      expect(errors.filter((error) => !isExpectedNetworkError(error))).toEqual([]);
  });
});
