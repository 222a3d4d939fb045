/**
 * Issue 13, finding 14: case data is never visible without a password. A new user signs in, closes the
 * app (a reload) and opens it again: the lock screen shows before any case database is opened or any
 * record is on the page; the password unlocks offline; five wrong passwords require a full sign-in (which
 * a reload does not undo), or, by policy, wipe the laptop. Real sync server, real Chromium and IndexedDB.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { format } from 'date-fns';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { docNameFor } from '../../shared/protocol.ts';
import { projectDoc } from '../../shared/ydoc/projection.ts';
import type { RunningServer } from '../../server/server.ts';
import { startDemoServer } from './support/demo-server.ts';
import { DEMO_PASSWORD } from '../../server/seed-demo.ts';
import { CLEAN_PAGE, checkPage } from './support/page-check.ts';
import { collectPageErrors, isExpectedNetworkError, launchChromium } from './support/browser.ts';
import { unlock } from './support/lock.ts';

declare global {
  interface Window {
    /** Names of the IndexedDB databases the page asked to open, in order (set by the init script). */
    readonly waymarkIndexedDbOpened?: string[];
  }
}

/** The names of the active young people the server holds for a PA. */
async function caseloadNames(server: RunningServer, username: string): Promise<string[]> {
  const user = await server.store.getUserByUsername(username);
  if (!user) throw new Error(`no demo user ${username}`);
  const names: string[] = [];
  for (const assignment of await server.store.listAssignmentsForPa(user.id)) {
    const state = await server.store.loadDoc(docNameFor(assignment.youngPersonId));
    if (!state) continue;
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    const row = projectDoc(doc, format(new Date(), 'yyyy-MM-dd'));
    if (row.active) names.push(row.displayName);
  }
  return names;
}

/** A browser context whose host settings name the sync server, and which records every IndexedDB open. */
async function laptop(browser: Browser, config: Record<string, unknown>): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/London' });
  await context.route('**/waymark-config.json', (route) => route.fulfill({ json: config }));
  await context.addInitScript(() => {
    const opened: string[] = [];
    Object.defineProperty(window, 'waymarkIndexedDbOpened', { value: opened });
    const open = IDBFactory.prototype.open;
    IDBFactory.prototype.open = function (this: IDBFactory, name: string, version?: number) {
      opened.push(name);
      return version === undefined ? open.call(this, name) : open.call(this, name, version);
    };
  });
  return context;
}

const opened = (page: Page) => page.evaluate(() => [...(window.waymarkIndexedDbOpened ?? [])]);
const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name });

async function signIn(page: Page, password = DEMO_PASSWORD): Promise<void> {
  await heading(page, 'Sign in').waitFor();
  await page.getByLabel('Username').fill('pa.alex');
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await heading(page, 'My caseload').waitFor({ timeout: 30_000 });
}

/** Waits for the alert to say `text` (a password check takes a while on a loaded machine). */
async function expectAlert(page: Page, text: string): Promise<void> {
  await expect.poll(() => page.getByRole('alert').textContent(), { timeout: 30_000 }).toContain(text);
}

async function wrongPassword(page: Page): Promise<void> {
  await page.getByLabel('Your password').fill('not-the-password');
  await page.getByRole('button', { name: 'Unlock' }).click();
}

