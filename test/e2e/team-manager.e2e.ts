/**
 * The team manager's view (renderer/features/team) in Chromium, against a seeded synthetic team of 216
 * young people over 8 PAs: every scorecard number and drill-down list equals what shared/kpi computes from
 * the same synthetic records; the exception report, the OC3 return and Annex A list 9 export correct CSV;
 * every page passes axe. Then, with a real sync server, a manager's reassignment moves the record from the
 * old PA's laptop to the new PA's. The view is mounted by the store harness at `#/team…` (the route the app
 * wires as `<Route path="/team" nest component={TeamPage} />`). Synthetic data only.
 */
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { isWithin } from '../../shared/domain/dates.ts';
import { EXCEPTION_LABELS } from '../../shared/kpi/exceptions.ts';
import { teamKpisFromRecords } from '../../shared/kpi/team-kpis.ts';
import { HEADLINE_MEASURES } from '../../shared/kpi/trend.ts';
import { ANNEX_A_LIST9_HEADERS, annexAList9 } from '../../shared/returns/annex-a-list9.ts';
import { collectionYear } from '../../shared/returns/collection-year.ts';
import { parseCsv } from '../../shared/returns/csv.ts';
import { fromDfeDate, OC3_AGES, OC3_FIELDS, returnBirthday } from '../../shared/returns/oc3.ts';
import { validateOc3Table } from '../../shared/returns/oc3-validation.ts';
import { deriveOc3Table, oc3Context } from '../../shared/returns/ssda903.ts';
import { recordReference } from '../../shared/record-reference.ts';
import { generateCaseload } from '../../shared/synthetic/generator.ts';
import { DEMO_PASSWORD } from '../../server/seed-demo.ts';
import type { HarnessStaffInput } from '../harness/harness-api.ts';
import { CLEAN_PAGE, checkPage } from './support/page-check.ts';
import { collectPageErrors, launchChromium } from './support/browser.ts';
import { demoServerWorld } from './support/demo-server.ts';
import { harness, openHarness } from './support/harness.ts';

const TODAY = '2026-11-22'; // the harness's default day
const SEED = 4207;
const COUNT = 216;
const TEAM = 'team-e2e';
const PAS: HarnessStaffInput[] = Array.from({ length: 8 }, (_, i) => ({
  id: `pa-e2e-${i + 1}`,
  displayName: `Synthetic Adviser ${i + 1}`,
}));

const records = generateCaseload({
  seed: SEED,
  count: COUNT,
  today: TODAY,
  teams: [TEAM],
  pas: PAS.map((pa) => ({ id: pa.id, teamId: TEAM })),
});
const kpis = teamKpisFromRecords(records, TODAY);
const sorted = (ids: readonly string[]) => [...ids].sort();

async function goTo(page: Page, route: string, heading: string | RegExp): Promise<void> {
  await page.evaluate((hash) => {
    location.hash = hash;
  }, `#/team${route}`);
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

async function idsInTable(page: Page, scope = page.getByTestId('people-table')): Promise<string[]> {
  return sorted(
    await scope
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-id') ?? '')),
  );
}

async function download(page: Page, button: string): Promise<string> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: button }).click(),
  ]);
  const where = await file.path();
  return readFileSync(where, 'utf8');
}

async function expectNoAxeViolations(page: Page): Promise<void> {
  expect(await checkPage(page)).toEqual(CLEAN_PAGE);
}

