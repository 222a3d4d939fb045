/**
 * A team manager imports the council's SSDA903 and people files through the app (Chromium, the team
 * view's import page, a real sync server): chooses the files, checks the column mapping, previews,
 * explicitly skips the refused rows, confirms; then the PAs' laptops receive their new caseloads, the
 * manager prints a young person's case notes and exports the team's work as CSV.
 * Synthetic data only (shared/exchange/testing/synthetic-council.ts).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { formatIsoDate } from '../../shared/domain/dates.ts';
import { generateCouncil, writeCouncilYear } from '../../shared/exchange/testing/synthetic-council.ts';
import { collectionYear, collectionYearOf } from '../../shared/returns/collection-year.ts';
import { CLEAN_PAGE, checkPage } from './support/page-check.ts';
import { demoServerWorld } from './support/demo-server.ts';
import { harness } from './support/harness.ts';

const now = new Date();
const serverToday = formatIsoDate(now.getUTCFullYear(), now.getUTCMonth() + 1, now.getUTCDate());
/** The harness's team view starts on 22 Nov 2026 and offers the collection years around its last one. */
const yearEnding = collectionYearOf('2026-11-22').yearEnding - 1;
const TEAM = 'Demo Team North';
const children = generateCouncil({
  seed: 1515,
  count: 40,
  yearEnding,
  pas: [
    { username: 'pa.alex', team: TEAM },
    { username: 'pa.sam', team: TEAM },
  ],
});
const files = writeCouncilYear(children, { yearEnding, importOn: serverToday, badRows: true });
const csv = (name: string, text: string) => ({
  name,
  mimeType: 'text/csv',
  buffer: Buffer.from(text, 'utf8'),
});