describe('the lock screen before any case data (real server, real Chromium)', () => {
  const appUrl = new URL('renderer/index.html', inject('e2eUrl')).toString();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'waymark-e2e-lock-'));
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let names: string[];

  beforeAll(async () => {
    server = await startDemoServer(dataDir);
    names = await caseloadNames(server, 'pa.alex');
    browser = await launchChromium();
    context = await laptop(browser, { syncServerUrl: server.url });
    page = await context.newPage();
    errors = collectPageErrors(page);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** The caseload is not in the page and no case database was opened. */
  async function expectNoCaseData(): Promise<void> {
    const content = await page.content();
    for (const name of names) expect(content).not.toContain(name);
    expect(await page.getByRole('navigation').count()).toBe(0);
    expect(await opened(page)).toEqual([]);
  }

  it('on a laptop where no one has signed in, opens at the sign-in page, not an empty caseload', async () => {
    expect(names.length).toBeGreaterThan(5);
    await page.goto(appUrl);
    await heading(page, 'Sign in').waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.getByText('Add a young person').count()).toBe(0);
    await expectNoCaseData();
    expect(await checkPage(page)).toEqual(CLEAN_PAGE);
  });

  it('signs in and shows the caseload', async () => {
    await signIn(page);
    for (const name of names)
      await page.getByRole('main').getByText(name).first().waitFor({ timeout: 30_000 });
  });

  it('opened again, shows the lock screen with no case data in the page and no case database opened', async () => {
    await page.reload();
    await heading(page, 'Waymark is locked').waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.getByText('Signed in on this laptop: Alex').count()).toBe(1);
    await expectNoCaseData();
    expect(await checkPage(page)).toEqual(CLEAN_PAGE);
  });

  it('unlocks offline with the password, then opens the case data', async () => {
    await context.setOffline(true);
    try {
      await unlock(page, DEMO_PASSWORD);
      await heading(page, 'My caseload').waitFor();
      for (const name of names) await page.getByRole('main').getByText(name).first().waitFor();
      expect(await opened(page)).toContain('waymark');
    } finally {
      await context.setOffline(false);
    }
  });

  it('counts wrong passwords across reloads and, after 5, requires a full sign-in', async () => {
    await page.reload();
    await heading(page, 'Waymark is locked').waitFor();
    // No password is not a try: the error summary says what to do and takes focus (GOV.UK pattern).
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expectAlert(page, 'Enter your password');
    await expect.poll(() => page.evaluate(() => document.activeElement?.className)).toBe('error-summary');
    expect(await page.getByLabel('Your password').getAttribute('aria-invalid')).toBe('true');
    await wrongPassword(page);
    await expectAlert(page, 'try 4 more times');
    await wrongPassword(page);
    await expectAlert(page, 'try 3 more times');
    await page.reload(); // a reload does not reset the count
    await heading(page, 'Waymark is locked').waitFor();
    await wrongPassword(page);
    await expectAlert(page, 'try 2 more times');
    await wrongPassword(page);
    await expectAlert(page, 'try 1 more time');
    expect(await checkPage(page)).toEqual(CLEAN_PAGE);
    await wrongPassword(page);
    await heading(page, 'Sign in').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('wrong password 5 times');
    expect(await page.getByLabel('Your password').count()).toBe(0);
    expect(await page.getByLabel('Username').inputValue()).toBe('pa.alex');
    await expectNoCaseData();
    expect(await checkPage(page)).toEqual(CLEAN_PAGE);

    // A reload still asks for a full sign-in; the right password at a lock screen is no longer offered.
    await page.reload();
    await heading(page, 'Sign in').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('wrong password 5 times');
    expect(await page.getByLabel('Your password').count()).toBe(0);
    await expectNoCaseData();
  });

  it('a full sign-in lifts the requirement and resets the count', async () => {
    await signIn(page);
    for (const name of names)
      await page.getByRole('main').getByText(name).first().waitFor({ timeout: 30_000 });
    await page.reload();
    await heading(page, 'Waymark is locked').waitFor();
    await wrongPassword(page);
    await expectAlert(page, 'try 4 more times');
    await unlock(page, DEMO_PASSWORD);
    await heading(page, 'My caseload').waitFor();
  });

  it('"Sign in as someone else" removes the last person\'s records before the next person\'s come down', async () => {
    const samNames = await caseloadNames(server, 'pa.sam');
    const alexOnly = names.filter((name) => !samNames.includes(name));
    expect(samNames.length).toBeGreaterThan(0);
    expect(alexOnly.length).toBeGreaterThan(0);
    await page.reload();
    await heading(page, 'Waymark is locked').waitFor();
    await page.getByRole('button', { name: 'Sign in as someone else' }).click();
    await heading(page, 'Sign in').waitFor();
    expect(await checkPage(page)).toEqual(CLEAN_PAGE);
    await page.getByLabel('Username').fill('pa.sam');
    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await heading(page, 'My caseload').waitFor({ timeout: 30_000 });
    for (const name of samNames)
      await page.getByRole('main').getByText(name).first().waitFor({ timeout: 30_000 });
    const content = await page.content();
    for (const name of alexOnly) expect(content).not.toContain(name);
    await page.reload();
    await heading(page, 'Waymark is locked').waitFor();
    expect(await page.getByText('Signed in on this laptop: Sam').count()).toBe(1);
  });

  it('with the wipe policy, 5 wrong passwords delete every record on the laptop', async () => {
    const wiping = await laptop(browser, { syncServerUrl: server.url, unlockFailureAction: 'wipe' });
    const other = await wiping.newPage();
    const otherErrors = collectPageErrors(other);
    try {
      await other.goto(appUrl);
      await signIn(other);
      await other
        .getByRole('main')
        .getByText(names[0] ?? '')
        .first()
        .waitFor({ timeout: 30_000 });
      await other.reload();
      for (let attempt = 0; attempt < 5; attempt += 1) {
        await heading(other, 'Waymark is locked').waitFor();
        await wrongPassword(other);
        const left = 4 - attempt;
        if (left > 0) await expectAlert(other, `try ${left} more ${left === 1 ? 'time ' : 'times'}`);
      }
      await heading(other, 'Sign in').waitFor();
      await expectAlert(other, 'records on this laptop were deleted');
      const databases = await other.evaluate(async () =>
        (await indexedDB.databases()).map((database) => database.name ?? ''),
      );
      expect(databases.filter((name) => name.startsWith('waymark-yp-'))).toEqual([]);
      // Signing in again brings the caseload back from the server.
      await signIn(other);
      await other
        .getByRole('main')
        .getByText(names[0] ?? '')
        .first()
        .waitFor({ timeout: 30_000 });
      expect(otherErrors.filter((e) => !isExpectedNetworkError(e))).toEqual([]);
    } finally {
      await wiping.close();
    }
  });

  it('raised no page errors other than refused connections while offline', () => {
    expect(errors.filter((e) => !isExpectedNetworkError(e))).toEqual([]);
  });
});
