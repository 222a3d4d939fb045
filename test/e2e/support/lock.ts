/**
 * The app opens at the lock screen (issue 13, finding 14): nothing of the caseload shows until the person
 * at the laptop unlocks it. Tests of the app without a sync server first record a synthetic local user
 * (as a sign-in would) through the store harness, then unlock with that user's password.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { harness, openHarness } from './harness.ts';

/** The synthetic local user's password (never a real one). */
export const LOCAL_PASSWORD = 'synthetic-unlock-password';
export const LOCAL_USER = { displayName: 'Synthetic Adviser', username: 'pa.synthetic' } as const;

/** Records a synthetic user as having signed in on this laptop (the browser context's origin `e2eUrl`). */
export async function rememberLocalUser(context: BrowserContext, e2eUrl: string): Promise<void> {
  const page = await context.newPage();
  try {
    await openHarness(page, e2eUrl);
    await harness(page, 'rememberLocalUser', LOCAL_USER.displayName, LOCAL_USER.username, LOCAL_PASSWORD);
  } finally {
    await page.close();
  }
}

/** Waits for the lock screen and unlocks it with the password; resolves once the app is on screen. */
export async function unlock(page: Page, password = LOCAL_PASSWORD): Promise<void> {
  const heading = page.getByRole('heading', { level: 1, name: 'Waymark is locked' });
  await heading.waitFor();
  await page.getByLabel('Your password').fill(password);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await heading.waitFor({ state: 'detached' });
}

/** Opens `url` in the page and unlocks the app. */
export async function openUnlocked(page: Page, url: string, password = LOCAL_PASSWORD): Promise<void> {
  await page.goto(url);
  await unlock(page, password);
}

/** Reloads the page and unlocks the app again. */
export async function reloadUnlocked(page: Page, password = LOCAL_PASSWORD): Promise<void> {
  await page.reload();
  await unlock(page, password);
}
