import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { HarnessContactInput, HarnessProfileInput } from '../harness/harness-api.ts';
import {
  CHROMIUM_ARGS,
  CHROMIUM_PATH,
  collectPageErrors,
  launchChromium,
  newContext,
} from './support/browser.ts';
import { harness, openHarness } from './support/harness.ts';
import { openUnlocked, rememberLocalUser } from './support/lock.ts';

const profile = (n: number): HarnessProfileInput => ({
  id: `e2e-yp-${n}`,
  givenName: `Testa${n}`,
  familyName: 'Synthetic',
  dateOfBirth: '2008-05-14',
  teamId: 'team-north',
  allocatedPaId: 'pa-1',
  category: 'relevant',
  dateLeftCare: '2025-06-01',
});

const contact = (n: number, at = '2026-11-20T10:30:00Z'): HarnessContactInput => ({
  id: `c-${n}`,
  at,
  method: 'home-visit',
  by: 'pa-1',
  seen: true,
  seenAlone: true,
  outcome: 'contact-made',
  notes: `Synthetic note ${n}`,
});

describe('local record store in Chromium (y-indexeddb + Dexie projection)', () => {
  const e2eUrl = inject('e2eUrl');
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    browser = await launchChromium();
    context = await newContext(browser);
    page = await context.newPage();
    errors = collectPageErrors(page);
    await openHarness(page, e2eUrl);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('creates and edits records, and after a reload everything is still there', async () => {
    for (const n of [1, 2, 3])
      expect(await harness(page, 'create', profile(n))).toEqual({ ok: true, value: null });
    expect(await harness(page, 'addContact', 'e2e-yp-2', contact(1))).toEqual({ ok: true, value: null });
    const recordBefore = await harness(page, 'read', 'e2e-yp-2');
    const rowsBefore = await harness(page, 'caseload');
    expect(rowsBefore).toHaveLength(3);

    await page.reload();
    await page.waitForFunction(() => window.waymarkHarness !== undefined);
    expect(await harness(page, 'recordIds')).toEqual(['e2e-yp-1', 'e2e-yp-2', 'e2e-yp-3']);
    expect(await harness(page, 'read', 'e2e-yp-2')).toEqual(recordBefore);
    expect(await harness(page, 'caseload')).toEqual(rowsBefore);
    const row = (rowsBefore as { id: string; lastContact: string | null }[]).find((r) => r.id === 'e2e-yp-2');
    expect(row?.lastContact).toBe('2026-11-20T10:30:00Z');
  });

  it('refuses an invalid edit with a specific error and stores nothing', async () => {
    const before = await harness(page, 'read', 'e2e-yp-1');
    const result = await harness(page, 'addContact', 'e2e-yp-1', {
      ...contact(9),
      at: '2001-01-01T10:00:00Z',
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/at/);
    const bad = await harness(page, 'addContact', 'e2e-yp-1', { ...contact(10), method: 'carrier-pigeon' });
    expect(!bad.ok && bad.error).toMatch(/method/);
    expect(await harness(page, 'read', 'e2e-yp-1')).toEqual(before);
  });

  it('undoes the user’s own last edit', async () => {
    await harness(page, 'addContact', 'e2e-yp-3', contact(3));
    const withContact = (await harness(page, 'read', 'e2e-yp-3')) as { contacts: unknown[] };
    expect(withContact.contacts).toHaveLength(1);
    await harness(page, 'undo', 'e2e-yp-3');
    const undone = (await harness(page, 'read', 'e2e-yp-3')) as { contacts: unknown[] };
    expect(undone.contacts).toHaveLength(0);
  });

  it('keeps the projection equal to a full rebuild after random edits', async () => {
    await harness(page, 'seedSynthetic', 7, 25);
    const applied = await harness(page, 'randomEdits', 11, 120);
    expect(applied).toBeGreaterThan(60);
    const incremental = await harness(page, 'caseload');
    const rebuilt = await harness(page, 'rebuild');
    expect(rebuilt).toHaveLength(28);
    expect(incremental).toEqual(rebuilt);
  });

  it('recomputes the caseload when the day has changed since the rows were made', async () => {
    expect(await harness(page, 'refreshIfStale')).toBe(false);
    const tomorrow = await context.newPage();
    await openHarness(tomorrow, e2eUrl, '?today=2026-11-23');
    expect(await harness(tomorrow, 'refreshIfStale')).toBe(true);
    const rows = (await harness(tomorrow, 'caseload')) as { asOf: string }[];
    expect(new Set(rows.map((r) => r.asOf))).toEqual(new Set(['2026-11-23']));
    expect(await harness(tomorrow, 'refreshIfStale')).toBe(false);
    await tomorrow.close();
    expect(await harness(page, 'refreshIfStale')).toBe(true); // back to the 22nd for the other tests
  });

  it('opens records lazily and closes them when idle, never all at once', async () => {
    await harness(page, 'closeAll');
    expect(await harness(page, 'openIds')).toEqual([]);
    await harness(page, 'read', 'e2e-yp-1');
    expect(await harness(page, 'openIds')).toEqual(['e2e-yp-1']);
  });

  it('shows each tab the other tab’s edits on the same record', async () => {
    const second = await context.newPage();
    await openHarness(second, e2eUrl);
    await harness(page, 'read', 'e2e-yp-1'); // open in both tabs
    await harness(second, 'read', 'e2e-yp-1');
    await harness(second, 'addContact', 'e2e-yp-1', contact(21));
    await expect
      .poll(async () =>
        ((await harness(page, 'read', 'e2e-yp-1')) as { contacts: { id: string }[] }).contacts.map(
          (c) => c.id,
        ),
      )
      .toContain('c-21');
    await harness(page, 'addContact', 'e2e-yp-1', contact(22, '2026-11-21T09:00:00Z'));
    await expect
      .poll(async () =>
        ((await harness(second, 'read', 'e2e-yp-1')) as { contacts: { id: string }[] }).contacts.map(
          (c) => c.id,
        ),
      )
      .toEqual(expect.arrayContaining(['c-21', 'c-22']));
    await second.close();
  });

  it('exports a backup and imports it back; a bad backup is refused whole with a reason per record', async () => {
    const backup = await harness(page, 'exportBackup', ['e2e-yp-1', 'e2e-yp-2']);
    const parsed = JSON.parse(backup) as { records: { id: string; state: string }[] };
    expect(parsed.records.map((r) => r.id)).toEqual(['e2e-yp-1', 'e2e-yp-2']);

    const idsBefore = await harness(page, 'recordIds');
    const broken = JSON.stringify({
      ...parsed,
      records: [
        { ...parsed.records[0], id: 'e2e-new-1' },
        { id: 'e2e-new-2', state: 'bm90IGEgeWpzIHVwZGF0ZQ==' },
      ],
    });
    const refused = await harness(page, 'importBackup', broken);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error).toMatch(/Record 2 \(e2e-new-2\)/);
    expect(await harness(page, 'recordIds')).toEqual(idsBefore); // nothing half-imported

    const notJson = await harness(page, 'importBackup', '{"format":');
    expect(!notJson.ok && notJson.error).toMatch(/not JSON/);

    const ok = await harness(page, 'importBackup', backup);
    expect(ok).toEqual({ ok: true, value: ['e2e-yp-1', 'e2e-yp-2'] });
  });

  it('refuses to forget a record holding unconfirmed changes, unless told to discard them', async () => {
    expect(await harness(page, 'create', profile(7))).toEqual({ ok: true, value: null });
    expect(await harness(page, 'pending', 'e2e-yp-7')).toBe(true);
    const refused = await harness(page, 'forget', 'e2e-yp-7', false);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error).toContain('holds changes not yet on the sync server');
    expect(await harness(page, 'recordIds')).toContain('e2e-yp-7');
    expect(await harness(page, 'forget', 'e2e-yp-7', true)).toEqual({ ok: true, value: null });
    expect(await harness(page, 'recordIds')).not.toContain('e2e-yp-7');
  });

  it('shows a long caseload 50 rows at a time, most urgent first, with a button for more', async () => {
    await harness(page, 'seedSynthetic', 9, 60);
    const active = ((await harness(page, 'caseload')) as { active: boolean }[]).filter(
      (r) => r.active,
    ).length;
    expect(active).toBeGreaterThan(60);
    const app = await context.newPage();
    await rememberLocalUser(context, e2eUrl);
    await openUnlocked(app, new URL('renderer/index.html#/', e2eUrl).toString());
    const rows = app.locator('table.caseload tbody tr');
    await expect.poll(() => rows.count()).toBe(50);
    const more = app.getByRole('button', { name: /^Show \d+ more/ });
    expect(await more.textContent()).toContain(`(${active - 50} not shown)`);
    await more.click();
    await expect.poll(() => rows.count()).toBe(Math.min(active, 100));
    await app.close();
  });

  it('raised no page errors', () => {
    expect(errors).toEqual([]);
  });
});

