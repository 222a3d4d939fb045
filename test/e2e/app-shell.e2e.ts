import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { CLEAN_PAGE, checkPage } from './support/page-check.ts';
import { collectPageErrors, launchChromium, newContext } from './support/browser.ts';
import { openUnlocked, rememberLocalUser, unlock } from './support/lock.ts';

describe('app shell in Chromium', () => {
  const url = inject('rendererUrl');
  const e2eUrl = inject('e2eUrl');
  const appUrl = new URL('renderer/index.html', e2eUrl).toString();
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    browser = await launchChromium();
    context = await newContext(browser);
    page = await context.newPage();
    errors = collectPageErrors(page);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('serves the app with a strict Content Security Policy, connections pinned to this machine', async () => {
    const response = await page.goto(url);
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    // The local server does not know a sync server: no https:/wss: host anywhere may be contacted.
    expect(csp).toMatch(/connect-src 'self' ws:\/\/127\.0\.0\.1:\*/);
    expect(csp).not.toMatch(/ (wss|https):( |;|$)/);
    expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').count()).toBe(1);
  });

  it('opens at the sign-in page on a laptop where no one has signed in, with no caseload', async () => {
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(await page.title()).toBe('Sign in – Waymark');
    expect(await page.getByRole('navigation').count()).toBe(0);
    expect(await page.getByText('Add a young person').count()).toBe(0);
    expect(await page.getByText('My caseload').count()).toBe(0);
    expect(await checkPage(page)).toEqual(CLEAN_PAGE);
  });

  it('once unlocked, shows the empty caseload page with a title, a heading and the navigation', async () => {
    await rememberLocalUser(context, e2eUrl);
    await openUnlocked(page, appUrl);
    await page.getByRole('heading', { level: 1, name: 'My caseload' }).waitFor();
    expect(await page.title()).toBe('My caseload – Waymark');
    expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'My caseload' }).getAttribute('aria-current')).toBe('page');
  });

  it('has no axe-core violations on the empty caseload page', async () => {
    expect(await checkPage(page)).toEqual(CLEAN_PAGE);
  });

  it('shows and announces the online/offline state', async () => {
    const status = page.getByRole('status');
    expect(await status.textContent()).toContain('Online');
    await context.setOffline(true);
    await expect.poll(() => status.textContent()).toContain('Offline');
    await context.setOffline(false);
    await expect.poll(() => status.textContent()).toContain('Online');
  });

  it('reaches every page by keyboard alone, skip link first', async () => {
    await page.goto(`${appUrl}#/`);
    await page.getByRole('heading', { level: 1, name: 'My caseload' }).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to main content');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('About this app');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'About this app' }).waitFor();
    await page.getByText('Browser version').waitFor();
    expect(await checkPage(page)).toEqual(CLEAN_PAGE);
  });

  it('hides case data behind the lock screen after the idle time, and unlocks', async () => {
    const idle = await context.newPage();
    await idle.clock.install();
    await openUnlocked(idle, appUrl);
    await idle.getByRole('heading', { level: 1, name: 'My caseload' }).waitFor();
    await idle.waitForLoadState('networkidle'); // the idle time comes with the host settings
    await idle.clock.fastForward('14:00');
    expect(await idle.getByRole('heading', { level: 1, name: 'My caseload' }).isVisible()).toBe(true);
    await idle.clock.fastForward('01:30'); // past the default 15 minutes without input
    await idle.getByRole('heading', { level: 1, name: 'Waymark is locked' }).waitFor();
    expect(await idle.getByText('the laptop was left idle').count()).toBe(1);
    expect(await idle.getByRole('heading', { name: 'My caseload' }).count()).toBe(0);
    expect(await idle.getByRole('navigation').count()).toBe(0);
    expect(await checkPage(idle)).toEqual(CLEAN_PAGE);
    await unlock(idle);
    await idle.getByRole('heading', { level: 1, name: 'My caseload' }).waitFor();
    await idle.close();
  });

  it('raised no page or console errors', () => {
    expect(errors).toEqual([]);
  });
});
