import { describe, expect, it } from 'vitest';
import type { YoungPersonRecord } from '../domain/model.ts';
import { accommodation, contact, eet, flag, profile, record } from '../testing/builders.ts';
import { generateCaseload } from '../synthetic/generator.ts';
import { validateOc3Row, validateOc3Table } from './oc3-validation.ts';
import { deriveOc3Rows, deriveOc3Table, isInOc3Cohort, oc3Context, oc3Return } from './ssda903.ts';

const year = 2025; // 1 April 2024 – 31 March 2025
// 18th birthday 2024-06-15, left care the day before (leaving on the birthday means no row: rule 1016);
// in-touch window 2024-03-15 to 2024-07-15.
const base = record({
  profile: profile({ id: 'yp-9', dateOfBirth: '2006-06-15', dateLeftCare: '2024-06-14' }),
  accommodation: [accommodation('2024-06-14', { code: 'D', councilProvided: true })],
  eet: [eet('2023-09-01', { activ: 'F2' })],
});
const phone = (at: string) => contact(at, { method: 'phone', seen: false, seenAlone: false });
const only = (r: YoungPersonRecord) => {
  const rows = deriveOc3Rows(r, year);
  expect(rows).toHaveLength(1);
  const [first] = rows;
  if (first === undefined) throw new Error('no row');
  return first;
};

