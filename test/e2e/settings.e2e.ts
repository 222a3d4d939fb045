import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CLEAN_PAGE, checkPage } from './support/page-check.ts';
import { collectPageErrors, launchChromium } from './support/browser.ts';
import { harness, openHarness } from './support/harness.ts';
import { openUnlocked, rememberLocalUser } from './support/lock.ts';

describe('settings: policy locks, backup and restore, wiping the laptop (Chromium)', () => {
  const e2eUrl = inject('e2eUrl');
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let store: Page;
  let errors: string[];
  let seeded: string[];

  beforeAll(async () => {
    browser = await launchChromium();
    context = await browser.newContext({ locale: 'en-GB', acceptDownloads: true });
    store = await context.newPage();
    await openHarness(store, e2eUrl);
    seeded = await harness(store, 'seedSynthetic', 31, 6);
    page = await context.newPage();
    errors = collectPageErrors(page);
    await rememberLocalUser(context, e2eUrl);
    await openUnlocked(page, new URL('renderer/index.html#/settings', e2eUrl).toString());
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows each policy value and whether IT has locked it', async () => {
    await page.getByRole('heading', { name: 'Connection and security' }).waitFor();
    expect(await page.getByText('None: records stay on this laptop only').count()).toBe(1);
    expect(await page.getByText('Not set by policy').count()).toBe(5); // a browser has no managed policy
    expect(await page.getByText('Sign in again with your username').count()).toBe(1);
    expect(await page.getByText('Updates are installed by the desktop app').count()).toBe(1);
    expect(await checkPage(page)).toEqual(CLEAN_PAGE);
  });

  it('downloads a backup of every record', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download a backup of all records' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^waymark-backup-\d{4}-\d{2}-\d{2}\.json$/);
    const backup = JSON.parse(readFileSync(await download.path(), 'utf8')) as { records: { id: string }[] };
    expect(backup.records.map((r) => r.id).sort()).toEqual([...seeded].sort());
    await page.getByText(`Backup downloaded: ${seeded.length} records.`).waitFor();
  });

  it('refuses a damaged backup whole, naming the record, and restores a good one', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download a backup of all records' }).click(),
    ]);
    const good = readFileSync(await download.path(), 'utf8');
    const parsed = JSON.parse(good) as { records: { id: string; state: string }[] };
    const damaged = JSON.stringify({
      ...parsed,
      records: [...parsed.records, { id: 'broken-1', state: 'bm90IGEgcmVjb3Jk' }],
    });
    const input = page.getByLabel('Restore from a backup file');
    await input.setInputFiles({
      name: 'damaged.json',
      mimeType: 'application/json',
      buffer: Buffer.from(damaged),
    });
    await page.getByText('The backup was not restored, and nothing was changed').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain(
      `Record ${parsed.records.length + 1} (broken-1)`,
    );
    expect(await harness(store, 'recordIds')).not.toContain('broken-1');
    expect(await checkPage(page)).toEqual(CLEAN_PAGE);

    await input.setInputFiles({ name: 'good.json', mimeType: 'application/json', buffer: Buffer.from(good) });
    await page.getByText(`Restored ${seeded.length} records from the backup.`).waitFor();
  });

  it('removes every record and paused visit from the laptop after a confirmation that names them', async () => {
    await page.getByRole('button', { name: 'Remove all Waymark data from this laptop' }).click();
    await page.getByText('Remove every record and setting from this laptop and sign out?').waitFor();
    expect(await checkPage(page)).toEqual(CLEAN_PAGE);
    await page.getByRole('button', { name: 'No, keep it' }).click();
    expect(await harness(store, 'recordIds')).toHaveLength(seeded.length);
    // A change the sync server has not confirmed: the confirmation names the record, and removing it
    // needs its own, explicit choice.
    const first = seeded[0] ?? '';
    expect(
      await harness(store, 'addContact', first, {
        id: 'wipe-unconfirmed-1',
        at: '2026-11-20T10:30:00Z',
        method: 'phone',
        by: 'synthetic-worker',
        seen: false,
        seenAlone: false,
        outcome: 'contact-made',
        notes: '',
      }),
    ).toEqual({ ok: true, value: null });
    await page.getByRole('button', { name: 'Remove all Waymark data from this laptop' }).click();
    await page.getByText('1 record has changes not yet on the sync server').waitFor();
    expect(await page.getByText('(never on the server)').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Yes, remove everything' }).count()).toBe(0);
    expect(await checkPage(page)).toEqual(CLEAN_PAGE);
    await page.getByRole('button', { name: 'No, keep it' }).click();
    expect(await harness(store, 'recordIds')).toHaveLength(seeded.length);
    // A paused home visit is case data kept only on this laptop: the confirmation names it too.
    await page.evaluate((id) => (location.hash = `#/young-people/${id}/visit`), first);
    const visitHeading = page.getByRole('heading', { level: 1, name: /^Home visit: / });
    const name = (await visitHeading.innerText()).replace(/^Home visit: /, '');
    await page.getByLabel('Time').fill('10:30');
    await page.getByText(/Draft kept on this laptop/).waitFor();
    await page.getByRole('button', { name: 'Pause visit' }).click();
    // Pausing goes back to the record, which offers to resume.
    await page.getByRole('link', { name: `Resume visit with ${name}` }).waitFor();
    await page.evaluate(() => (location.hash = '#/settings'));
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    await page.getByRole('button', { name: 'Remove all Waymark data from this laptop' }).click();
    await page
      .getByText(
        '1 record has changes not yet on the sync server, and 1 paused home visit is kept only on this laptop',
      )
      .waitFor();
    expect(
      await page
        .getByText(new RegExp(`^Paused home visit with ${name}, started \\d{1,2} [A-Z][a-z]{2} \\d{4}$`))
        .count(),
    ).toBe(1);
    expect(await checkPage(page)).toEqual(CLEAN_PAGE);
    await store.close(); // the other tab lets go of the databases
    await page.getByRole('button', { name: 'Remove everything and lose these changes' }).click();
    await page.getByText('All Waymark records and settings were removed from this laptop.').waitFor();
    const check = await context.newPage();
    await openHarness(check, e2eUrl);
    expect(await harness(check, 'recordIds')).toEqual([]);
    const databases = await check.evaluate(async () => (await indexedDB.databases()).map((db) => db.name));
    expect(databases).not.toContain('waymark-visit-drafts');
  });

  it('raised no page errors', () => {
    expect(errors).toEqual([]);
  });
});
