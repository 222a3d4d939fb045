import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { docNameFor } from '../../shared/protocol.ts';
import { format } from 'date-fns';
import { projectDoc } from '../../shared/ydoc/projection.ts';
import type { RunningServer } from '../../server/server.ts';
import { startDemoServer } from './support/demo-server.ts';
import { DEMO_PASSWORD } from '../../server/seed-demo.ts';
import { CLEAN_PAGE, checkPage } from './support/page-check.ts';
import { collectPageErrors, isExpectedNetworkError, launchChromium } from './support/browser.ts';
import { unlock } from './support/lock.ts';

/** The names of the active young people (still supported) the server holds for a PA, from the stored Y.Docs. */
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

describe('signing in through the app and syncing the caseload (real server, real Chromium)', () => {
  const e2eUrl = inject('e2eUrl');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'waymark-e2e-signin-'));
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    server = await startDemoServer(dataDir);
    browser = await launchChromium();
    const context = await browser.newContext({ locale: 'en-GB' });
    // The sync server address, as `npm start` (or managed policy in Electron) would give it.
    await context.route('**/waymark-config.json', (route) =>
      route.fulfill({ json: { syncServerUrl: server.url } }),
    );
    page = await context.newPage();
    errors = collectPageErrors(page);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a wrong password with a clear message, and the sign-in page is accessible', async () => {
    await page.goto(new URL('renderer/index.html#/sign-in', e2eUrl).toString());
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await page.getByLabel('Username').fill('pa.alex');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    // The server's password hash takes a while on a loaded machine: wait for the answer.
    await expect
      .poll(() => page.getByRole('alert').textContent(), { timeout: 30_000 })
      .toMatch(/username or password/i);
    expect(await checkPage(page)).toEqual(CLEAN_PAGE);
  });

  it('signs a PA in, brings their caseload down from the server and says it is in sync', async () => {
    const expected = await caseloadNames(server, 'pa.alex');
    expect(expected.length).toBeGreaterThan(5);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'My caseload' }).waitFor();
    await expect
      .poll(() => page.getByRole('status').first().textContent(), { timeout: 30_000 })
      .toMatch(/in sync/);
    const main = page.getByRole('main');
    for (const name of expected)
      await main.getByText(name, { exact: false }).first().waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByText(/Last synced/).count(), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await checkPage(page)).toEqual(CLEAN_PAGE);
  });

  it('keeps the caseload after a reload with the server gone (offline), behind the lock screen', async () => {
    const expected = await caseloadNames(server, 'pa.alex');
    await server.stop();
    await page.reload();
    await unlock(page, DEMO_PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'My caseload' }).waitFor();
    const main = page.getByRole('main');
    for (const name of expected) await main.getByText(name, { exact: false }).first().waitFor();
  });

  it('raised no page errors other than the refused sign-in and the stopped server', () => {
    expect(errors.filter((e) => !isExpectedNetworkError(e))).toEqual([]);
  });
});