describe('deriving OC3 rows', () => {
  it('reports one row at the 18th birthday with the code for each field', () => {
    const derived = only({ ...base, contacts: [phone('2024-06-20T10:00:00Z')] });
    expect(derived).toEqual({
      row: { CHILD: 'yp-9', DOB: '15/06/2006', IN_TOUCH: 'YES', ACTIV: 'F2', ACCOM: 'D1' },
      birthday: '2024-06-15',
      age: 18,
      toComplete: [],
    });
    expect(validateOc3Row(derived.row, year)).toEqual([]);
  });
  it('counts contact from 3 months before to 1 month after the birthday', () => {
    expect(only({ ...base, contacts: [phone('2024-03-15T10:00:00Z')] }).row.IN_TOUCH).toBe('YES');
    expect(only({ ...base, contacts: [phone('2024-07-15T10:00:00Z')] }).row.IN_TOUCH).toBe('YES');
    const outside = only({
      ...base,
      contacts: [phone('2024-03-14T10:00:00Z'), phone('2024-07-16T10:00:00Z')],
    });
    expect(outside.row).toMatchObject({ IN_TOUCH: 'NO', ACTIV: '0', ACCOM: '0' });
    const attempt = contact('2024-06-20T10:00:00Z', {
      outcome: 'no-response',
      seen: false,
      seenAlone: false,
    });
    expect(only({ ...base, contacts: [attempt] }).row.IN_TOUCH).toBe('NO');
  });
  it('reports deaths, returns home after six months, no longer requiring services and refusals', () => {
    const inTouch = { ...base, contacts: [phone('2024-06-20T10:00:00Z')] };
    expect(only({ ...inTouch, flags: [flag('died', '2024-07-01')] }).row).toMatchObject({
      IN_TOUCH: 'DIED',
      ACTIV: '0',
      ACCOM: '0',
    });
    expect(only({ ...inTouch, flags: [flag('died', '2024-07-16')] }).row.IN_TOUCH).toBe('YES');
    expect(only({ ...inTouch, flags: [flag('returned-home', '2023-12-15')] }).row.IN_TOUCH).toBe('RHOM');
    expect(only({ ...inTouch, flags: [flag('returned-home', '2023-12-16')] }).row.IN_TOUCH).toBe('YES');
    expect(
      only({ ...inTouch, flags: [flag('no-longer-requires-services', '2024-05-01')] }).row.IN_TOUCH,
    ).toBe('NREQ');
    expect(only({ ...inTouch, flags: [flag('refuses-contact', '2024-05-01')] }).row.IN_TOUCH).toBe('REFU');
  });
  it('takes activity and accommodation near the birthday when none covers it, and never invents a code', () => {
    const near = {
      ...base,
      contacts: [phone('2024-06-20T10:00:00Z')],
      accommodation: [
        accommodation('2024-07-01', { code: 'W', suitable: false, suitabilityReason: 'Emergency' }),
      ],
      eet: [eet('2023-09-01', { activ: 'F5', endDate: '2024-06-01' })],
    };
    expect(only(near)).toMatchObject({ row: { ACTIV: 'F5', ACCOM: 'W2' }, toComplete: [] });
    const missing = only({ ...base, contacts: [phone('2024-06-20T10:00:00Z')], accommodation: [], eet: [] });
    expect(missing.row).toMatchObject({ IN_TOUCH: 'YES', ACTIV: '', ACCOM: '' });
    expect(missing.toComplete).toEqual([
      'In touch at the 18th birthday but no education, employment or training is recorded around it: record the activity (ACTIV).',
      'In touch at the 18th birthday but no accommodation is recorded around it: record the accommodation (ACCOM).',
    ]);
    expect(validateOc3Row(missing.row, year).map((f) => f.rule)).toEqual(['132', '133', '153', '153']);
  });
  it('blocks the export and lists the records to complete instead of reporting G5 or R2', () => {
    const missing = { ...base, contacts: [phone('2024-06-20T10:00:00Z')], eet: [] };
    const complete = {
      ...base,
      profile: { ...base.profile, id: 'yp-10' },
      contacts: [phone('2024-06-20T10:00:00Z')],
    };
    const blocked = oc3Return([missing, complete], year);
    expect(blocked.exportable).toBe(false);
    expect(blocked.toComplete.map((r) => r.row.CHILD)).toEqual(['yp-9']);
    expect(blocked.failures.map((f) => f.child)).toEqual(['yp-9']);
    const fine = oc3Return([complete], year);
    expect([fine.exportable, fine.rows.length, fine.failures]).toEqual([true, 1, []]);
  });
  it('lists a Foyer at the 18th birthday as a record to correct (rule 347)', () => {
    const foyer = only({
      ...base,
      contacts: [phone('2024-06-20T10:00:00Z')],
      accommodation: [accommodation('2024-06-14', { code: 'T' })],
    });
    expect(foyer.row.ACCOM).toBe('T1');
    expect(foyer.toComplete[0]).toMatch(/DfE rule 347/);
  });
  it('reports former foster carers (Z) only for a Staying Put arrangement (s23CZA)', () => {
    const at19 = {
      ...base,
      profile: { ...base.profile, dateOfBirth: '2005-06-15', dateLeftCare: '2023-06-15' },
      contacts: [phone('2024-06-20T10:00:00Z')],
    };
    const z = (extra: object) => ({
      ...at19,
      accommodation: [accommodation('2023-06-15', { code: 'Z', ...extra })],
    });
    expect(only(z({ carer: 'Synthetic carer', formerFosterCarer: true }))).toMatchObject({
      row: { ACCOM: 'Z1' },
      toComplete: [],
    });
    expect(only(z({})).toComplete[0]).toMatch(/Staying Put arrangement/);
  });
  it('has no row for a young person who left care on the 17th or 18th birthday (rule 1016)', () => {
    const onBirthday = { ...base, profile: { ...base.profile, dateLeftCare: '2024-06-15' } };
    expect(deriveOc3Rows(onBirthday, year)).toEqual([]);
    const seventeen = {
      ...base,
      profile: {
        ...base.profile,
        dateOfBirth: '2007-06-15',
        dateLeftCare: '2024-06-15',
        category: 'relevant' as const,
      },
    };
    expect(deriveOc3Rows(seventeen, year)).toEqual([]);
    const dayBefore = { ...seventeen, profile: { ...seventeen.profile, dateLeftCare: '2024-06-14' } };
    expect(deriveOc3Rows(dayBefore, year).map((r) => r.age)).toEqual([17]);
  });
  it('leaves out qualifying young people and 17- or 18-year-olds still looked after on the birthday (rule 1007)', () => {
    expect(isInOc3Cohort({ ...base, profile: { ...base.profile, category: 'qualifying' } })).toBe(false);
    expect(deriveOc3Rows({ ...base, profile: { ...base.profile, category: 'qualifying' } }, year)).toEqual(
      [],
    );
    const inCare = {
      ...base,
      profile: {
        ...base.profile,
        dateOfBirth: '2007-06-15',
        dateLeftCare: null,
        category: 'eligible' as const,
      },
    };
    expect(deriveOc3Rows(inCare, year)).toEqual([]);
    const left = {
      ...inCare,
      profile: { ...inCare.profile, dateLeftCare: '2024-06-14', category: 'relevant' as const },
    };
    expect(deriveOc3Rows(left, year).map((r) => r.age)).toEqual([17]);
  });
  it('includes 19th to 21st birthdays and nothing outside the collection year', () => {
    const born = (dateOfBirth: string) => ({
      ...base,
      profile: { ...base.profile, dateOfBirth, dateLeftCare: null },
    });
    expect(deriveOc3Rows(born('2003-06-15'), year).map((r) => r.age)).toEqual([21]);
    expect(deriveOc3Rows(born('2004-03-31'), year).map((r) => [r.age, r.birthday])).toEqual([
      [21, '2025-03-31'],
    ]);
    expect(deriveOc3Rows(born('2004-04-01'), year).map((r) => [r.age, r.birthday])).toEqual([
      [20, '2024-04-01'],
    ]);
    expect(deriveOc3Rows(born('2004-04-01'), 2026).map((r) => [r.age, r.birthday])).toEqual([
      [21, '2025-04-01'],
    ]);
    expect(deriveOc3Rows(born('2002-06-15'), year)).toEqual([]);
  });
  it('puts a 29 February birthday on 28 February in a common year, as the DfE tooling does', () => {
    const leap = { ...base, profile: { ...base.profile, dateOfBirth: '2004-02-29', dateLeftCare: null } };
    expect(deriveOc3Rows(leap, year).map((r) => [r.birthday, r.row.DOB])).toEqual([
      ['2025-02-28', '29/02/2004'],
    ]);
    // 17th birthday 28 Feb 2025: leaving care that day is leaving on the birthday (no row, rule 1016).
    const seventeen = {
      ...base,
      profile: {
        ...base.profile,
        dateOfBirth: '2008-02-29',
        dateLeftCare: '2025-02-28',
        category: 'relevant' as const,
      },
    };
    expect(deriveOc3Rows(seventeen, year)).toEqual([]);
    const before = { ...seventeen, profile: { ...seventeen.profile, dateLeftCare: '2025-02-27' } };
    expect(deriveOc3Rows(before, year).map((r) => r.birthday)).toEqual(['2025-02-28']);
  });
  it('derives a table for a caseload', () => {
    expect(
      deriveOc3Table([base, { ...base, profile: { ...base.profile, id: 'yp-10' } }], year).map(
        (r) => r.row.CHILD,
      ),
    ).toEqual(['yp-9', 'yp-10']);
  });
});

