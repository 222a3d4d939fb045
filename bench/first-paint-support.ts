/**
 * What the first-paint bench (first-paint.bench.ts) and its trace (first-paint-trace.ts) share: the
 * seeded caseload of synthetic young people and a cold page (HTTP cache off) for each run.
 */
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { harness, openHarness } from '../test/e2e/support/harness.ts';
import { LOCAL_PASSWORD, LOCAL_USER } from '../test/e2e/support/lock.ts';

export { LOCAL_PASSWORD };

/** Seeds `count` synthetic young people (seed 2026) and the local user who unlocks, at `url`'s origin. */
export async function seedCaseload(context: BrowserContext, url: string, count: number): Promise<void> {
  const seeder = await context.newPage();
  await openHarness(seeder, url);
  await harness(seeder, 'seedSyntheticTimed', 2026, count, 8);
  await harness(seeder, 'rememberLocalUser', LOCAL_USER.displayName, LOCAL_USER.username, LOCAL_PASSWORD);
  await harness(seeder, 'closeAll');
  await seeder.close();
}

/** A new page with the HTTP cache off, running `initScript` before the app's scripts. */
export async function coldPage(
  context: BrowserContext,
  initScript: () => void,
): Promise<{ page: Page; cdp: CDPSession }> {
  const page = await context.newPage();
  await page.addInitScript(initScript);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  return { page, cdp };
}
