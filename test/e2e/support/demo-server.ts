/**
 * A real sync server with the demo accounts, a Chromium, and people signed in through the app's
 * harness, for browser tests that need several laptops against one server. Call inside a `describe`:
 * it registers the beforeAll/afterAll that start and stop both.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startServer, type RunningServer } from '../../../server/server.ts';
import { DEMO_PASSWORD } from '../../../server/seed-demo.ts';
import { collectPageErrors, launchChromium } from './browser.ts';
import { harness, openHarness } from './harness.ts';

export interface DemoServerWorld {
  /** The running server (after beforeAll). */
  server(): RunningServer;
  /** The Chromium (after beforeAll), for laptops set up by the test itself. */
  browser(): Browser;
  /** A new laptop (browser context) on which `username` has signed in through the app. */
  signedIn(username: string, password?: string): Promise<Page>;
  /**
   * A new laptop (browser context, 1366×768) showing the app itself at `hash`, told the server's address
   * as `npm start` or managed policy would, with no one signed in yet.
   */
  app(hash: string): Promise<Page>;
  /** Page errors, one list per laptop. */
  readonly errors: string[][];
}

/**
 * A real sync server on a free loopback port, with the demo accounts (and, by default, the synthetic demo
 * caseload) in a SQLite file under `dataDir`; silent.
 */
export function startDemoServer(
  dataDir: string,
  options: { readonly demoCaseload?: boolean } = {},
): Promise<RunningServer> {
  return startServer({
    sqlitePath: path.join(dataDir, 'waymark.sqlite'),
    port: 0,
    seedDemo: true,
    demoCaseload: options.demoCaseload ?? true,
    log: () => undefined,
  });
}

export function demoServerWorld(
  e2eUrl: string,
  name: string,
  options: { readonly demoCaseload?: boolean } = {},
): DemoServerWorld {
  const dataDir = mkdtempSync(path.join(tmpdir(), `waymark-e2e-${name}-`));
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const errors: string[][] = [];

  beforeAll(async () => {
    server = await startDemoServer(dataDir, { demoCaseload: options.demoCaseload ?? false });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const running = (): RunningServer => {
    if (!server) throw new Error('the demo server has not started (call inside a describe)');
    return server;
  };
  const laptop = async (): Promise<Page> => {
    if (!browser) throw new Error('Chromium has not started (call inside a describe)');
    const context = await browser.newContext({
      locale: 'en-GB',
      timezoneId: 'Europe/London',
      viewport: { width: 1366, height: 768 },
    });
    const page = await context.newPage();
    errors.push(collectPageErrors(page));
    return page;
  };
  return {
    server: running,
    browser() {
      if (!browser) throw new Error('Chromium has not started (call inside a describe)');
      return browser;
    },
    errors,
    async app(hash) {
      const page = await laptop();
      await page
        .context()
        .route('**/waymark-config.json', (route) =>
          route.fulfill({ json: { syncServerUrl: running().url } }),
        );
      await page.goto(new URL(`renderer/index.html${hash}`, e2eUrl).toString());
      return page;
    },
    async signedIn(username, password = DEMO_PASSWORD) {
      const page = await laptop();
      await openHarness(page, e2eUrl);
      const result = await harness(page, 'signIn', running().url, username, password);
      if (!result.ok) throw new Error(`sign-in of ${username} failed: ${result.error}`);
      return page;
    },
  };
}