describe('OC3 rows from seeded caseloads', () => {
  it.each([
    [1, 2025],
    [1, 2026],
    [2, 2025],
    [2, 2026],
    [3, 2025],
    [3, 2026],
  ])(
    'seed %i, year ending %i: every complete row passes every rule, cross-table rules included',
    (seed, yearEnding) => {
      const records = generateCaseload({ seed, count: 600, today: '2026-06-15' });
      const result = oc3Return(records, yearEnding);
      expect(result.rows.length).toBeGreaterThan(150);
      const complete = result.rows.filter((r) => r.toComplete.length === 0).map((r) => r.row);
      expect(validateOc3Table(complete, yearEnding, oc3Context(records, yearEnding))).toEqual([]);
      // Rows that fail are exactly the rows with something to complete, and those are few.
      expect(result.failures.map((f) => f.child)).toEqual(result.toComplete.map((r) => r.row.CHILD));
      expect(result.toComplete.length).toBeLessThanOrEqual(3);
      // No one still looked after on, or leaving care on or after, a 17th or 18th birthday in the year.
      for (const derived of result.rows.filter((r) => r.age <= 18)) {
        const left = records.find((r) => r.profile.id === derived.row.CHILD)?.profile.dateLeftCare ?? null;
        expect(left !== null && left < derived.birthday).toBe(true);
      }
    },
  );
});
