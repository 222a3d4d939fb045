/**
 * Team settings and people by name across laptops (issues 14 and 16), in the real app against a real
 * sync server with the demo accounts: the team manager changes the contact threshold on the Team settings
 * page (a bad value first, refused with a plain message), and the PA's caseload uses it after the PA's
 * laptop syncs; the manager sees the PA by name on the record, the manager's oversight note shows the
 * manager's name, the PA's laptop names the manager in the record's history and in the conflict panel when
 * both set a field differently, and names a local-offer item the manager added in the record's history.
 * Every page visited passes
 * checkPage (axe-core, no ids or internal keys as text).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { format } from 'date-fns';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import * as Y from 'yjs';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings.ts';
import { docNameFor } from '../../shared/protocol.ts';
import { projectDoc } from '../../shared/ydoc/projection.ts';
import { DEMO_PASSWORD } from '../../server/seed-demo.ts';
import type { RunningServer } from '../../server/server.ts';
import { startDemoServer } from './support/demo-server.ts';
import { collectPageErrors, isExpectedNetworkError, launchChromium } from './support/browser.ts';
import { unlock } from './support/lock.ts';
import { CLEAN_PAGE, checkPage } from './support/page-check.ts';

interface Pick {
  readonly weeks: number;
  readonly id: string;
  readonly name: string;
}

/** A contact threshold that turns one of the PA's young people from "In touch" to "Not in touch". */
async function thresholdThatMatters(server: RunningServer, username: string): Promise<Pick> {
  const user = await server.store.getUserByUsername(username);
  if (!user) throw new Error(`no demo user ${username}`);
  const today = format(new Date(), 'yyyy-MM-dd');
  const docs: { id: string; doc: Y.Doc }[] = [];
  for (const assignment of await server.store.listAssignmentsForPa(user.id)) {
    const state = await server.store.loadDoc(docNameFor(assignment.youngPersonId));
    if (!state) continue;
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    docs.push({ id: assignment.youngPersonId, doc });
  }
  for (let weeks = DEFAULT_SETTINGS.contactThresholdWeeks - 1; weeks >= 1; weeks -= 1)
    for (const { id, doc } of docs) {
      const before = projectDoc(doc, today);
      const after = projectDoc(doc, today, { ...DEFAULT_SETTINGS, contactThresholdWeeks: weeks });
      if (before.active && before.inTouchState === 'in-touch' && after.inTouchState === 'not-in-touch')
        return { weeks, id, name: before.displayName };
    }
  throw new Error('no demo young person whose in-touch state a shorter threshold changes');
}