describe('durability: the browser killed right after an edit returns', () => {
  const e2eUrl = inject('e2eUrl');
  const profileDir = mkdtempSync(path.join(tmpdir(), 'waymark-e2e-profile-'));

  afterAll(() => rmSync(profileDir, { recursive: true, force: true }));

  async function launchWithProfile(): Promise<BrowserContext> {
    return chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      locale: 'en-GB',
    });
  }

  it('keeps the edit', async () => {
    const first = await launchWithProfile();
    const page = first.pages()[0] ?? (await first.newPage());
    await openHarness(page, e2eUrl);
    expect(await harness(page, 'create', profile(50))).toEqual({ ok: true, value: null });
    expect(await harness(page, 'addContact', 'e2e-yp-50', contact(50))).toEqual({ ok: true, value: null });
    // SIGKILL every Chromium process of this profile: no shutdown, no flush.
    execFileSync('pkill', ['-KILL', '-f', '--', `user-data-dir=${profileDir}`]);
    await first.close().catch(() => undefined);

    const second = await launchWithProfile();
    const again = second.pages()[0] ?? (await second.newPage());
    await openHarness(again, e2eUrl);
    const record = (await harness(again, 'read', 'e2e-yp-50')) as { contacts: { id: string }[] };
    expect(record.contacts.map((c) => c.id)).toEqual(['c-50']);
    const rows = (await harness(again, 'caseload')) as { id: string }[];
    expect(rows.map((r) => r.id)).toContain('e2e-yp-50');
    await second.close();
  });
});
