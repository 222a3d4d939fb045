import { describe, expect, it } from 'vitest';
import type { YoungPersonRecord } from '../domain/model.ts';
import { accommodation, contact, eet, flag, profile, record } from '../testing/builders.ts';
import { validateOc3Row } from './oc3-validation.ts';
import { deriveOc3Rows, deriveOc3Table, isInOc3Cohort } from './ssda903.ts';

const year = 2025; // 1 April 2024 – 31 March 2025
// 18th birthday 2024-06-15, left care that day; in-touch window 2024-03-15 to 2024-07-15.
const base = record({
  profile: profile({ id: 'yp-9', dateOfBirth: '2006-06-15', dateLeftCare: '2024-06-15' }),
  accommodation: [accommodation('2024-06-15', { code: 'D', councilProvided: true })],
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
      notes: [],
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
  it('takes activity and accommodation near the birthday when none covers it, and notes fallbacks', () => {
    const near = {
      ...base,
      contacts: [phone('2024-06-20T10:00:00Z')],
      accommodation: [
        accommodation('2024-07-01', { code: 'W', suitable: false, suitabilityReason: 'Emergency' }),
      ],
      eet: [eet('2023-09-01', { activ: 'F5', endDate: '2024-06-01' })],
    };
    expect(only(near)).toMatchObject({ row: { ACTIV: 'F5', ACCOM: 'W2' }, notes: [] });
    const missing = only({ ...base, contacts: [phone('2024-06-20T10:00:00Z')], accommodation: [], eet: [] });
    expect(missing.row).toMatchObject({ ACTIV: 'G5', ACCOM: 'R2' });
    expect(missing.notes).toHaveLength(2);
    expect(validateOc3Row(missing.row, year)).toEqual([]);
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
  it('puts a 29 February 21st birthday on 1 March, inside the same collection year', () => {
    const leap = { ...base, profile: { ...base.profile, dateOfBirth: '2004-02-29', dateLeftCare: null } };
    expect(deriveOc3Rows(leap, year).map((r) => [r.birthday, r.row.DOB])).toEqual([
      ['2025-03-01', '29/02/2004'],
    ]);
  });
  it('derives a table for a caseload', () => {
    expect(
      deriveOc3Table([base, { ...base, profile: { ...base.profile, id: 'yp-10' } }], year).map(
        (r) => r.row.CHILD,
      ),
    ).toEqual(['yp-9', 'yp-10']);
  });
});
