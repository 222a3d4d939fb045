/**
 * Issue 16, the guided home visit, in Chromium at 1366×768 against the app and a real IndexedDB: a PA
 * starts a visit from the caseload with the keyboard alone and no network, pauses it, the page reloads,
 * the visit resumes from the record with everything typed still there, is read back and saved; the
 * record then holds one new contact entry and every linked change. Every step is checked with axe-core
 * and for user ids or internal field keys shown as text.
 *
 * The browser build fetches its files from the web server, so the reload itself runs with the network
 * on (the desktop app loads them from the laptop); everything else, the visit and the save, is offline.
 */
import { format, subDays } from 'date-fns';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { entitlementChecklist } from '../../shared/domain/entitlements.ts';
import { accommodationOn, openActions } from '../../shared/domain/home-visit.ts';
import type { YoungPersonRecord } from '../../shared/domain/model.ts';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings.ts';
import { generateCaseload } from '../../shared/synthetic/generator.ts';
import { displayName } from '../../shared/ydoc/projection.ts';
import { CLEAN_PAGE, checkPage as pageProblems } from './support/page-check.ts';
import { collectPageErrors, launchChromium, newContext } from './support/browser.ts';
import { harness, openHarness } from './support/harness.ts';
import { openUnlocked, reloadUnlocked, rememberLocalUser } from './support/lock.ts';

const today = format(new Date(), 'yyyy-MM-dd');
const uk = (date: Date) => format(date, 'd/M/yyyy');
const SEED = 1616;
const COUNT = 8;
const moveDate = subDays(new Date(), 3);
const nextVisit = new Date(Date.now() + 28 * 86_400_000);

/** A synthetic young person in touch, 18 or over, with somewhere to live and at least one open action. */
function chooseRecord(records: readonly YoungPersonRecord[]): YoungPersonRecord {
  const chosen = records.find(
    (record) =>
      record.flags.length === 0 &&
      record.profile.category === 'former-relevant' &&
      accommodationOn(record, today) !== null &&
      accommodationOn(record, today)?.code !== 'E' &&
      openActions(record).length >= 1,
  );
  if (chosen === undefined) throw new Error('No synthetic record fits the visit; change SEED');
  return chosen;
}