describe('team manager view over a seeded synthetic team', () => {
  const e2eUrl = inject('e2eUrl');
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    browser = await launchChromium();
    context = await browser.newContext({
      locale: 'en-GB',
      timezoneId: 'Europe/London',
      acceptDownloads: true,
    });
    page = await context.newPage();
    errors = collectPageErrors(page);
    await openHarness(page, e2eUrl);
    const ids = await harness(page, 'seedTeam', SEED, COUNT, TEAM, PAS);
    expect(sorted(ids)).toEqual(sorted(records.map((r) => r.profile.id)));
    await harness(page, 'mountTeamPage');
    await page.getByRole('heading', { level: 1, name: 'Team scorecard' }).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows each PA’s caseload and every headline measure exactly as shared/kpi computes them', async () => {
    expect(kpis.caseloads.map((load) => load.paId)).toEqual(PAS.map((pa) => pa.id));
    for (const load of kpis.caseloads) {
      const row = page.locator(`[data-testid=caseloads] tr[data-pa="${load.paId}"]`);
      expect(await row.locator('th').innerText()).toBe(PAS.find((pa) => pa.id === load.paId)?.displayName);
      expect(await row.locator('[data-count=caseload]').innerText()).toBe(String(load.ids.length));
    }
    expect(await page.locator('tr[data-pa=unallocated] [data-count=caseload]').innerText()).toBe(
      String(kpis.unallocated.length),
    );
    for (const { key } of HEADLINE_MEASURES) {
      const ratio = kpis[key];
      const row = page.locator(`[data-testid=measures] tr[data-measure=${key}]`);
      expect(await row.locator('[data-part=met]').innerText()).toBe(String(ratio.numerator.length));
      expect(await row.locator('[data-part=all]').innerText()).toBe(String(ratio.denominator.length));
      expect(await row.locator('[data-part=not-met]').innerText()).toBe(
        String(ratio.denominator.length - ratio.numerator.length),
      );
      expect(await row.locator('[data-part=percent]').innerText()).toBe(
        ratio.percent === null ? 'No one to count' : `${ratio.percent}%`,
      );
    }
    expect(kpis.active.length).toBeGreaterThan(150);
    await expect
      .poll(() => page.getByTestId('team-freshness').innerText())
      .toMatch(/Figures from the 216 records on this laptop/);
    await expectNoAxeViolations(page);
  });

  it('drills down from each number to exactly the young people behind it', async () => {
    for (const { key } of HEADLINE_MEASURES) {
      const ratio = kpis[key];
      await page.locator(`[data-testid=measures] tr[data-measure=${key}] [data-part=met]`).click();
      await page.getByRole('heading', { level: 1, name: /: counted$/ }).waitFor();
      expect(await idsInTable(page)).toEqual(sorted(ratio.numerator));
      await goTo(page, `/measure/${key}/not-met`, /: not counted$/);
      const met = new Set(ratio.numerator);
      expect(await idsInTable(page)).toEqual(sorted(ratio.denominator.filter((id) => !met.has(id))));
      await expectNoAxeViolations(page);
      await goTo(page, '', 'Team scorecard');
    }
    const load = kpis.caseloads[2];
    if (!load) throw new Error('no third caseload');
    await page.locator(`tr[data-pa="${load.paId}"] [data-count=caseload]`).click();
    await page.getByRole('heading', { level: 1, name: /^Caseload of / }).waitFor();
    expect(await idsInTable(page)).toEqual(sorted(load.ids));
  });

  it('lists the weekly exceptions with reasons and exports them as CSV', async () => {
    await goTo(page, '/exceptions', 'Exception report');
    const expected = new Map(kpis.exceptions.map((list) => [list.kind, list.entries]));
    for (const kind of [
      'review-overdue',
      'not-in-touch-no-recontact-plan',
      'actions-overdue',
      'turning-18',
    ] as const)
      expect(expected.get(kind)?.length ?? 0).toBeGreaterThan(0);
    for (const [kind, entries] of expected) {
      expect(await page.locator(`[data-testid=exception-summary] tr[data-kind=${kind}] td`).innerText()).toBe(
        String(entries.length),
      );
      const section = page.locator(`section[data-kind=${kind}]`);
      expect(await idsInTable(page, section.getByTestId('people-table'))).toEqual(
        sorted([...new Set(entries.map((e) => e.id))]),
      );
    }
    await expectNoAxeViolations(page);
    const rows = parseCsv(await download(page, 'Download the exception report (CSV)'));
    expect(rows[0]).toEqual(['Exception', 'Young person ID', 'Name', 'Personal adviser', 'Reason']);
    const total = kpis.exceptions.reduce((sum, list) => sum + list.entries.length, 0);
    expect(rows).toHaveLength(total + 1);
    const reviews = rows
      .filter((row) => row[0] === EXCEPTION_LABELS['review-overdue'])
      .map((row) => row[1] ?? '');
    expect(sorted(reviews)).toEqual(sorted(expected.get('review-overdue')?.map((e) => e.id) ?? []));
  });

  it('checks the OC3 return for a collection year and exports exactly the 17th–21st birthdays in it, all valid', async () => {
    const yearEnding = 2026; // 1 April 2025 – 31 March 2026
    const year = collectionYear(yearEnding);
    await goTo(page, '/returns', 'Returns');
    await page.getByLabel('Collection year').selectOption(String(yearEnding));
    await page.getByRole('button', { name: 'Check the OC3 return' }).click();
    await page.getByTestId('oc3-summary').waitFor({ timeout: 60_000 });
    const expectedRows = deriveOc3Table(records, yearEnding);
    expect(await page.getByTestId('oc3-summary').innerText()).toMatch(
      new RegExp(`^${expectedRows.length} rows: .*Every row passes the DfE validation rules\\.`),
    );
    await expectNoAxeViolations(page);

    const rows = parseCsv(await download(page, `Download the OC3 file for ${year.label} (CSV)`));
    expect(rows[0]).toEqual([...OC3_FIELDS]);
    const body = rows
      .slice(1)
      .map(
        (cells) =>
          Object.fromEntries(OC3_FIELDS.map((field, i) => [field, cells[i] ?? ''])) as Record<
            (typeof OC3_FIELDS)[number],
            string
          >,
      );
    expect(body.length).toBeGreaterThan(20);
    expect(validateOc3Table(body, yearEnding, oc3Context(records, yearEnding))).toEqual([]);
    // Exactly the care leavers (not qualifying; not still looked after on, or leaving care on or after, a
    // 17th or 18th birthday: DfE rules 1007 and 1016) with a 17th to 21st birthday in the collection year
    // (29 February birthdays on 28 February, as the DfE tooling does), worked out here independently.
    const inYear = records.filter(
      (r) =>
        r.profile.category !== 'qualifying' &&
        OC3_AGES.some((age) => {
          const birthday = returnBirthday(r.profile.dateOfBirth, age);
          const lookedAfter = r.profile.dateLeftCare === null || r.profile.dateLeftCare >= birthday;
          return isWithin(birthday, year.start, year.end) && !(age <= 18 && lookedAfter);
        }),
    );
    expect(sorted(body.map((row) => row.CHILD))).toEqual(sorted(inYear.map((r) => r.profile.id)));
    for (const row of body) {
      const dob = fromDfeDate(row.DOB);
      expect(dob).not.toBeNull();
      expect(OC3_AGES.some((age) => isWithin(returnBirthday(dob ?? '', age), year.start, year.end))).toBe(
        true,
      );
    }
  });

  it('exports Ofsted Annex A list 9 with Ofsted’s headings', async () => {
    await goTo(page, '/returns', 'Returns');
    const rows = parseCsv(await download(page, 'Download Annex A list 9 (CSV)'));
    expect(rows[0]).toEqual([...ANNEX_A_LIST9_HEADERS]);
    const names = {
      team: () => `Synthetic team ${TEAM}`,
      personalAdviser: (id: string) => PAS.find((pa) => pa.id === id)?.displayName ?? id,
    };
    const expected = annexAList9(records, TODAY, names);
    expect(rows.slice(1)).toEqual(expected.map((row) => ANNEX_A_LIST9_HEADERS.map((h) => row[h])));
    await expect
      .poll(() => page.getByTestId('returns-progress').innerText())
      .toMatch(`Annex A list 9 saved: ${expected.length} care leavers.`);
  });

  it('draws the quarterly trend with a table whose latest column equals today’s figures', async () => {
    await goTo(page, '/trend', 'Trend by quarter');
    await page.getByTestId('trend-table').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('trend-chart').getAttribute('role')).toBe('img');
    for (const { key } of HEADLINE_MEASURES) {
      const ratio = kpis[key];
      const cell = page.locator(`[data-testid=trend-table] tr[data-measure=${key}] td[data-date="${TODAY}"]`);
      expect(await cell.innerText()).toBe(
        `${ratio.percent === null ? 'No one to count' : `${ratio.percent}%`} (${ratio.numerator.length} of ${ratio.denominator.length})`,
      );
    }
    expect(await page.locator('[data-testid=trend-table] thead th').count()).toBe(10); // measure + 8 quarters + today
    await expectNoAxeViolations(page);
  });

  it('adds a management-oversight note to a record', async () => {
    const id = kpis.active[0] ?? '';
    await goTo(page, `/person/${id}`, /\S/);
    await page
      .getByLabel('Oversight note or decision')
      .fill('Synthetic decision: review the plan this month.');
    await page.getByLabel('Action for the personal adviser (optional)').fill('Book the review');
    await page.getByLabel('Action due by (optional, for example 31/3/2027)').fill('15/12/2026');
    await page.getByRole('button', { name: 'Save oversight note' }).click();
    await page.getByText('Oversight note saved.').waitFor();
    const saved = (await harness(page, 'read', id)) as {
      oversight: { note: string; dueBy: string | null; on: string }[];
    };
    expect(saved.oversight.find((n) => n.note.startsWith('Synthetic decision'))).toMatchObject({
      dueBy: '2026-12-15',
      on: TODAY,
    });
    await page
      .getByTestId('oversight-notes')
      .getByText('Synthetic decision: review the plan this month.')
      .waitFor();
    await expectNoAxeViolations(page);
  });

  it('raised no page errors', () => {
    expect(errors).toEqual([]);
  });
});

