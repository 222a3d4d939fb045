/**
 * Sessions and device keys in the real app (Chromium, real sync server): the device's private key is a
 * non-extractable CryptoKey in IndexedDB; signing out ends the session on the server; when an
 * administrator resets the password, the app stops syncing and asks the user to sign in again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { cliActor, setPassword } from '../../server/admin-ops.ts';
import { startServer, type RunningServer } from '../../server/server.ts';
import { DEMO_PASSWORD } from '../../server/seed-demo.ts';
import { collectPageErrors, isExpectedNetworkError, launchChromium } from './support/browser.ts';
import { harness, openHarness } from './support/harness.ts';

describe('sessions and device keys in the app (real server, real Chromium)', () => {
  const e2eUrl = inject('e2eUrl');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'waymark-e2e-sessions-'));
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const errors: string[][] = [];

  async function signedIn(username: string, password = DEMO_PASSWORD): Promise<Page> {
    const context = await browser.newContext({ locale: 'en-GB' });
    contexts.push(context);
    const page = await context.newPage();
    errors.push(collectPageErrors(page));
    await openHarness(page, e2eUrl);
    const result = await harness(page, 'signIn', server.url, username, password);
    if (!result.ok) throw new Error(`sign-in of ${username} failed: ${result.error}`);
    return page;
  }

  beforeAll(async () => {
    server = await startServer({
      sqlitePath: path.join(dataDir, 'waymark.sqlite'),
      port: 0,
      seedDemo: true,
      log: () => undefined,
    });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('enrols a device key whose private half is a non-extractable CryptoKey', async () => {
    const page = await signedIn('pa.sam');
    const facts = await harness(page, 'deviceKeyFacts');
    expect(facts).toMatchObject({ isCryptoKey: true, extractable: false, exportRefused: true });
    const enrolled = await server.store.auth.getDeviceKey(facts?.deviceId ?? '');
    expect(enrolled?.userId).toBe((await server.store.getUserByUsername('pa.sam'))?.id);
  });

  it('signing out in the app ends the session on the server', async () => {
    const page = await signedIn('tm.morgan');
    const user = await server.store.getUserByUsername('tm.morgan');
    await harness(page, 'signOut');
    expect(await harness(page, 'sessionUser')).toBeNull();
    const ended = await server.store.queryAudit({ event: 'session.ended', userId: user?.id ?? '' });
    expect(ended.some((row) => row.detail?.startsWith('signed-out'))).toBe(true);
  });

  it('after a password reset the app asks the user to sign in again', async () => {
    const page = await signedIn('pa.alex');
    expect(await harness(page, 'sessionUser')).not.toBeNull();
    await setPassword(server.store, 'pa.alex', 'a new password for alex', cliActor('e2e'));
    await server.recheckAccess();
    await harness(page, 'syncNow');
    await expect.poll(() => harness(page, 'sessionUser'), { timeout: 20_000 }).toBeNull();
    expect(await harness(page, 'sessionNotice')).toMatch(/sign in again/i);
  });

  it('raised no page errors (refused requests are expected: the session was ended on purpose)', () => {
    expect(errors.flat().filter((e) => !isExpectedNetworkError(e))).toEqual([]);
  });
});