describe('Guided home visit, offline, by keyboard', () => {
  const appUrl = new URL('renderer/index.html', inject('e2eUrl')).toString();
  const record = chooseRecord(generateCaseload({ seed: SEED, count: COUNT, today }));
  const name = displayName(record);
  const actions = openActions(record);
  const firstAction = actions[0];
  const entitlement = entitlementChecklist(record, DEFAULT_SETTINGS, today)[0];
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  /** What the focused element is: its fieldset's legend (radios, checkboxes), then its label or text. */
  const focused = () =>
    page.evaluate(() => {
      const element = document.activeElement as HTMLInputElement | null;
      if (element === null) return '';
      const label = element.labels?.[0]?.textContent ?? element.textContent ?? '';
      const legend = element.closest('fieldset')?.querySelector('legend')?.textContent ?? '';
      return `${legend}|${label}`;
    });
  /** Presses Tab until the focused element is the one described (never clicks). */
  const tabTo = async (wanted: string | RegExp, limit = 250) => {
    for (let step = 0; step < limit; step += 1) {
      await page.keyboard.press('Tab');
      const now = await focused();
      if (typeof wanted === 'string' ? now.includes(wanted) : wanted.test(now)) return;
    }
    throw new Error(`Tab never reached ${String(wanted)}`);
  };
  const type = async (label: string | RegExp, text: string) => {
    await tabTo(label);
    await page.keyboard.type(text);
  };
  /** Answers a radio question: Tab into the group (on its first option), then arrow to the answer. */
  const choose = async (legend: string, arrows: number) => {
    await tabTo(`${legend}|`);
    if (arrows === 0) await page.keyboard.press('Space');
    for (let press = 0; press < arrows; press += 1) await page.keyboard.press('ArrowRight');
  };
  const heading = (text: string | RegExp) => page.getByRole('heading', { level: 1, name: text });
  /** axe-core and no ids or internal keys as text, on every page the visit passes through. */
  const checkPage = async () => expect(await pageProblems(page)).toEqual(CLEAN_PAGE);

  beforeAll(async () => {
    browser = await launchChromium();
    context = await newContext(browser);
    page = await context.newPage();
    await page.setViewportSize({ width: 1366, height: 768 });
    errors = collectPageErrors(page);
    await rememberLocalUser(context, inject('e2eUrl'));
    const seeding = await context.newPage();
    await openHarness(seeding, inject('e2eUrl'), `?today=${today}`);
    await harness(seeding, 'seedSynthetic', SEED, COUNT);
    await seeding.close();
    await openUnlocked(page, `${appUrl}#/`);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('starts a visit from the caseload row with the keyboard, offline', async () => {
    await heading('My caseload').waitFor();
    await page.getByRole('link', { name: `Start a visit with ${name}` }).waitFor();
    await page.waitForLoadState('networkidle'); // the visit page's code is loaded with the link
    await checkPage();
    await context.setOffline(true);
    await tabTo(`Start a visit with ${name}`);
    await page.keyboard.press('Enter');
    await heading(`Home visit: ${name}`).waitFor();
    await checkPage();
  });

  it('asks for what is missing with Enter and Select messages', async () => {
    await tabTo('Read back');
    await page.keyboard.press('Enter');
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.waitFor();
    expect(await summary.getByRole('link').allTextContents()).toEqual(
      expect.arrayContaining([
        'Enter the date of the visit',
        'Select where the visit took place',
        'Select yes if you saw the young person',
      ]),
    );
    await checkPage();
  });

  it('fills in where and who and part of the accommodation check, then pauses', async () => {
    await type('|Date of the visit', uk(new Date()));
    await type('|Time', '10:30');
    await choose('Where did the visit take place?', 0); // At their home
    await type('|Who was there?', 'The young person and their friend');
    await choose('Did you see the young person?', 0); // Yes
    await choose('Did you see the young person on their own?', 0); // Yes
    await choose('Have they moved since the last visit?', 0); // Yes
    await tabTo('|Where do they live now?');
    await page.keyboard.type('Supported lodgings');
    await type('|Date they moved in', uk(moveDate));
    await type('|Condition of the accommodation', 'Clean, warm and tidy');
    await page.getByText(/Draft kept on this laptop/).waitFor();
    await tabTo('|Pause visit');
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: `Resume visit with ${name}` }).waitFor();
    await checkPage();
  });

  it('after a reload, resumes the visit from the record with every answer kept', async () => {
    await context.setOffline(false); // the browser build's files come from the web server
    await reloadUnlocked(page);
    await page.getByRole('link', { name: `Resume visit with ${name}` }).waitFor();
    await page.waitForLoadState('networkidle');
    await context.setOffline(true);
    await tabTo(`Resume visit with ${name}`);
    await page.keyboard.press('Enter');
    await heading(`Home visit: ${name}`).waitFor();
    await page.getByText('You are carrying on the visit paused on').waitFor();
    expect(await page.getByLabel('Time').inputValue()).toBe('10:30');
    expect(await page.getByLabel('Condition of the accommodation').inputValue()).toBe('Clean, warm and tidy');
    expect(await page.getByLabel('Where do they live now?').inputValue()).toBe('E');
    expect(await page.getByLabel('Date they moved in').inputValue()).toBe(uk(moveDate));
    await checkPage();
  });

  it('completes the visit with the keyboard and reads it back in plain language', async () => {
    await type('|Is the young person safe there?', 'Feels safe; the door locks');
    await type('|Who else lives there?', 'Nobody');
    await tabTo('Which of these matters are a concern?|Support');
    await page.keyboard.press('Space');
    await choose('Is the accommodation suitable?', 0); // Yes
    await type('|How are their health and wellbeing?', 'Sleeping better and registered with a GP');
    await type('|How is it going?', 'Started an apprenticeship at a garage');
    await choose('Has what they are doing changed?', 0); // Yes
    await tabTo('|What are they doing now?');
    await page.keyboard.type('Apprenticeship, full');
    expect(await page.getByLabel('What are they doing now?').inputValue()).toBe('F4');
    await type('|Date they started', uk(moveDate));
    await tabTo(`Progress on “${firstAction?.description ?? ''}”|`);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight'); // No change → In progress → Done
    await type('|In their own words', 'I did it myself');
    await tabTo(`|${entitlement?.label ?? ''}`);
    await page.keyboard.type('Explained');
    await type('|Worries to raise with your manager', 'Money is tight and rent is behind');
    await tabTo('|They asked for a review of their pathway plan');
    await page.keyboard.press('Space');
    await type('|Date of the next visit agreed', uk(nextVisit));
    await tabTo('|Read back');
    await page.keyboard.press('Enter');
    await heading(`Read back the visit to ${name}`).waitFor();
    const text = await page.locator('main').innerText();
    expect(text).toContain('Moved since the last visit: yes, to Supported lodgings');
    expect(text).toContain('Seen on their own: Yes');
    expect(text).toContain('In their words: “I did it myself”');
    expect(text).toContain('Worries raised with the manager: Money is tight and rent is behind');
    expect(text).toContain(`Agreed for ${format(nextVisit, 'd MMM yyyy')}`);
    expect(text).toContain('A request to the team manager about the worries raised');
    await checkPage();
  });

  it('saves offline and the record holds one contact entry and every linked change', async () => {
    await tabTo('|Save visit');
    await page.keyboard.press('Enter');
    await heading('Visit saved').waitFor();
    await checkPage();
    await context.setOffline(false);

    const reader = await context.newPage();
    await openHarness(reader, inject('e2eUrl'), `?today=${today}`);
    const after = (await harness(reader, 'read', record.profile.id)) as YoungPersonRecord;
    const drafts = await reader.evaluate(async () =>
      (await indexedDB.databases()).some((db) => db.name === 'waymark-visit-drafts'),
    );
    await reader.close();
    expect(drafts).toBe(true);

    expect(after.contacts).toHaveLength(record.contacts.length + 1);
    const contact = after.contacts.find((c) => !record.contacts.some((before) => before.id === c.id));
    expect(contact).toMatchObject({
      method: 'home-visit',
      seen: true,
      seenAlone: true,
      outcome: 'contact-made',
    });
    expect(contact?.at.startsWith(`${today}T10:30:00`)).toBe(true);
    expect(contact?.notes).toContain('Sleeping better and registered with a GP');
    expect(contact?.notes).toContain('Condition: Clean, warm and tidy');

    const moveIso = format(moveDate, 'yyyy-MM-dd');
    const previous = accommodationOn(record, today);
    expect(after.accommodation.find((p) => p.id === previous?.id)?.endDate).toBe(
      format(subDays(moveDate, 1), 'yyyy-MM-dd'),
    );
    expect(after.accommodation.filter((p) => p.endDate === null)).toEqual([
      expect.objectContaining({
        code: 'E',
        startDate: moveIso,
        suitable: true,
        suitabilityConcerns: ['support'],
      }),
    ]);
    expect(after.eet.filter((p) => p.endDate === null)).toEqual([
      expect.objectContaining({ activ: 'F4', startDate: moveIso }),
    ]);
    const progressed = after.actions.find((a) => a.id === firstAction?.id);
    expect(progressed).toMatchObject({ status: 'done', completedOn: today });
    expect(progressed?.evidence).toContain('“I did it myself”');
    expect(after.entitlements.find((e) => e.item === entitlement?.key)).toMatchObject({
      status: 'discussed',
      updatedOn: today,
    });
    expect(after.oversight).toHaveLength(record.oversight.length + 1);
    expect(after.oversight.filter((n) => n.note.includes('Money is tight and rent is behind'))).toHaveLength(
      1,
    );
    expect(after.reviewRequests).toHaveLength(record.reviewRequests.length + 1);
  });

  it('no longer offers to resume the saved visit', async () => {
    await tabTo(`Go to ${name}’s contact log`);
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: `Start a visit with ${name}` }).waitFor();
    await checkPage();
  });

  it('discards a visit started by mistake, leaving nothing on the laptop', async () => {
    await tabTo(`Start a visit with ${name}`);
    await page.keyboard.press('Enter');
    await heading(`Home visit: ${name}`).waitFor();
    await type('|Time', '15:00');
    await page.getByText(/Draft kept on this laptop/).waitFor();
    await tabTo('|Discard visit');
    await page.keyboard.press('Enter');
    await page.getByText('Discard this visit?').waitFor();
    await checkPage();
    await tabTo('|Yes, discard the visit');
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: `Start a visit with ${name}` }).waitFor();
    expect(await page.getByRole('link', { name: `Resume visit with ${name}` }).count()).toBe(0);
  });

  it('raised no page errors', () => {
    expect(errors.filter((error) => !error.startsWith('console: Failed to load resource'))).toEqual([]);
  });
});