describe('reassignment by the team manager, with a real sync server', () => {
  const e2eUrl = inject('e2eUrl');
  const RECORD = 'e2e-reassign-1';
  const world = demoServerWorld(e2eUrl, 'team');
  const { signedIn, errors } = world;

  it('moves a young person to another PA: it shows on the new PA’s caseload and leaves the old one’s', async () => {
    const alexId = (await world.server().store.getUserByUsername('pa.alex'))?.id ?? '';
    const samId = (await world.server().store.getUserByUsername('pa.sam'))?.id ?? '';
    const alex = await signedIn('pa.alex');
    const created = await harness(alex, 'create', {
      id: RECORD,
      givenName: 'Synthia',
      familyName: 'Reassigned',
      dateOfBirth: '2007-03-01',
      teamId: 'team-north',
      allocatedPaId: alexId,
      category: 'relevant',
      dateLeftCare: '2025-03-01',
    });
    expect(created).toEqual({ ok: true, value: null });
    await expect.poll(() => harness(alex, 'syncStatus').then((s) => s?.waiting), { timeout: 20_000 }).toBe(0);
    const sam = await signedIn('pa.sam');
    expect(await harness(sam, 'recordIds')).not.toContain(RECORD);

    const manager = await signedIn('tm.morgan');
    // The manager's laptop may list the record before the PA's first update reaches the server (the
    // assignment is made when the PA's laptop opens the document); it has the content after a later round.
    const holds = async (page: Page) => {
      await harness(page, 'syncNow');
      const rows = (await harness(page, 'caseload')) as { id: string }[];
      return rows.some((row) => row.id === RECORD);
    };
    await expect.poll(() => holds(manager), { timeout: 30_000, interval: 500 }).toBe(true);
    await manager.evaluate((id) => {
      location.hash = `#/team/person/${id}`;
    }, RECORD);
    await harness(manager, 'mountTeamPage');
    await manager.getByRole('heading', { level: 1, name: 'Synthia Reassigned' }).waitFor();
    // Opening a young person moves focus to their name (issue 16: focus never drops to the page body).
    await expect
      .poll(() => manager.evaluate(() => document.activeElement?.textContent))
      .toBe('Synthia Reassigned');
    await expect
      .poll(() => manager.locator('[data-fact=pa]').innerText(), { timeout: 20_000 })
      .toBe('Alex Demo (PA)');
    const select = manager.getByLabel('New personal adviser');
    await expect
      .poll(() => select.locator('option').allInnerTexts(), { timeout: 20_000 })
      .toContain('Sam Demo (PA)');
    expect(await select.locator('option').allInnerTexts()).not.toContain('Alex Demo (PA)');
    expect(await checkPage(manager)).toEqual(CLEAN_PAGE);
    await select.selectOption({ label: 'Sam Demo (PA)' });
    await manager.getByRole('button', { name: 'Reassign' }).click();
    // A confirmation first, naming what moves with the young person; nothing has moved yet.
    const confirm = manager.getByRole('heading', {
      level: 2,
      name: 'Are you sure you want to move Synthia Reassigned to Sam Demo (PA)?',
    });
    await confirm.waitFor();
    expect(await confirm.evaluate((el) => el === document.activeElement)).toBe(true);
    const moves = await manager.getByTestId('reassign-moves').locator('li').allInnerTexts();
    expect(moves.join('\n')).toMatch(/0 open plan actions/);
    expect(moves.join('\n')).toMatch(/management oversight actions? for the personal adviser/);
    expect(await checkPage(manager)).toEqual(CLEAN_PAGE);
    expect((await world.server().store.getAssignment(RECORD))?.paUserId).toBe(alexId);
    await manager.getByRole('button', { name: 'Cancel' }).click();
    await manager.getByRole('button', { name: 'Reassign' }).waitFor();
    expect((await world.server().store.getAssignment(RECORD))?.paUserId).toBe(alexId);
    await select.selectOption({ label: 'Sam Demo (PA)' });
    await manager.getByRole('button', { name: 'Reassign' }).click();
    await manager.getByRole('button', { name: 'Yes, reassign' }).click();
    await manager
      .getByText('Synthia Reassigned is now supported by Sam Demo (PA).')
      .waitFor({ timeout: 20_000 });
    expect((await world.server().store.getAssignment(RECORD))?.paUserId).toBe(samId);
    await expect.poll(() => manager.locator('[data-fact=pa]').innerText()).toBe('Sam Demo (PA)');

    // Who has seen or changed this record: from the server's audit log, people by name, dates in words,
    // and the record's reference for IT (never its id).
    expect(await manager.getByTestId('record-reference').innerText()).toBe(recordReference(RECORD));
    await manager.getByRole('button', { name: 'Show who has seen or changed this record' }).click();
    const seen = manager.getByTestId('record-audit');
    await seen.waitFor({ timeout: 20_000 });
    const allocated = seen.getByRole('row').filter({ hasText: 'Young person allocated' });
    await expect.poll(() => allocated.count()).toBeGreaterThan(0);
    expect(await allocated.first().innerText()).toMatch(
      /^\d{1,2} [A-Z][a-z]{2} \d{4} at \d{2}:\d{2}\s+Morgan Demo \(Team manager\)\s+Young person allocated to Sam Demo \(PA\)$/,
    );
    expect(await seen.getByRole('row').filter({ hasText: 'Alex Demo (PA)' }).count()).toBeGreaterThan(0);
    expect(await checkPage(manager)).toEqual(CLEAN_PAGE);
    await expect
      .poll(() => harness(manager, 'syncStatus').then((s) => s?.waiting), { timeout: 20_000 })
      .toBe(0);

    const paOf = async (page: Page) => {
      await harness(page, 'syncNow');
      const rows = (await harness(page, 'caseload')) as { id: string; paId: string | null }[];
      return rows.find((row) => row.id === RECORD)?.paId ?? null;
    };
    await expect.poll(() => paOf(sam), { timeout: 60_000, interval: 500 }).toBe(samId);
    await expect.poll(() => paOf(alex), { timeout: 60_000, interval: 500 }).toBeNull();
    expect(await harness(alex, 'recordIds')).not.toContain(RECORD);

    // The former PA is told, and the message stays (across a reload) until dismissed.
    const told = 'Synthia Reassigned is now supported by Sam Demo (PA).';
    await expect
      .poll(
        async () => {
          await harness(alex, 'syncNow');
          await harness(alex, 'mountCaseloadNotices');
          return alex.getByText(told).count();
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBe(1);
    expect(await checkPage(alex)).toEqual(CLEAN_PAGE);
    await alex.reload();
    await harness(alex, 'mountCaseloadNotices');
    await alex.getByText(told).waitFor();
    await alex.getByRole('button', { name: 'Dismiss the message about Synthia Reassigned' }).click();
    await expect.poll(() => alex.getByText(told).count()).toBe(0);
    await alex.reload();
    await harness(alex, 'mountCaseloadNotices');
    await alex.getByRole('heading', { level: 1, name: 'My caseload' }).waitFor();
    expect(await alex.getByText(told).count()).toBe(0);
  });

  it('tells a team manager that the personal adviser adds a young person (a manager’s new record could not sync)', async () => {
    const page = await world.app('#/sign-in');
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await page.getByLabel('Username').fill('tm.morgan');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Team caseload' }).waitFor({ timeout: 60_000 });
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link', { name: 'Team caseload' }).getAttribute('aria-current')).toBe('page');
    expect(await page.getByRole('link', { name: 'Add a young person' }).count()).toBe(0);
    expect(await checkPage(page)).toEqual(CLEAN_PAGE);
    await page.evaluate(() => {
      location.hash = '#/young-people/new';
    });
    await page.getByRole('heading', { level: 1, name: 'Add a young person' }).waitFor();
    await page.getByText('A young person is added by the personal adviser who will support them').waitFor();
    expect(await page.getByLabel('Given name').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Import' }).count()).toBeGreaterThan(0);
    expect(await checkPage(page)).toEqual(CLEAN_PAGE);
  });

  it('raised no page errors', () => {
    expect(errors.flat()).toEqual([]);
  });
});
