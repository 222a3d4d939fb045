/**
 * Follow-ups to the PA workspace, in Chromium against the real app and IndexedDB: change a young
 * person's details (and see a refused change named at its field), record and end a status flag and see
 * the header follow, correct a contact, remove an action and undo the removal, then reload.
 */
import { addDays, addYears, format, subDays } from 'date-fns';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CLEAN_PAGE, checkPage } from './support/page-check.ts';
import { collectPageErrors, launchChromium, newContext } from './support/browser.ts';
import { openUnlocked, reloadUnlocked, rememberLocalUser } from './support/lock.ts';

const today = new Date();
const uk = (date: Date) => format(date, 'd/M/yyyy');
const ukLong = (date: Date) => format(date, 'd MMM yyyy');
/** Aged 17 and a bit. */
const dateOfBirth = subDays(addYears(today, -17), 100);
const threeDaysAgo = subDays(today, 3);

describe('Editing a record in Chromium', () => {
  const appUrl = new URL('renderer/index.html', inject('e2eUrl')).toString();
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let recordId = '';

  const heading = (name: string | RegExp, level = 1) => page.getByRole('heading', { level, name });
  const section = async (name: string) => {
    await page.getByRole('navigation', { name: 'Record sections' }).getByRole('link', { name }).click();
  };
  const summary = () => page.locator('.record-summary .facts');
  const fact = (term: string) =>
    summary().evaluate(
      (list, wanted) =>
        [...list.querySelectorAll('dt')].find((dt) => dt.textContent === wanted)?.nextElementSibling
          ?.textContent ?? '',
      term,
    );
  const activeElement = () =>
    page.evaluate(() => {
      const element = document.activeElement;
      return element ? `${element.tagName}:${element.textContent?.trim() ?? ''}` : '';
    });
  const matter = (label: string): Locator =>
    page.locator('details', { has: page.getByText(label, { exact: true }) });
  const expectNoAxeViolations = async () => expect(await checkPage(page)).toEqual(CLEAN_PAGE);

  beforeAll(async () => {
    browser = await launchChromium();
    context = await newContext(browser);
    page = await context.newPage();
    errors = collectPageErrors(page);
    await rememberLocalUser(context, inject('e2eUrl'));
    await openUnlocked(page, `${appUrl}#/`);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('creates a young person with a contact three days ago', async () => {
    await page.goto(`${appUrl}#/young-people/new`);
    await heading('Add a young person').waitFor();
    await page.getByLabel('Given name').fill('Editta');
    await page.getByLabel('Family name').fill('Synthetic');
    await page.getByLabel('Date of birth').fill(uk(dateOfBirth));
    await page.getByLabel('Category').selectOption('eligible');
    await page.getByRole('button', { name: 'Add young person' }).click();
    await heading('Editta Synthetic').waitFor();
    recordId = /young-people\/([^/]+)/.exec(page.url())?.[1] ?? '';
    expect(recordId).toMatch(/^[0-9a-f-]{36}$/);

    await section('Contact log');
    await page.getByLabel('Date', { exact: true }).fill(uk(threeDaysAgo));
    await page.getByLabel('Time', { exact: true }).fill('10:15');
    await page.getByRole('radio', { name: 'Yes' }).check();
    await page.getByLabel('Note').fill('Met at the café.');
    await page.getByRole('button', { name: 'Save contact' }).click();
    await page.getByText(`Contact on ${ukLong(threeDaysAgo)} recorded.`).waitFor();
    expect(await fact('In touch')).toContain('In touch');
    expect(await fact('Status')).toBe('No status flags');
    await expectNoAxeViolations();
  });

  it('refuses a date of birth after an entry, naming the field, and returns focus on cancel', async () => {
    const change = page.getByRole('button', { name: 'Change details' });
    await change.click();
    expect(await change.getAttribute('aria-expanded')).toBe('true');
    const panel = page.getByRole('region', { name: 'Change details' });
    await panel.waitFor();
    await expect.poll(activeElement).toBe('H2:Change details');
    expect(await panel.getByLabel('Date of birth').inputValue()).toBe(uk(dateOfBirth));
    expect(await panel.textContent()).toContain(`the earliest entry is on ${ukLong(threeDaysAgo)}`);

    await panel.getByLabel('Date of birth').fill(uk(subDays(today, 2)));
    await panel.getByText('would be dated before it, so the change cannot be saved').waitFor();
    await panel.getByRole('button', { name: 'Save details' }).click();
    const problem = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await problem.waitFor();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.className))
      .toContain('error-summary');
    const link = problem.getByRole('link', { name: /^Date of birth must not be after the contact on/ });
    expect(await link.textContent()).toContain(`the contact on ${ukLong(threeDaysAgo)}`);
    await link.click();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('dateOfBirth');
    expect(await panel.locator('.field-error').first().textContent()).toContain(
      'Date of birth must not be after',
    );
    await expectNoAxeViolations();

    await panel.getByRole('button', { name: 'Cancel' }).click();
    await panel.waitFor({ state: 'detached' });
    await expect.poll(activeElement).toBe('BUTTON:Change details');
    expect(await fact('Age')).toContain(`born ${ukLong(dateOfBirth)}`);
  });

  it('changes the details, writing only what changed', async () => {
    await page.getByRole('button', { name: 'Change details' }).click();
    const panel = page.getByRole('region', { name: 'Change details' });
    await panel.getByLabel('Preferred name').fill('Eddie');
    await panel.getByLabel('Date they left care').fill(uk(subDays(today, 30)));
    await panel.getByLabel('The young person asked for Personal Adviser support until they are 25').check();
    await expectNoAxeViolations();
    await panel.getByRole('button', { name: 'Save details' }).click();
    await panel.waitFor({ state: 'detached' });
    await page
      .getByRole('status')
      .filter({ hasText: 'Details saved: preferred name, date they left care, support extended to 25.' })
      .waitFor();
    await expect.poll(activeElement).toBe('BUTTON:Change details');
    await heading('Eddie Synthetic').waitFor();
    expect(await fact('Category')).toContain('Relevant');
    expect(await fact('Support ends')).toContain(
      `${ukLong(addYears(dateOfBirth, 25))} (extended to 25 at their request)`,
    );
    await expectNoAxeViolations();
  });

  it('records “refuses contact” and the header follows; ending it brings back “In touch”', async () => {
    await section('Status flags');
    await heading('Status flags', 2).waitFor();
    await page.getByRole('radio', { name: 'Refuses contact' }).check();
    await page.getByText('What this means:').waitFor();
    expect(await page.locator('.notice', { hasText: 'What this means:' }).textContent()).toContain('REFU');
    await page.getByLabel('From', { exact: true }).fill(uk(subDays(today, 2)));
    await page.getByLabel('Note', { exact: true }).fill('Said by text she does not want visits for now.');
    await page.getByRole('button', { name: 'Save status flag' }).click();
    await page.getByText(`Recorded: refuses contact from ${ukLong(subDays(today, 2))}.`).waitFor();
    await expect.poll(() => fact('In touch')).toContain('Refuses contact');
    expect(await fact('Status')).toBe(`Refuses contact since ${ukLong(subDays(today, 2))}`);
    const flag = page.locator('.period', { hasText: 'Refuses contact' });
    expect(await flag.textContent()).toContain('Applies now');
    await expectNoAxeViolations();

    // The same flag twice is refused at the field.
    await page.getByRole('radio', { name: 'Refuses contact' }).check();
    await page.getByRole('button', { name: 'Save status flag' }).click();
    await page.getByRole('alert').filter({ hasText: 'Already recorded: Refuses contact from' }).waitFor();
    await expectNoAxeViolations();

    const end = flag.getByRole('button', { name: /^End Refuses contact from/ });
    await end.click();
    const endPanel = page.getByRole('region', { name: /^End: refuses contact from/ });
    await endPanel.waitFor();
    await expect.poll(activeElement).toContain('H5:End: refuses contact from');
    expect(await endPanel.getByLabel('Last day it applied').inputValue()).toBe(uk(subDays(today, 1)));
    await expectNoAxeViolations();
    await endPanel.getByRole('button', { name: 'End status flag' }).click();
    await endPanel.waitFor({ state: 'detached' });
    await page.getByRole('status').filter({ hasText: 'Refuses contact ended' }).waitFor();
    await expect.poll(() => fact('In touch')).toContain('In touch');
    expect(await fact('Status')).toBe('No status flags');
    expect(await flag.textContent()).toContain(`to ${ukLong(subDays(today, 1))}`);
    expect(await flag.textContent()).toContain('Ended');
    await expect.poll(activeElement).toContain('BUTTON:Change end date');
    await expectNoAxeViolations();
  });

  it('corrects a contact, changing only what was changed', async () => {
    await section('Contact log');
    const row = page.locator('tbody tr', { hasText: 'Met at the café.' });
    await row.getByRole('button', { name: /^Change contact: / }).click();
    const form = page.getByRole('form', { name: /^Correct the contact on/ });
    await form.waitFor();
    await expect.poll(activeElement).toContain('H4:Correct the contact on');
    expect(await form.getByLabel('Time', { exact: true }).inputValue()).toBe('10:15');
    expect(await form.getByRole('radio', { name: 'Yes' }).isChecked()).toBe(true);
    await form.getByLabel('How').selectOption('visit-elsewhere');
    await form.getByLabel('Note').fill('Met at the café near college.');
    await expectNoAxeViolations();
    await form.getByRole('button', { name: 'Save changes' }).click();
    await form.waitFor({ state: 'detached' });
    await page.getByRole('status').filter({ hasText: 'Contact corrected' }).waitFor();
    const corrected = page.locator('tbody tr', { hasText: 'Met at the café near college.' });
    expect(await corrected.textContent()).toContain('Visit somewhere else');
    expect(await corrected.textContent()).toContain(`${ukLong(threeDaysAgo)} at 10:15`);
    expect(await page.locator('tbody tr').count()).toBe(1);
    await expect.poll(activeElement).toContain('BUTTON:Change');
    await expectNoAxeViolations();
  });

  it('removes an action after a confirmation that names it, then undoes the removal', async () => {
    await section('Pathway plan');
    const health = matter('9. Health, including mental health (health passport)');
    await health.locator('summary').click();
    await health.getByLabel('What will be done').fill('Register with a GP near the flat');
    await health.getByLabel('Who will do it').fill('Young person with PA');
    await health
      .getByLabel('By when')
      .last()
      .fill(uk(addDays(today, 14)));
    await health.getByRole('button', { name: 'Add action' }).click();
    await health.getByText('Action added').waitFor();
    await health.getByLabel('What will be done').fill('Book a dentist check-up');
    await health.getByLabel('Who will do it').fill('PA');
    await health
      .getByLabel('By when')
      .last()
      .fill(uk(addDays(today, 21)));
    await health.getByRole('button', { name: 'Add action' }).click();
    await expect.poll(() => health.locator('tbody tr').count()).toBe(2);

    const remove = health.getByRole('button', { name: 'Remove action: Book a dentist check-up' });
    await remove.click();
    const confirm = page.getByRole('region', { name: 'Remove this action?' });
    await confirm.waitFor();
    await expect.poll(activeElement).toBe('H5:Remove this action?');
    expect(await confirm.textContent()).toContain('This removes the action: Book a dentist check-up');
    await expectNoAxeViolations();
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'detached' });
    await expect.poll(activeElement).toContain('BUTTON:Remove');
    expect(await health.locator('tbody tr').count()).toBe(2);

    await remove.click();
    await confirm.getByRole('button', { name: 'Yes, remove it' }).click();
    await page.getByRole('status').filter({ hasText: 'Removed: action: Book a dentist check-up.' }).waitFor();
    await expect.poll(() => health.locator('tbody tr').count()).toBe(1);
    expect(await health.locator('tbody').textContent()).not.toContain('Book a dentist check-up');
    await expect.poll(activeElement).toBe('H4:Actions');
    await expectNoAxeViolations();

    await page.getByRole('button', { name: 'Undo my last change' }).click();
    await page.getByText('Your last change was undone.').waitFor();
    await expect.poll(() => health.locator('tbody tr').count()).toBe(2);
    expect(await health.locator('tbody').textContent()).toContain('Book a dentist check-up');
    await expectNoAxeViolations();
  });

  it('corrects and removes an objective, an accommodation period and an activity', async () => {
    const identity = matter('10. Identity');
    await identity.locator('summary').click();
    await identity.getByLabel('Objective', { exact: true }).fill('Get a passport');
    await identity
      .getByLabel('By when')
      .first()
      .fill(uk(addDays(today, 60)));
    await identity.getByRole('button', { name: 'Add objective' }).click();
    await identity.getByText('Objective added.').waitFor();
    await identity.getByRole('button', { name: 'Change objective: Get a passport' }).click();
    const objective = page.getByRole('region', { name: 'Change objective: Get a passport' });
    await objective.getByLabel('Objective', { exact: true }).fill('Get a passport and a provisional licence');
    await expectNoAxeViolations();
    await objective.getByRole('button', { name: 'Save objective' }).click();
    await identity.getByText('Get a passport and a provisional licence, by').waitFor();
    await identity.getByRole('button', { name: /^Remove objective: Get a passport/ }).click();
    await page
      .getByRole('region', { name: 'Remove this objective?' })
      .getByRole('button', { name: 'Yes, remove it' })
      .click();
    await identity.getByText('No objectives yet.').waitFor();

    await section('Accommodation');
    await page.getByLabel('Type of accommodation').selectOption('U');
    await page.getByLabel('Moved in on').fill(uk(subDays(today, 20)));
    await page.getByRole('radio', { name: 'Suitable', exact: true }).check();
    await page.getByRole('button', { name: 'Save move' }).click();
    await page.getByText('Moved to Independent living (U)').waitFor();
    const period = page.locator('.period').first();
    await period.getByRole('button', { name: /^Change Independent living/ }).click();
    const change = page.getByRole('form', { name: /^Change: Independent living/ });
    await change.getByLabel('Moved in on').fill(uk(subDays(today, 19)));
    await expectNoAxeViolations();
    await change.getByRole('button', { name: 'Save changes' }).click();
    await change.waitFor({ state: 'detached' });
    expect(await period.textContent()).toContain(`${ukLong(subDays(today, 19))} to now`);
    await period.getByRole('button', { name: /^Remove Independent living/ }).click();
    const confirm = page.getByRole('region', { name: 'Remove this accommodation period?' });
    expect(await confirm.textContent()).toContain('Independent living (U)');
    await expectNoAxeViolations();
    await confirm.getByRole('button', { name: 'Yes, remove it' }).click();
    await page.getByText('No accommodation recorded yet.').waitFor();
    await expect.poll(activeElement).toBe('H3:Where they have lived');

    await section('Education, employment, training');
    await page.getByLabel('Main activity').selectOption('F5');
    await page.getByRole('button', { name: 'Save activity' }).click();
    await page.getByText('Recorded: Training or employment, full time (F5)').waitFor();
    await page.getByRole('button', { name: /^Change Training or employment/ }).click();
    const activity = page.getByRole('region', { name: /^Change: Training or employment/ });
    await activity.getByLabel('Details').fill('Warehouse job, 37 hours');
    await expectNoAxeViolations();
    await activity.getByRole('button', { name: 'Save activity' }).click();
    await activity.waitFor({ state: 'detached' });
    await page.locator('tbody tr', { hasText: 'Warehouse job, 37 hours' }).waitFor();
    await page.getByRole('button', { name: /^Remove Training or employment/ }).click();
    await page
      .getByRole('region', { name: 'Remove this activity?' })
      .getByRole('button', { name: 'Yes, remove it' })
      .click();
    await page.getByText('No activity recorded yet.').waitFor();
    expect(await fact('Education, employment, training')).toBe('Not recorded');
    await expectNoAxeViolations();
  });

  it('after a reload, every change is still there', async () => {
    await reloadUnlocked(page);
    await heading('Eddie Synthetic').waitFor();
    expect(await fact('Category')).toContain('Relevant');
    expect(await fact('In touch')).toContain('In touch');
    expect(await fact('Status')).toBe('No status flags');
    expect(await fact('Support ends')).toContain('extended to 25');
    await page.getByRole('button', { name: 'Change details' }).click();
    const panel = page.getByRole('region', { name: 'Change details' });
    expect(await panel.getByLabel('Preferred name').inputValue()).toBe('Eddie');
    expect(await panel.getByLabel('Date of birth').inputValue()).toBe(uk(dateOfBirth));
    await panel.getByRole('button', { name: 'Cancel' }).click();

    await section('Pathway plan');
    const health = matter('9. Health, including mental health (health passport)');
    await health.locator('summary').click();
    expect(await health.locator('tbody tr').count()).toBe(2);
    expect(await health.locator('tbody').textContent()).toContain('Book a dentist check-up');

    await section('Contact log');
    const row = page.locator('tbody tr', { hasText: 'Met at the café near college.' });
    expect(await row.textContent()).toContain('Visit somewhere else');

    await section('Status flags');
    const flag = page.locator('.period', { hasText: 'Refuses contact' });
    expect(await flag.textContent()).toContain('Ended');
    expect(await flag.textContent()).toContain('Said by text she does not want visits for now.');
    await expectNoAxeViolations();

    await section('History');
    const history = (await page.locator('main').textContent()) ?? '';
    expect(history).toContain('Profile: preferred name');
    expect(history).toMatch(
      /Status flag, Refuses contact from \d{1,2} [A-Z][a-z]{2} \d{4}: last day it applied/,
    );
    await expectNoAxeViolations();
  });

  it('raised no page errors', () => {
    // The test build serves no waymark-config.json beside renderer/index.html (the app falls back to no
    // sync server): that failed load is the only console error allowed.
    expect(errors.filter((error) => !error.startsWith('console: Failed to load resource'))).toEqual([]);
  });
});
