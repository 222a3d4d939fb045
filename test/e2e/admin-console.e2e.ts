/**
 * The administrator's console in the real app (Chromium at 1366×768, real sync server with the demo
 * accounts): the administrator signs in and lands on the console, with no caseload and no way to add a
 * young person; adds a person and a team and opens the team's settings; removes a PA's laptop with the
 * keyboard after a confirmation; moves a young person's record to another team's PA by the reference the
 * team manager reads out, after a confirmation; searches the audit log by that reference and by person,
 * and checks its chain; and a typed address of a
 * record or the team view says "You do not have access". Every step is axe-clean and shows no ids or
 * internal keys (page-check.ts). Synthetic data only.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/seed-demo.ts';
import { recordReference } from '../../shared/record-reference.ts';
import { signIn, TestDevice } from '../../server/testing/device-identity.ts';
import { isExpectedNetworkError } from './support/browser.ts';
import { demoServerWorld } from './support/demo-server.ts';
import { CLEAN_PAGE, checkPage } from './support/page-check.ts';

/** Addresses of case data an administrator might type. */
const CASE_DATA_ADDRESSES = [
  '#/young-people/demo-yp-001',
  '#/young-people/new',
  '#/team',
  '#/record/demo-yp-001',
];

describe('administration console (real server, real Chromium)', () => {
  const world = demoServerWorld(inject('e2eUrl'), 'admin');
  let page: Page;
  let alexDevice: string;

  beforeAll(async () => {
    // Alex signs in on a laptop, so there is a device to remove.
    const laptop = await TestDevice.create();
    await signIn(world.server().url, 'pa.alex', DEMO_PASSWORD, laptop);
    alexDevice = laptop.id;
    page = await world.app('#/sign-in');
  });

  /** axe-clean, and no id of a person, device or record, or internal key, as text (page-check.ts). */
  async function expectCleanPage(): Promise<void> {
    expect(await checkPage(page)).toEqual(CLEAN_PAGE);
  }

  async function goTo(hash: string, heading: string | RegExp): Promise<void> {
    await page.evaluate((target) => {
      location.hash = target;
    }, hash);
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  }

  it('signs the administrator in to the console: no caseload, no way to add a young person', async () => {
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await page.getByLabel('Username').fill('admin.riley');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'People' }).waitFor({ timeout: 60_000 });
    expect(page.url()).toMatch(/#\/admin\/?$/);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect.poll(() => nav.getByRole('link', { name: 'Administration' }).count()).toBe(1);
    expect(await nav.getByRole('link', { name: 'My caseload' }).count()).toBe(0);
    expect(await page.getByText('Add a young person').count()).toBe(0);
    expect(await page.getByText('My caseload').count()).toBe(0);
    const table = page.getByRole('table', { name: 'Accounts on the sync server' });
    await table.getByRole('link', { name: 'Alex Demo (PA)' }).waitFor();
    expect(await table.getByRole('row').count()).toBe(7); // the heading row and the six demo accounts
    await expectCleanPage();
  });

  it('adds a person, whose one-time password is shown once, and adds and renames a team', async () => {
    await page.getByRole('link', { name: 'Add a person' }).click();
    await page.getByRole('heading', { level: 1, name: 'Add a person' }).waitFor();
    await page.getByRole('button', { name: 'Add person' }).click();
    await page.getByRole('heading', { level: 2, name: 'There is a problem' }).waitFor();
    expect(await page.getByRole('alert').innerText()).toMatch(
      /Enter the person’s full name[\s\S]*Enter a username/,
    );
    await expectCleanPage();
    await page.getByLabel('Full name').fill('Casey Synthetic');
    await page.getByLabel('Username').fill('pa.casey');
    await page.getByLabel('Team').selectOption({ label: 'Demo Team South' });
    await page.getByRole('button', { name: 'Add person' }).click();
    await page.getByRole('heading', { level: 1, name: 'Casey Synthetic can now sign in' }).waitFor();
    const password = (await page.getByTestId('one-time-password').innerText()).trim();
    expect(password.length).toBeGreaterThanOrEqual(12);
    await expectCleanPage();
    const casey = await signIn(world.server().url, 'pa.casey', password, await TestDevice.create());
    expect(casey.user.displayName).toBe('Casey Synthetic');

    await page
      .getByRole('navigation', { name: 'Administration' })
      .getByRole('link', { name: 'Teams' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Teams' }).waitFor();
    await page.getByLabel('Team name').fill('Synthetic East');
    await page.getByRole('button', { name: 'Add team' }).click();
    await page.getByRole('status').filter({ hasText: 'Team Synthetic East added.' }).waitFor();
    await page.getByRole('link', { name: 'Synthetic East' }).click();
    await page.getByRole('heading', { level: 1, name: 'Synthetic East' }).waitFor();
    await page.getByLabel('New team name').fill('Synthetic East Coast');
    await page.getByRole('button', { name: 'Rename team' }).click();
    await page.getByRole('heading', { level: 1, name: 'Synthetic East Coast' }).waitFor();
    await expectCleanPage();
    // the team's settings (the team-settings feature's page, embedded)
    await page.getByRole('link', { name: 'change Synthetic East Coast’s settings' }).click();
    await page.getByRole('heading', { level: 1, name: 'Team settings' }).waitFor();
    await page.getByRole('button', { name: 'Save team settings' }).waitFor();
    await expectCleanPage();
    await goTo('#/admin', 'People');
  });

  it('removes a PA’s laptop with the keyboard, after a confirmation that says what it does', async () => {
    await page.getByRole('link', { name: 'Alex Demo (PA)' }).click();
    await page.getByRole('heading', { level: 1, name: 'Alex Demo (PA)' }).waitFor();
    // Following a link puts focus at the start of the new page's content, not on the page body.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main');
    const devices = page.getByRole('table', { name: 'Devices Alex Demo (PA) has signed in on' });
    await devices.waitFor();
    expect(await devices.innerText()).toMatch(/Device first used \d{1,2} [A-Z][a-z]{2} \d{4}/);
    await expectCleanPage();

    await devices.getByRole('button', { name: /^Remove device 1/ }).focus();
    await page.keyboard.press('Enter');
    const confirm = page.getByRole('group', { name: /^Remove device first used/ });
    await confirm.waitFor();
    // focus moved to the question, and the next Tab reaches the confirming button
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('group');
    await expectCleanPage();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Yes, remove this device');
    await page.keyboard.press('Enter');
    await page
      .getByRole('status')
      .filter({ hasText: /was removed/ })
      .waitFor();
    await devices.getByText(/^Removed \d{1,2} [A-Z][a-z]{2} \d{4}$/).waitFor();
    expect((await world.server().store.getDevice(alexDevice))?.revokedAt).not.toBeNull();
    await expectCleanPage();
  });

  it('moves a record to another team’s PA by its reference, after a confirmation naming what moves', async () => {
    const reference = recordReference('demo-yp-002');
    await page
      .getByRole('navigation', { name: 'Administration' })
      .getByRole('link', { name: 'Move a record' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Move a record to another team' }).waitFor();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { level: 2, name: 'There is a problem' }).waitFor();
    expect(await page.getByRole('alert').innerText()).toMatch(
      /Enter the record reference the team manager gave you[\s\S]*Select the personal adviser/,
    );
    await expectCleanPage();
    // Read out over the phone and typed in lower case with spaces; a reference nobody has is refused.
    await page.getByLabel('Record reference').fill('bbb bbb bbb');
    await page.getByLabel('Move to personal adviser').selectOption({ label: 'Jo Demo (PA)' });
    await page.getByRole('button', { name: 'Continue' }).click();
    await page
      .getByText('No record has the reference BBB-BBB-BBB; check it with the team manager.')
      .first()
      .waitFor();
    await page.getByLabel('Record reference').fill(reference.toLowerCase().replace(/-/g, ' '));
    await page.getByRole('button', { name: 'Continue' }).click();
    const question = page.getByRole('heading', {
      level: 1,
      name: `Are you sure you want to move record ${reference} to Jo Demo (PA) in Demo Team South?`,
    });
    await question.waitFor();
    expect(await question.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.getByText('The record is now with Alex Demo (PA) in Demo Team North.').waitFor();
    expect(await page.getByTestId('move-record-moves').locator('li').count()).toBe(3);
    await expectCleanPage();
    const alex = await world.server().store.getUserByUsername('pa.alex');
    expect((await world.server().store.getAssignment('demo-yp-002'))?.paUserId).toBe(alex?.id);
    await page.getByRole('button', { name: 'Yes, move the record' }).click();
    const moved = page
      .getByRole('status')
      .filter({ hasText: `Record ${reference} has moved to Jo Demo (PA)` });
    await moved.waitFor();
    expect(await moved.evaluate((el) => el === document.activeElement)).toBe(true);
    const jo = await world.server().store.getUserByUsername('pa.jo');
    expect(await world.server().store.getAssignment('demo-yp-002')).toMatchObject({
      paUserId: jo?.id,
      teamId: jo?.teamId,
    });
    await expectCleanPage();

    // The audit log, searched by the same reference, shows the move: who, what, about whom.
    await page
      .getByRole('navigation', { name: 'Administration' })
      .getByRole('link', { name: 'Audit log' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    await page.getByLabel('Record reference (optional)').fill(reference);
    await page.getByRole('button', { name: 'Search' }).click();
    const allocation = page
      .getByTestId('audit-results')
      .getByRole('row')
      .filter({ hasText: 'Young person allocated' });
    await allocation.first().waitFor();
    expect(await allocation.first().innerText()).toMatch(
      new RegExp(
        `Riley Demo \\(Administrator\\)\\s+Young person allocated\\s+${reference}\\s+Jo Demo \\(PA\\)`,
      ),
    );
    await expectCleanPage();
    await page.getByLabel('Record reference (optional)').fill('');
  });

  it('searches the audit log by who did it and checks the log is intact', async () => {
    await page
      .getByRole('navigation', { name: 'Administration' })
      .getByRole('link', { name: 'Audit log' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    await expectCleanPage();
    const who = page.getByLabel('Done by (optional)');
    await expect.poll(() => who.locator('option').count()).toBeGreaterThan(1);
    await who.selectOption({ label: 'Riley Demo (Administrator)' });
    await page.getByRole('button', { name: 'Search' }).click();
    const results = page.getByTestId('audit-results');
    // The previous search's rows (the record's allocation) show until this search answers: wait for its row.
    const removal = results.getByRole('row').filter({ hasText: 'Device removed' });
    await removal.first().waitFor();
    expect(await removal.count()).toBe(1);
    expect(await removal.innerText()).toMatch(/Riley Demo \(Administrator\)[\s\S]*Alex Demo \(PA\)/);
    await expectCleanPage();

    // a date range with nothing in it
    await page.getByLabel('From (optional)').fill('1/1/2020');
    await page.getByLabel('To (optional)').fill('31/12/2020');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByText('No entries match.').waitFor();

    await page.getByRole('button', { name: 'Check the audit log' }).click();
    await expect
      .poll(() => page.getByTestId('audit-verify-result').textContent())
      .toMatch(/^The audit log is intact: all [\d,]+ entries check out\.$/);
    await expectCleanPage();
  });

  it('shows no case data at a typed record or team address, and the server refuses the record list', async () => {
    for (const hash of CASE_DATA_ADDRESSES) {
      await goTo(hash, 'You do not have access');
      await expectCleanPage();
    }
    await goTo('#/', 'People');
    const admin = await world.server().store.getUserByUsername('admin.riley');
    const loads = await world.server().store.queryAudit({ event: 'doc.load', userId: admin?.id ?? '' });
    expect(loads).toEqual([]);
  });

  it('raised no page errors', () => {
    expect(world.errors.flat().filter((e) => !isExpectedNetworkError(e))).toEqual([]);
  });
});