describe('import by the team manager through the app', () => {
  const e2eUrl = inject('e2eUrl');
  const world = demoServerWorld(e2eUrl, 'import');
  const { signedIn, errors } = world;

  it('previews, refuses to import refused rows until told, imports, and the PAs receive their caseloads', async () => {
    const manager = await signedIn('tm.morgan');
    await manager.evaluate(() => {
      location.hash = '#/team/import';
    });
    await harness(manager, 'mountTeamPage');
    await manager.getByRole('heading', { level: 1, name: 'Import from the system of record' }).waitFor();
    await manager.getByLabel('SSDA903 Header file').setInputFiles(csv('header.csv', files.header));
    await manager.getByLabel('SSDA903 Episodes file').setInputFiles(csv('episodes.csv', files.episodes));
    await manager.getByLabel('SSDA903 OC3 file (optional)').setInputFiles(csv('oc3.csv', files.oc3));
    await manager.getByLabel('People file').setInputFiles(csv('people.csv', files.people));
    // The mapping is guessed from the column names; the manager checks it.
    const givenName = manager.getByLabel('Given name');
    await expect.poll(() => givenName.inputValue()).toBe('Forename');
    expect(await manager.getByLabel('Allocated PA (Waymark username)').inputValue()).toBe('PA');
    await manager.getByLabel('Collection year of the files').selectOption({ value: String(yearEnding) });
    expect(await checkPage(manager)).toEqual(CLEAN_PAGE);

    await manager.getByRole('button', { name: 'Preview the import' }).click();
    const preview = manager.getByTestId('import-preview');
    await preview.waitFor({ timeout: 30_000 });
    const counts = Object.fromEntries(
      await manager
        .getByTestId('import-counts')
        .locator('tr')
        .evaluateAll((rows) =>
          rows.map((r) => [
            r.querySelector('th')?.textContent ?? '',
            Number(r.querySelector('td')?.textContent),
          ]),
        ),
    ) as Record<string, number>;
    expect(counts['Young people refused']).toBe(9);
    const created = counts['New records to create'] ?? 0;
    expect(created).toBeGreaterThan(10);
    const refusals = await manager.getByTestId('import-refusals').locator('tbody tr').count();
    expect(refusals).toBe(files.expectedRefusals.length);
    expect(await checkPage(manager)).toEqual(CLEAN_PAGE);
    expect(await world.server().store.listDocNames()).not.toContainEqual(expect.stringMatching(/^yp:sor-/));

    const confirm = manager.getByRole('button', { name: `Import ${created} young people` });
    expect(await confirm.isDisabled()).toBe(true);
    await manager
      .getByLabel('Import without the refused rows (the young people refused are left out)')
      .check();
    await confirm.click();
    await manager.getByTestId('import-done').waitFor({ timeout: 60_000 });
    expect(await manager.getByTestId('import-done').innerText()).toContain(
      `Imported: ${created} new records`,
    );

    for (const username of ['pa.alex', 'pa.sam']) {
      const pa = await world.server().store.getUserByUsername(username);
      const expected = (await world.server().store.listAssignmentsForPa(pa?.id ?? ''))
        .map((a) => a.youngPersonId)
        .filter((id) => id.startsWith('sor-'))
        .sort();
      expect(expected.length).toBeGreaterThan(0);
      const laptop = await signedIn(username);
      const received = async () => {
        await harness(laptop, 'syncNow');
        return (await harness(laptop, 'recordIds')).filter((id) => id.startsWith('sor-')).sort();
      };
      await expect.poll(received, { timeout: 90_000, interval: 1000 }).toEqual(expected);
    }
    // The manager's laptop receives the team's records too, and prints a young person's case notes.
    const someone = (
      await world
        .server()
        .store.listAssignmentsForTeam((await world.server().store.getTeamByName(TEAM))?.id ?? '')
    )
      .map((a) => a.youngPersonId)
      // One of the generated council's children (the deliberate bad rows add people of their own).
      .find((id) => children.some((c) => `sor-${c.child}` === id));
    if (someone === undefined) throw new Error('no imported record in the team');
    await expect
      .poll(
        async () => {
          await harness(manager, 'syncNow');
          return harness(manager, 'recordIds');
        },
        { timeout: 90_000, interval: 1000 },
      )
      .toContain(someone);
    await manager.evaluate((id) => {
      location.hash = `#/team/person/${id}/case-notes`;
    }, someone);
    await harness(manager, 'mountTeamPage');
    const source = children.find((c) => `sor-${c.child}` === someone);
    await manager.getByRole('heading', { level: 1, name: /^Case notes: / }).waitFor({ timeout: 30_000 });
    expect(await manager.getByRole('heading', { level: 1 }).innerText()).toContain(source?.familyName ?? '?');
    expect(await manager.getByText(someone.slice('sor-'.length), { exact: true }).count()).toBe(1);
    expect(await checkPage(manager)).toEqual(CLEAN_PAGE);

    // And sends the team's recorded work back as CSV.
    await manager.evaluate(() => {
      location.hash = '#/team/export';
    });
    await harness(manager, 'mountTeamPage');
    await manager.getByRole('heading', { level: 1, name: 'Send work to the system of record' }).waitFor();
    await manager.getByRole('button', { name: 'Export' }).click();
    const exported = manager.getByTestId('export-result');
    await exported.waitFor({ timeout: 30_000 });
    expect(await exported.getByRole('heading', { level: 2 }).innerText()).toMatch(
      /^Work recorded from 1 Jan 1970 to /,
    );
    expect(await checkPage(manager)).toEqual(CLEAN_PAGE);
    const [file] = await Promise.all([
      manager.waitForEvent('download'),
      manager.getByRole('button', { name: 'Download contacts' }).click(),
    ]);
    expect(readFileSync(await file.path(), 'utf8').split('\r\n')[0]).toBe(
      '\uFEFFwaymark_id,child,given_name,family_name,contact_id,contact_at,method,by,seen,seen_alone,outcome,notes,recorded_on',
    );
    const [exportAudit] = await world.server().store.queryAudit({ event: 'export.bulk', limit: 1 });
    expect(exportAudit?.detail).toMatch(/scope=team from=1970-01-01/);

    const [audit] = await world.server().store.queryAudit({ event: 'import.bulk', limit: 1 });
    expect(audit?.detail).toContain(`year=${yearEnding} `);
    expect(collectionYear(yearEnding).end < serverToday).toBe(true);
  });

  it('raised no page errors', () => {
    expect(errors.flat()).toEqual([]);
  });
});
