/**
 * The caseload's first screen at 1366×768 (a council laptop): the counts of what needs doing first do
 * not fill it; the first young person is on screen on load, without scrolling. Axe-clean.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { collectPageErrors, launchChromium, newContext } from './support/browser.ts';
import { harness, openHarness } from './support/harness.ts';
import { openUnlocked, rememberLocalUser } from './support/lock.ts';
import { CLEAN_PAGE, checkPage } from './support/page-check.ts';

describe('the caseload’s first screen at 1366×768', () => {
  const e2eUrl = inject('e2eUrl');
  const appUrl = new URL('renderer/index.html', e2eUrl).toString();
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    browser = await launchChromium();
    const context = await newContext(browser);
    await rememberLocalUser(context, e2eUrl);
    page = await context.newPage();
    await page.setViewportSize({ width: 1366, height: 768 });
    errors = collectPageErrors(page);
    await openHarness(page, e2eUrl);
    expect(await harness(page, 'seedSynthetic', 7, 30)).toHaveLength(30);
    await openUnlocked(page, `${appUrl}#/`);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the first young person without scrolling', async () => {
    await page.getByRole('heading', { level: 1, name: 'My caseload' }).waitFor();
    const firstRow = page.locator('table.caseload tbody tr').first();
    await firstRow.waitFor();
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    const box = await firstRow.boundingBox();
    expect(box).not.toBeNull();
    // The whole row: its top and its bottom are inside the 768-pixel-high window.
    expect(box?.y ?? -1).toBeGreaterThanOrEqual(0);
    expect((box?.y ?? 0) + (box?.height ?? Infinity)).toBeLessThanOrEqual(768);
    // Every count of what needs doing first is there too.
    expect(await page.locator('.count-button').count()).toBe(6);
  });

  it('is axe-clean, shows no ids or internal keys, and raised no page errors', async () => {
    expect(await checkPage(page)).toEqual(CLEAN_PAGE);
    expect(errors).toEqual([]);
  });
});