describe('team settings and names across laptops (real server, real Chromium)', () => {
  const e2eUrl = inject('e2eUrl');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'waymark-e2e-team-settings-'));
  let server: RunningServer;
  let browser: Browser;
  let pick: Pick;
  const errors: string[][] = [];
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startDemoServer(dataDir);
    browser = await launchChromium();
    pick = await thresholdThatMatters(server, 'pa.alex');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const app = (route: string) => new URL(`renderer/index.html#${route}`, e2eUrl).toString();

  /** A laptop of its own on which `username` signs in through the app's sign-in page. */
  async function laptop(username: string): Promise<Page> {
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1366, height: 768 } });
    contexts.push(context);
    await context.route('**/waymark-config.json', (route) =>
      route.fulfill({ json: { syncServerUrl: server.url } }),
    );
    const page = await context.newPage();
    errors.push(collectPageErrors(page));
    await page.goto(app('/sign-in'));
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: /^(My|Team) caseload$/ }).waitFor({ timeout: 30_000 });
    await expect
      .poll(() => page.getByRole('status').first().textContent(), { timeout: 30_000 })
      .toMatch(/in sync/);
    return page;
  }

  /** The caseload's in-touch cell of a young person's row ("In touch", then the last contact date). */
  const inTouchCell = (page: Page, name: string, state: RegExp) =>
    page
      .getByRole('main')
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name }) })
      .getByRole('cell')
      .filter({ hasText: state });

  let pa: Page;
  let manager: Page;

  it('the PA’s caseload starts with the standard contact threshold', async () => {
    pa = await laptop('pa.alex');
    await inTouchCell(pa, pick.name, /^In touch/).waitFor({ timeout: 30_000 });
    expect(await checkPage(pa)).toEqual(CLEAN_PAGE);
  });

  it('a team manager is told plainly about a bad value, then changes the contact threshold', async () => {
    manager = await laptop('tm.morgan');
    await manager.goto(app('/team/settings'));
    await manager.getByRole('heading', { level: 1, name: 'Team settings' }).waitFor();
    const threshold = manager.getByLabel('Contact threshold, in weeks');
    await expect.poll(() => threshold.inputValue(), { timeout: 30_000 }).toBe('8');
    expect(await checkPage(manager)).toEqual(CLEAN_PAGE);

    await threshold.fill('0');
    await manager.getByRole('button', { name: 'Save team settings' }).click();
    const summary = manager.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary
      .getByRole('link', { name: 'Contact threshold must be a whole number from 1 to 52' })
      .waitFor();
    await expect
      .poll(() => manager.evaluate(() => document.activeElement?.textContent ?? ''))
      .toMatch(/There is a problem/);
    expect(await checkPage(manager)).toEqual(CLEAN_PAGE);
    expect(
      await server.store.getTeamSettings((await server.store.getTeamByName('Demo Team North'))?.id ?? ''),
    ).toBeNull();

    await threshold.fill(String(pick.weeks));
    await manager.getByRole('button', { name: 'Save team settings' }).click();
    await manager.getByText('Team settings saved.').waitFor({ timeout: 30_000 });
    expect(await checkPage(manager)).toEqual(CLEAN_PAGE);
    const team = await server.store.getTeamByName('Demo Team North');
    const stored = await server.store.getTeamSettings(team?.id ?? '');
    expect(stored?.settings).toMatchObject({ contactThresholdWeeks: pick.weeks });
    const audit = await server.store.queryAudit({ event: 'team.settings-changed' });
    expect(audit[0]?.detail).toBe(`team=${team?.id} changed=contactThresholdWeeks`);
  });

  it('the PA’s caseload uses the new threshold after the PA’s laptop syncs', async () => {
    await pa.reload();
    await unlock(pa, DEMO_PASSWORD);
    await pa.getByRole('heading', { level: 1, name: 'My caseload' }).waitFor();
    await inTouchCell(pa, pick.name, /^Not in touch/).waitFor({ timeout: 30_000 });
    expect(await checkPage(pa)).toEqual(CLEAN_PAGE);
  });

  it('the manager sees the PA by name on the record, and their own name on an oversight note', async () => {
    await manager.goto(app(`/young-people/${encodeURIComponent(pick.id)}`));
    await manager.getByRole('heading', { level: 1, name: pick.name }).waitFor({ timeout: 30_000 });
    await manager.getByText('Alex Demo (PA)', { exact: true }).first().waitFor({ timeout: 30_000 });
    expect(await checkPage(manager)).toEqual(CLEAN_PAGE);

    await manager.goto(app(`/team/person/${encodeURIComponent(pick.id)}`));
    await manager
      .getByLabel('Oversight note or decision')
      .fill('Synthetic decision: agree a re-contact plan.');
    await manager.getByRole('button', { name: 'Save oversight note' }).click();
    await manager.getByText('Oversight note saved.').waitFor();
    const note = manager.getByTestId('oversight-notes').getByRole('listitem').filter({
      hasText: 'Synthetic decision: agree a re-contact plan.',
    });
    await note.getByText(/Morgan Demo \(Team manager\)/).waitFor();
    expect(await checkPage(manager)).toEqual(CLEAN_PAGE);
  });

  it('the PA’s laptop names the manager in the record’s history once it has synced', async () => {
    await expect
      .poll(async () => (await server.store.listDocHistory(docNameFor(pick.id))).length, { timeout: 30_000 })
      .toBeGreaterThan(1);
    await pa.reload();
    await unlock(pa, DEMO_PASSWORD);
    await pa.goto(app(`/young-people/${encodeURIComponent(pick.id)}/history`));
    await pa.getByRole('heading', { level: 2, name: 'History' }).waitFor({ timeout: 30_000 });
    await pa.getByRole('main').getByText('Morgan Demo (Team manager)').first().waitFor({ timeout: 60_000 });
    expect(await checkPage(pa)).toEqual(CLEAN_PAGE);
  });

  it('the conflict panel names the manager to the PA when both set a field differently', async () => {
    const preferredName = async (page: Page, value: string) => {
      await page.getByRole('button', { name: 'Change details' }).click();
      await page.getByLabel('Preferred name').fill(value);
      await page.getByRole('button', { name: 'Save details' }).click();
      await page.getByRole('button', { name: 'Change details' }).waitFor();
    };
    const historyRows = async () => (await server.store.listDocHistory(docNameFor(pick.id))).length;
    await pa.goto(app(`/young-people/${encodeURIComponent(pick.id)}`));
    await pa.getByRole('button', { name: 'Change details' }).waitFor({ timeout: 30_000 });
    await pa.context().setOffline(true);
    await preferredName(pa, 'Synthetic Sky');
    await manager.goto(app(`/young-people/${encodeURIComponent(pick.id)}`));
    await manager.getByRole('button', { name: 'Change details' }).waitFor({ timeout: 30_000 });
    const before = await historyRows();
    await preferredName(manager, 'Synthetic Skye');
    await expect.poll(historyRows, { timeout: 30_000 }).toBeGreaterThan(before);
    await pa.context().setOffline(false);
    const panel = pa.getByRole('region', { name: 'Two people recorded different values while offline' });
    await panel.waitFor({ timeout: 90_000 });
    await expect
      .poll(async () => (await panel.textContent()) ?? '', { timeout: 30_000 })
      .toMatch(/Synthetic Skye — recorded by Morgan Demo \(Team manager\) on/);
    expect(await panel.textContent()).toMatch(/Synthetic Sky — recorded by Alex Demo \(PA\) on/);
    expect(await checkPage(pa)).toEqual(CLEAN_PAGE);
  });

  it('a local-offer item the manager adds is named in the record’s history on the PA’s laptop', async () => {
    const item = 'Synthetic gym membership';
    await manager.goto(app('/team/settings'));
    await manager.getByRole('heading', { level: 1, name: 'Team settings' }).waitFor();
    await manager.getByRole('button', { name: 'Add an item to the local offer' }).click();
    await manager
      .getByLabel(/^Item \d+: name$/)
      .last()
      .fill(item);
    await manager.getByRole('button', { name: 'Save team settings' }).click();
    await manager.getByText('Team settings saved.').waitFor({ timeout: 30_000 });

    // The PA's laptop fetches the team's settings after it syncs (a reload signs in again and syncs).
    await pa.reload();
    await unlock(pa, DEMO_PASSWORD);
    await pa.goto(app(`/young-people/${encodeURIComponent(pick.id)}/entitlements`));
    const line = pa
      .getByRole('listitem')
      .filter({ has: pa.getByRole('heading', { name: new RegExp(`^${item}:`) }) });
    await line.waitFor({ timeout: 60_000 });
    await line.getByText(item).first().click();
    await line.getByLabel('Where it stands').selectOption({ label: 'Applied for' });
    await line.getByRole('button', { name: `Save ${item}` }).click();
    await pa.getByText(`${item} saved.`).waitFor();

    await pa.goto(app(`/young-people/${encodeURIComponent(pick.id)}/history`));
    await pa.getByRole('heading', { level: 2, name: 'History' }).waitFor({ timeout: 30_000 });
    await pa.getByRole('main').getByText(`Entitlement, ${item}`).first().waitFor({ timeout: 30_000 });
    expect(await pa.getByRole('main').getByText('An item no longer in the local offer').count()).toBe(0);
    expect(await checkPage(pa)).toEqual(CLEAN_PAGE);
  });

  it('raised no page errors', () => {
    expect(errors.flat().filter((e) => !isExpectedNetworkError(e))).toEqual([]);
  });
});
