/**
 * Issue 5, the PA workspace, in Chromium against the real app and a real IndexedDB: a PA adds a young
 * person, writes a plan, records a visit, accommodation and EET, then reloads and works offline.
 */
import { addDays, addMonths, addYears, format, subDays } from 'date-fns';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CLEAN_PAGE, checkPage } from './support/page-check.ts';
import { collectPageErrors, launchChromium, newContext } from './support/browser.ts';
import { CONTESTED_RECORD_ID, contestedBackup } from './support/contested-backup.ts';
import { harness } from './support/harness.ts';
import { openUnlocked, reloadUnlocked, rememberLocalUser } from './support/lock.ts';
import { pdfText, squash } from './support/pdf-text.ts';

const today = new Date();
const uk = (date: Date) => format(date, 'd/M/yyyy');
const ukLong = (date: Date) => format(date, 'd MMM yyyy');
/** Aged 17, turning 18 in 60 days (so the caseload shows the birthday that changes entitlements). */
const dateOfBirth = addDays(addYears(today, -18), 60);
const eighteenth = addYears(dateOfBirth, 18);

describe('PA workspace in Chromium', () => {
  const appUrl = new URL('renderer/index.html', inject('e2eUrl')).toString();
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  const failedRequests: string[] = [];
  let recordId = '';

  const go = async (hash: string) => {
    await page.goto(`${appUrl}#${hash}`);
  };
  const heading = (name: string | RegExp, level = 1) => page.getByRole('heading', { level, name });
  const matter = (label: string): Locator =>
    page.locator('details', { has: page.getByText(label, { exact: true }) });
  const section = async (name: string) => {
    await page.getByRole('navigation', { name: 'Record sections' }).getByRole('link', { name }).click();
  };
  const expectNoAxeViolations = async () => expect(await checkPage(page)).toEqual(CLEAN_PAGE);
  const answer = (question: string, option: string) =>
    page.getByRole('group', { name: question }).getByRole('radio', { name: option, exact: true }).check();
  const activeText = () => page.evaluate(() => document.activeElement?.textContent ?? '');

  beforeAll(async () => {
    browser = await launchChromium();
    context = await newContext(browser);
    page = await context.newPage();
    errors = collectPageErrors(page);
    page.on('response', (response) => {
      if (response.status() >= 400) failedRequests.push(`${response.status()} ${response.url()}`);
    });
    page.on('requestfailed', (request) => {
      // A load the page itself gave up when the test reloaded or left it (the visit page's code is
      // fetched ahead in idle time, and a reload can cut that fetch short) is not a failed request:
      // the next page asks again. Anything the server or the network refused still counts.
      const reason = request.failure()?.errorText ?? '';
      if (reason === 'net::ERR_ABORTED') return;
      failedRequests.push(`failed (${reason}) ${request.url()}`);
    });
    await rememberLocalUser(context, inject('e2eUrl'));
    await openUnlocked(page, `${appUrl}#/`);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('refuses an incomplete young person with errors at the fields, then creates one aged 17', async () => {
    await go('/');
    await heading('My caseload').waitFor();
    await page.getByRole('link', { name: 'Add a young person' }).click();
    await heading('Add a young person').waitFor();
    await page.getByRole('button', { name: 'Add young person' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.waitFor();
    expect(await summary.getByRole('link').allTextContents()).toEqual(
      expect.arrayContaining([
        'Enter the young person’s given name',
        'Enter the date of birth',
        'Select the category',
      ]),
    );
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.className))
      .toContain('error-summary');
    await summary.getByRole('link', { name: 'Enter the date of birth' }).click();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('dateOfBirth');
    expect(page.url()).toContain('#/young-people/new');
    await expectNoAxeViolations();

    await page.getByLabel('Given name').fill('Testa');
    await page.getByLabel('Family name').fill('Synthetic');
    await page.getByLabel('Date of birth').fill(uk(dateOfBirth));
    await page.getByLabel('Category').selectOption('eligible');
    await page.getByRole('button', { name: 'Add young person' }).click();
    await heading('Testa Synthetic').waitFor();
    recordId = /young-people\/([^/]+)/.exec(page.url())?.[1] ?? '';
    expect(recordId).toMatch(/^[0-9a-f-]{36}$/);
    const facts = page.locator('.record-summary .facts');
    expect(await facts.textContent()).toContain('17 (born');
    expect(await facts.textContent()).toContain('Eligible');
    await expectNoAxeViolations();
  });

  it('writes a pathway plan with two actions and refuses "ongoing" as a timescale', async () => {
    await section('Pathway plan');
    await page.getByLabel('First pathway plan agreed on').fill(uk(today));
    await page.getByRole('button', { name: 'Save plan dates' }).click();
    await expect
      .poll(() => page.locator('.notice').first().textContent())
      .toContain(`Next review due by ${ukLong(addMonths(today, 6))}`);

    const education = matter('2. Education or training');
    await education.locator('summary').click();
    await education.getByLabel('Needs', { exact: true }).fill('A college place for next September.');
    await education.getByLabel('In their own words').fill('I want to do a mechanics course.');
    await education.getByRole('button', { name: 'Save needs and views' }).click();
    await page.getByRole('status').filter({ hasText: 'Needs and views saved' }).waitFor();

    await education.getByLabel('What will be done').fill('Apply for the college mechanics course');
    await education.getByLabel('Who will do it').fill('Young person with PA');
    await education.getByLabel('By when').last().fill('ongoing');
    await education.getByRole('button', { name: 'Add action' }).click();
    const error = education.locator('.field-error').filter({ hasText: 'is not a timescale' });
    await error.waitFor();
    expect(await error.textContent()).toContain('"ongoing" is not a timescale');
    await expectNoAxeViolations();
    await education
      .getByLabel('By when')
      .last()
      .fill(uk(addDays(today, 30)));
    await education.getByRole('button', { name: 'Add action' }).click();
    await education.getByText('Action added').waitFor();

    await education.getByLabel('What will be done').fill('Open a bank account');
    await education.getByLabel('Who will do it').fill('PA');
    await education
      .getByLabel('By when')
      .last()
      .fill(uk(subDays(today, 2)));
    await education.getByRole('button', { name: 'Add action' }).click();
    // A "by when" in the past is not taken silently: a warning, and a second save keeps it.
    const warning = education.getByRole('alert').filter({ hasText: 'is in the past' });
    await warning.waitFor();
    expect(await warning.textContent()).toContain(`${ukLong(subDays(today, 2))}, is in the past`);
    expect(await education.locator('tbody tr').count()).toBe(1);
    await expectNoAxeViolations();
    await education.getByRole('button', { name: 'Add action' }).click();
    await expect.poll(() => education.locator('tbody tr').count()).toBe(2);
    expect(await education.locator('tbody').textContent()).toContain('Overdue');
    expect(await education.locator('summary').textContent()).toContain('2 actions');
    await expectNoAxeViolations();
  });

  it('records a home visit with the quick contact form', async () => {
    await section('Contact log');
    await heading('Record a contact', 3).waitFor();
    expect(await page.getByLabel('Date', { exact: true }).inputValue()).toBe(uk(today));
    expect(await page.getByLabel('How').inputValue()).toBe('home-visit');
    await answer('Did you see the young person?', 'Yes');
    await answer('Did you see them on their own?', 'Yes');
    await page.getByLabel('Note').fill('Visited at the flat. Talked about college.');
    await page.getByRole('button', { name: 'Save contact' }).click();
    await page.getByText('Contact on').waitFor();
    const log = page.getByRole('table');
    expect(await log.textContent()).toContain('Home visit');
    expect(await log.textContent()).toContain('Seen alone');
    expect(await page.locator('.record-summary').textContent()).toContain('In touch');
    await expectNoAxeViolations();
  });

  it('saves an emergency B&B move at once, with no approval, and shows what is still needed', async () => {
    await section('Accommodation');
    await page.getByLabel('Type of accommodation').selectOption('W');
    await page
      .getByText('Bed and breakfast (W) needs a senior manager’s approval.', { exact: false })
      .waitFor();
    await page.getByLabel('Moved in on').fill(uk(subDays(today, 10)));
    await answer('Is it suitable?', 'Unsuitable');
    await page.getByLabel('Why').fill('Emergency placement after eviction, out of hours.');
    await page.getByLabel('Address').fill('1 Example Road, Leeds LS1 1AA');
    await page.getByLabel('Landlord or provider').fill('Example Guest House');
    await page.getByLabel('Contact phone').fill('0113 496 0000');
    await page.getByRole('button', { name: 'Save move' }).click();
    await page.getByText('Moved to Bed and breakfast (W)').waitFor();
    await expect.poll(activeText).toContain('Moved to Bed and breakfast (W)');
    const period = page.locator('.period').first();
    const text = await period.textContent();
    expect(text).toContain('Unsuitable');
    expect(text).toContain('W2');
    expect(text).toContain('Example Guest House');
    expect(text).toContain('0113 496 0000');
    expect(text).toContain(`Needs attention: moved in on ${ukLong(subDays(today, 10))}`);
    expect(text).toContain('the senior manager’s approval');
    const attention = await page.locator('.attention').textContent();
    expect(attention).toContain(
      `moved to W (bed and breakfast) on ${ukLong(subDays(today, 10))}: still to record the risk assessment date, the risk assessment review date and the senior manager’s approval`,
    );
    await expectNoAxeViolations();
  });

  it('moves to supported lodgings, ending the B&B the day before', async () => {
    await page.getByLabel('Type of accommodation').selectOption('E');
    await page.getByLabel('Moved in on').fill(uk(today));
    await page.getByRole('radio', { name: 'Suitable', exact: true }).check();
    await page.getByLabel('Provided by the council').check();
    await page.getByRole('button', { name: 'Save move' }).click();
    await page.getByText('Moved to Supported lodgings (E)').waitFor();
    await expect.poll(() => page.locator('.period').count()).toBe(2);
    expect(await page.locator('.period').first().textContent()).toContain('Current');
    expect(await page.locator('.period').nth(1).textContent()).toContain(`to ${ukLong(subDays(today, 1))}`);
    expect(await page.locator('.record-summary').textContent()).toContain(
      'Supported lodgings (E), suitable (E1)',
    );
  });

  it('sets EET, and undoes a mistaken entry with the undo button', async () => {
    await section('Education, employment, training');
    await page.getByLabel('Main activity').selectOption('G5');
    await page.getByRole('button', { name: 'Save activity' }).click();
    await page.getByText('Recorded: Not in education').waitFor();
    expect(await page.locator('.record-summary').textContent()).toContain('(G5)');
    await page.getByRole('button', { name: 'Undo my last change' }).click();
    await page.getByText('Your last change was undone.').waitFor();
    await expect.poll(() => page.locator('.record-summary').textContent()).not.toContain('(G5)');

    await page.getByLabel('Main activity').selectOption('F2');
    await page.getByLabel('Details').fill('College, level 2 motor vehicle');
    await page.getByRole('button', { name: 'Save activity' }).click();
    await page.getByText('Recorded: Other education, full time (F2)').waitFor();
    await expectNoAxeViolations();
  });

  it('shows who changed what in the history', async () => {
    await section('History');
    await heading('History', 2).waitFor();
    const history = await page.locator('main').textContent();
    // Each change with its time of day, who made it, the entry it belongs to and its values.
    expect(history).toMatch(new RegExp(`${ukLong(today)} at \\d{2}:\\d{2}You \\(not signed in\\)`));
    expect(history).toContain('Accommodation type: Bed and breakfast (W)');
    expect(history).toMatch(/Accommodation period, Bed and breakfast from [^:]+: end date/);
    await expectNoAxeViolations();
  });

  it('after a reload and offline, everything is still there', async () => {
    // The record page fetches the visit page's code once it is painted (VisitLink.tsx), so that a visit
    // can start offline in the browser build. Going offline before that fetch ends would fail it: this
    // test is about the data kept on the laptop, so it waits for the code as a PA's laptop would have it.
    const visitCode = page.waitForEvent('requestfinished', {
      predicate: (request) => /\/assets\/VisitPage-[^/]+\.js$/.test(request.url()),
    });
    await reloadUnlocked(page);
    await heading('History', 2).waitFor();
    await visitCode;
    await context.setOffline(true);
    try {
      await section('Pathway plan');
      const education = matter('2. Education or training');
      await education.locator('summary').click();
      expect(await education.locator('tbody').textContent()).toContain(
        'Apply for the college mechanics course',
      );
      expect(await education.locator('tbody').textContent()).toContain('Open a bank account');
      expect(await education.getByLabel('In their own words').inputValue()).toBe(
        'I want to do a mechanics course.',
      );
      const summary = await page.locator('.record-summary').textContent();
      expect(summary).toContain('Supported lodgings (E), suitable (E1)');
      expect(summary).toContain('Other education, full time (F2)');
      expect(summary).toContain('In touch');
      await section('Contact log');
      expect(await page.getByRole('table').textContent()).toContain('Visited at the flat');
      await section('Accommodation');
      expect(await page.locator('.period').count()).toBe(2);
      expect(await page.getByRole('status').first().textContent()).toContain('Offline');
    } finally {
      await context.setOffline(false);
    }
  });

  it('lists the caseload with the right due and overdue badges, counts, search and filters', async () => {
    // A second young person, 19, with no plan and no contact.
    await go('/young-people/new');
    await heading('Add a young person').waitFor();
    await page.getByLabel('Given name').fill('Testb');
    await page.getByLabel('Family name').fill('Synthetic');
    await page.getByLabel('Date of birth').fill(uk(subDays(addYears(today, -19), 30)));
    await page.getByLabel('Category').selectOption('former-relevant');
    await page.getByRole('button', { name: 'Add young person' }).click();
    await heading('Testb Synthetic').waitFor();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My caseload' }).click();
    await heading('My caseload').waitFor();
    await expect.poll(() => page.locator('tbody tr').count()).toBe(2);
    const rowA = page.locator('tbody tr', { hasText: 'Testa Synthetic' });
    const rowB = page.locator('tbody tr', { hasText: 'Testb Synthetic' });
    const a = (await rowA.textContent()) ?? '';
    expect(a).toContain(`Turns 18 on ${ukLong(eighteenth)}`);
    expect(a).toContain('1 overdue action');
    expect(a).toContain('Supported lodgings (E)');
    expect(a).not.toContain('Overdue');
    expect(a).not.toContain('Unsuitable');
    const b = (await rowB.textContent()) ?? '';
    expect(b).toContain('Overdue');
    expect(b).toContain('Not in touch');
    expect(b).toContain('first pathway plan was due');

    const count = (label: string) =>
      page.getByRole('button', { name: new RegExp(label) }).locator('.count-button__count');
    expect(await count('Plan or review overdue').textContent()).toBe('1');
    expect(await count('Plan actions overdue').textContent()).toBe('1');
    expect(await count('Not in touch').textContent()).toBe('1');
    expect(await count('Turning 18, 21 or 25 soon').textContent()).toBe('1');
    expect(await count('Unsuitable accommodation').textContent()).toBe('0');

    await page.getByRole('button', { name: /Plan actions overdue/ }).click();
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
    expect(await page.locator('caption').textContent()).toContain('1 of 2 young people shown');
    await page.getByLabel('Show').selectOption('all');
    await page.getByLabel('Search by name').fill('testb');
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
    expect(await page.locator('tbody tr').textContent()).toContain('Testb Synthetic');
    await expectNoAxeViolations();
    await page.getByLabel('Search by name').fill('');
    await rowA.getByRole('link', { name: 'Testa Synthetic', exact: true }).click();
    await heading('Testa Synthetic').waitFor();
  });

  it('records a re-contact plan for someone not in touch, and the local-offer checklist', async () => {
    await go('/');
    await page
      .locator('tbody tr', { hasText: 'Testb Synthetic' })
      .getByRole('link', { name: 'Testb Synthetic', exact: true })
      .click();
    await heading('Testb Synthetic').waitFor();
    await section('Contact log');
    const contactFacts = page
      .locator('section', { has: heading('Contact log', 2) })
      .locator('.facts')
      .first();
    expect(await contactFacts.textContent()).toContain('None current: record a risk assessment');
    await page.getByLabel('Risk', { exact: true }).selectOption('high');
    await page
      .getByLabel('Plan to get back in touch')
      .fill('Text weekly; ask the college to pass on a message.');
    await page.getByRole('button', { name: 'Save re-contact plan' }).click();
    await expect.poll(() => contactFacts.textContent()).toContain('High risk, assessed');
    await expectNoAxeViolations();

    await section('Entitlements');
    const grant = page.locator('.checklist__item', { hasText: 'Setting Up Home Allowance' });
    expect(await page.locator('.checklist__item details[open]').count()).toBe(0);
    await grant.locator('summary').click();
    await grant.getByLabel('Where it stands').selectOption('discussed');
    await grant.getByLabel('Date given or explained').fill(uk(today));
    await grant.getByRole('button', { name: /Save/ }).click();
    await expect.poll(() => grant.locator('h3').textContent()).toContain(`Explained (${ukLong(today)})`);
    expect(await grant.textContent()).toContain('at least £3,000 nationally');
    await grant.getByLabel('Amount given (£)').fill('2500');
    await grant.getByLabel('Where it stands').selectOption('received');
    await grant.getByRole('button', { name: /Save/ }).click();
    await expect.poll(() => grant.textContent()).toContain('below the national minimum of £3,000');
    await expectNoAxeViolations();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My caseload' }).click();
    await expect
      .poll(() => page.locator('tbody tr', { hasText: 'Testb Synthetic' }).textContent())
      .not.toContain('no current re-contact plan');
  });

  it('warns about a duplicate name and date of birth before creating', async () => {
    await go('/young-people/new');
    await heading('Add a young person').waitFor();
    await page.getByLabel('Given name').fill('Testa');
    await page.getByLabel('Family name').fill('Synthetic');
    await page.getByLabel('Date of birth').fill(uk(dateOfBirth));
    await page.getByText('Possible duplicate:').waitFor();
    await page.getByLabel('Category').selectOption('eligible');
    await page.getByRole('button', { name: 'Add young person' }).click();
    await page.getByRole('alert').filter({ hasText: 'already on your caseload' }).waitFor();
    await expectNoAxeViolations();
  });

  it('records a contact with the keyboard alone', async () => {
    await go(`/young-people/${recordId}/contacts`);
    await heading('Record a contact', 3).waitFor();
    const active = () =>
      page.evaluate(() => {
        const element = document.activeElement as HTMLInputElement | null;
        return element
          ? `${element.tagName}:${element.getAttribute('name') ?? element.textContent ?? ''}`
          : '';
      });
    let reached = false;
    for (let i = 0; i < 80 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = (await active()) === 'INPUT:at';
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Control+A');
    await page.keyboard.type(uk(subDays(today, 1)));
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('09:15');
    await page.keyboard.press('Tab');
    expect(await active()).toBe('SELECT:method');
    await page.keyboard.type('Phone');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await expect
      .poll(() =>
        page
          .getByRole('group', { name: 'Did you see the young person?' })
          .getByRole('radio', { name: 'Yes' })
          .isChecked(),
      )
      .toBe(true);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    expect(await active()).toBe('TEXTAREA:notes');
    await page.keyboard.type('Phoned about the college interview.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByText(`Contact on ${ukLong(subDays(today, 1))} recorded.`).waitFor();
    const row = page.locator('tbody tr', { hasText: 'Phoned about the college interview.' });
    expect(await row.textContent()).toContain('Phone call');
    expect(await row.textContent()).toContain('Seen alone');
    expect(await row.textContent()).toContain('09:15');
    await expectNoAxeViolations();
  });

  it('prints "my plan" in plain language, as a PDF that holds the actions', async () => {
    await page.getByRole('link', { name: /My plan/ }).click();
    await heading('My pathway plan').waitFor();
    const plan = (await page.locator('main').textContent()) ?? '';
    expect(plan).toContain('Education and training');
    expect(plan).toContain('I want to do a mechanics course.');
    expect(plan).toContain('Apply for the college mechanics course');
    expect(plan).toContain(`Young person with PA will do this by ${ukLong(addDays(today, 30))}.`);
    expect(plan).toContain('Open a bank account');
    await expectNoAxeViolations();

    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Print or save as PDF' }).isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });

    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.byteLength).toBeGreaterThan(1000);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // Glyph positioning decides where a PDF has spaces, so compare without whitespace.
    const text = squash(pdfText(pdf));
    expect(text).toContain(squash('My pathway plan'));
    expect(text).toContain(squash('Apply for the college mechanics course'));
    expect(text).toContain(squash('Open a bank account'));
    expect(text).not.toContain(squash('Skip to main content'));
  });

  it('shows fields two people set differently offline, and settles them with the PA’s choice', async () => {
    const todayIso = format(today, 'yyyy-MM-dd');
    const other = await context.newPage();
    try {
      await other.goto(new URL(`test/harness/index.html?today=${todayIso}`, inject('e2eUrl')).toString());
      await other.waitForFunction(() => window.waymarkHarness !== undefined, null, { timeout: 30_000 });
      expect(await harness(other, 'importBackup', contestedBackup(todayIso))).toEqual({
        ok: true,
        value: [CONTESTED_RECORD_ID],
      });
    } finally {
      await other.close();
    }
    await go(`/young-people/${CONTESTED_RECORD_ID}/accommodation`);
    const panel = page.getByRole('region', { name: 'Two people recorded different values while offline' });
    await panel.waitFor();
    const text = (await panel.textContent()) ?? '';
    expect(text).toContain('Accommodation period: suitability');
    // Nobody signed in holds no team list: the other PAs are named as colleagues, never by user id.
    expect(text).toContain('Suitable — recorded by A colleague on');
    expect(text).toContain('Unsuitable — recorded by A colleague on');
    expect(text).not.toContain('pa-anna');
    expect(text).toContain('Landlord has given notice');
    await expectNoAxeViolations();
    await panel.getByRole('button', { name: 'Choose this: Unsuitable' }).click();
    await panel.getByRole('button', { name: 'Choose this: Landlord has given notice' }).click();
    await panel.waitFor({ state: 'detached' });
    expect(await page.locator('.record-summary').textContent()).toContain('unsuitable (D2)');
    await section('History');
    expect(await page.locator('main').textContent()).toContain('Landlord has given notice');
  });

  it('raised no page or console errors', () => {
    // Resource errors are checked by URL: the test build serves no waymark-config.json beside
    // renderer/index.html (the app falls back to no sync server), and offline Chromium cannot refetch
    // the favicon. Any other failed request fails the test.
    expect(errors.filter((error) => !error.startsWith('console: Failed to load resource'))).toEqual([]);
    expect(
      failedRequests.filter((entry) => !/\/(waymark-config\.json|favicon[^/]*\.svg)$/.test(entry)),
    ).toEqual([]);
  });
});
