import { describe, expect, it } from 'vitest';
import { OC3_RULE_MESSAGES, validateOc3Row, validateOc3Table } from './oc3-validation.ts';
import { fromDfeDate, ordinal, returnAgeOn, returnBirthday, toDfeDate, type Oc3RowInput } from './oc3.ts';

const year = 2025; // 1 April 2024 – 31 March 2025
const row = (overrides: Partial<Oc3RowInput> = {}): Oc3RowInput => ({
  CHILD: 'yp-1',
  DOB: '15/06/2005',
  IN_TOUCH: 'YES',
  ACTIV: 'F2',
  ACCOM: 'D1',
  ...overrides,
});
const rules = (input: Oc3RowInput) =>
  validateOc3Row(input, year).map((failure) => `${failure.rule} ${failure.field}`);
const tableRules = (input: readonly Oc3RowInput[], context = {}) =>
  validateOc3Table(input, year, context).flatMap((r) => r.failures.map((f) => `${r.index} ${f.rule}`));

describe('OC3 row validation', () => {
  it('passes consistent rows', () => {
    expect(validateOc3Row(row(), year)).toEqual([]);
    expect(validateOc3Row(row({ IN_TOUCH: 'NO', ACTIV: '0', ACCOM: '0' }), year)).toEqual([]);
    expect(validateOc3Row(row({ IN_TOUCH: 'NO', ACTIV: 'G5', ACCOM: 'R2' }), year)).toEqual([]);
    expect(validateOc3Row(row({ IN_TOUCH: 'DIED', ACTIV: '0', ACCOM: '0' }), year)).toEqual([]);
  });
  it('checks the code lists, where a blank is not a code (rules 131, 132, 133)', () => {
    expect(rules(row({ IN_TOUCH: 'yes' }))).toEqual(['131 IN_TOUCH']);
    expect(rules(row({ ACTIV: 'F3' }))).toEqual(['132 ACTIV']);
    expect(rules(row({ ACCOM: 'S1' }))).toEqual(['133 ACCOM']);
    expect(rules(row({ ACCOM: 'X1' }))).toEqual(['133 ACCOM']);
    expect(rules(row({ ACCOM: 'D' }))).toEqual(['133 ACCOM']);
    expect(validateOc3Row(row({ ACTIV: 'F3' }), year)[0]?.message).toBe(
      `${OC3_RULE_MESSAGES['132']} (got "F3")`,
    );
    expect(rules(row({ IN_TOUCH: '', ACTIV: '', ACCOM: '' }))).toEqual([
      '131 IN_TOUCH',
      '132 ACTIV',
      '133 ACCOM',
    ]);
  });
  it('accepts B&B and emergency accommodation reported as suitable (V1, W1 are DfE codes)', () => {
    expect(rules(row({ ACCOM: 'V1' }))).toEqual([]);
    expect(rules(row({ ACCOM: 'W1' }))).toEqual([]);
  });
  it('needs all three care-leaver fields or none (rule 153)', () => {
    expect(rules(row({ ACTIV: '', ACCOM: '' }))).toEqual([
      '132 ACTIV',
      '133 ACCOM',
      '153 ACTIV',
      '153 ACCOM',
    ]);
    expect(validateOc3Row(row({ IN_TOUCH: '' }), year).find((f) => f.rule === '153')?.message).toMatch(
      /IN_TOUCH is blank but ACTIV and ACCOM is not/,
    );
  });
  it('needs 0 for activity and accommodation when the young person died or returned home (rule 344)', () => {
    expect(rules(row({ IN_TOUCH: 'DIED' }))).toEqual(['344 ACTIV', '344 ACCOM']);
    expect(rules(row({ IN_TOUCH: 'RHOM', ACTIV: '0' }))).toEqual(['344 ACCOM']);
  });
  it('rejects 0 when the young person is in touch (rule 345)', () => {
    expect(rules(row({ ACTIV: '0' }))).toEqual(['345 ACTIV']);
    expect(rules(row({ ACTIV: '0', ACCOM: '0' }))).toEqual(['345 ACTIV', '345 ACCOM']);
  });
  it('rejects a Foyer for a young person under 18 at the start of the year (rule 347)', () => {
    // 18 on 1 April 2024, the first day of the year: allowed; a day younger: not.
    expect(rules(row({ DOB: '01/04/2006', ACCOM: 'T1' }))).toEqual([]);
    expect(rules(row({ DOB: '02/04/2006', ACCOM: 'T2' }))).toEqual(['347 ACCOM']);
    expect(rules(row({ DOB: '02/04/2006', ACCOM: 'D1' }))).toEqual([]);
  });
  it('rejects information for a young person under 17 at the end of the year (rule 391)', () => {
    expect(rules(row({ DOB: '01/04/2008' }))).toEqual(['391 DOB']);
    expect(rules(row({ DOB: '31/03/2008', ACCOM: 'D1' }))).toEqual([]);
  });
  it('rejects former foster carers (Z) at a 17th birthday in the year (rule 3001)', () => {
    expect(rules(row({ DOB: '01/04/2007', ACCOM: 'Z1' }))).toEqual(['3001 ACCOM']);
    expect(rules(row({ DOB: '31/03/2008', ACCOM: 'Z2' }))).toEqual(['3001 ACCOM']);
    expect(rules(row({ DOB: '31/03/2007', ACCOM: 'Z1' }))).toEqual([]);
  });
  it('takes 28 February as a 29 February birthday in a common year, as the DfE tooling does', () => {
    expect(returnBirthday('2008-02-29', 17)).toBe('2025-02-28');
    expect(returnBirthday('2008-02-29', 16)).toBe('2024-02-29');
    expect(returnAgeOn('2008-02-29', '2025-02-27')).toBe(16);
    expect(returnAgeOn('2008-02-29', '2025-02-28')).toBe(17);
    // 17th birthday 28 Feb 2025 is in 2024-25: a Foyer is out, Z is out, and the row is not under 17.
    expect(rules(row({ DOB: '29/02/2008', ACCOM: 'Z1' }))).toEqual(['3001 ACCOM']);
    expect(rules(row({ DOB: '29/02/2008', ACCOM: 'T1' }))).toEqual(['347 ACCOM']);
  });
  it('needs a child id and a readable date of birth', () => {
    expect(rules(row({ CHILD: ' ' }))).toEqual(['local CHILD']);
    expect(rules(row({ DOB: '2005-06-15' }))).toEqual(['local DOB']);
    expect(rules(row({ DOB: '30/02/2005' }))).toEqual(['local DOB']);
  });
});

describe('OC3 table validation', () => {
  it('reports rows that fail, with their index, and a child appearing twice (INT34)', () => {
    const result = validateOc3Table([row(), row({ CHILD: 'yp-2', ACTIV: '0' }), row()], year);
    expect(result.map((r) => [r.index, r.child, r.failures.map((f) => f.rule)])).toEqual([
      [1, 'yp-2', ['345']],
      [2, 'yp-1', ['INT34']],
    ]);
  });
  it('rejects information for a 17- or 18-year-old still looked after on the birthday (rule 1007)', () => {
    // 18th birthday 15 June 2024.
    const eighteen = row({ DOB: '15/06/2006' });
    expect(tableRules([eighteen], { careEnded: new Map([['yp-1', null]]) })).toEqual(['0 1007']);
    expect(tableRules([eighteen], { careEnded: new Map([['yp-1', '2024-06-16']]) })).toEqual([
      '0 1007',
      '0 1016',
    ]);
    expect(tableRules([eighteen], { careEnded: new Map([['yp-1', '2024-06-14']]) })).toEqual([]);
    // Without the episode table the cross-table rules cannot be checked.
    expect(tableRules([eighteen])).toEqual([]);
  });
  it('rejects information for a 17- or 18-year-old who left care on or after the birthday (rule 1016)', () => {
    const seventeen = row({ DOB: '15/06/2007' }); // 17th birthday 15 June 2024
    expect(tableRules([seventeen], { careEnded: new Map([['yp-1', '2024-06-15']]) })).toEqual(['0 1016']);
    expect(tableRules([seventeen], { careEnded: new Map([['yp-1', '2024-06-14']]) })).toEqual([]);
    expect(
      validateOc3Table([seventeen], year, { careEnded: new Map([['yp-1', '2024-06-15']]) })[0]?.failures[0]
        ?.message,
    ).toBe(`${OC3_RULE_MESSAGES['1016']} (17th birthday 2024-06-15, left care 2024-06-15)`);
    // 19 and over: not these rules' business.
    const nineteen = row({ DOB: '15/06/2005' });
    expect(tableRules([nineteen], { careEnded: new Map([['yp-1', '2023-06-15']]) })).toEqual([]);
    // A blank row is not "information provided" (it fails 131–133 instead).
    const blank = row({ DOB: '15/06/2007', IN_TOUCH: '', ACTIV: '', ACCOM: '' });
    expect(tableRules([blank], { careEnded: new Map([['yp-1', '2024-06-15']]) })).toEqual([
      '0 131',
      '0 132',
      '0 133',
    ]);
  });
  it('uses 28 February for a 29 February 17th birthday in the episode rules', () => {
    // Leaving care on 28 Feb 2025 is leaving on the 17th birthday (on 1 March it would be the day before).
    const common = row({ DOB: '29/02/2008', IN_TOUCH: 'NO', ACTIV: '0', ACCOM: '0' }); // 17 on 28 Feb 2025
    expect(tableRules([common], { careEnded: new Map([['yp-1', '2025-02-28']]) })).toEqual(['0 1016']);
    expect(tableRules([common], { careEnded: new Map([['yp-1', '2025-02-27']]) })).toEqual([]);
  });
  it('rejects a young person reported last year as having died and not now (rule 348)', () => {
    const lastYear = [row({ IN_TOUCH: 'DIED', ACTIV: '0', ACCOM: '0' })];
    expect(tableRules([row()], { lastYear })).toEqual(['0 348']);
    expect(tableRules([row({ IN_TOUCH: 'DIED', ACTIV: '0', ACCOM: '0' })], { lastYear })).toEqual([]);
    expect(tableRules([row({ CHILD: 'yp-2' })], { lastYear })).toEqual([]);
  });
});

describe('DfE dates', () => {
  it('converts between ISO and dd/mm/yyyy', () => {
    expect(toDfeDate('2005-06-01')).toBe('01/06/2005');
    expect(fromDfeDate('29/02/2004')).toBe('2004-02-29');
    expect(fromDfeDate('29/02/2005')).toBeNull();
    expect(fromDfeDate('1/6/2005')).toBeNull();
  });
  it('writes ordinals', () => {
    expect([17, 18, 21, 22, 23, 11, 12, 13, 111].map(ordinal)).toEqual([
      '17th',
      '18th',
      '21st',
      '22nd',
      '23rd',
      '11th',
      '12th',
      '13th',
      '111th',
    ]);
  });
});
