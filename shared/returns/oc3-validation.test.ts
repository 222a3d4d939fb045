import { describe, expect, it } from 'vitest';
import { validateOc3Row, validateOc3Table } from './oc3-validation.ts';
import { fromDfeDate, toDfeDate, type Oc3RowInput } from './oc3.ts';

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
  validateOc3Row(input, year).map((failure) => `${failure.rule} ${failure.name} ${failure.field}`);

describe('OC3 row validation', () => {
  it('passes a consistent row and an all-blank row', () => {
    expect(validateOc3Row(row(), year)).toEqual([]);
    expect(validateOc3Row(row({ IN_TOUCH: '', ACTIV: '', ACCOM: '' }), year)).toEqual([]);
    expect(validateOc3Row(row({ IN_TOUCH: 'NO', ACTIV: '0', ACCOM: '0' }), year)).toEqual([]);
    expect(validateOc3Row(row({ IN_TOUCH: 'NO', ACTIV: 'G5', ACCOM: 'R2' }), year)).toEqual([]);
  });
  it('checks the code lists (rules 131, 132, 133)', () => {
    expect(rules(row({ IN_TOUCH: 'yes' }))).toContain('131 code-list IN_TOUCH');
    expect(rules(row({ ACTIV: 'F3' }))).toContain('132 code-list ACTIV');
    expect(rules(row({ ACCOM: 'S1' }))).toContain('133 code-list ACCOM');
    expect(rules(row({ ACCOM: 'D' }))).toContain('133 code-list ACCOM');
    expect(validateOc3Row(row({ ACTIV: 'F3' }), year)[0]?.message).toBe('"F3" is not a valid ACTIV code');
  });
  it('needs all three care-leaver fields or none (rule 153)', () => {
    expect(rules(row({ ACTIV: '', ACCOM: '' }))).toEqual(['153 all-or-none ACTIV', '153 all-or-none ACCOM']);
    expect(validateOc3Row(row({ IN_TOUCH: '' }), year)[0]?.message).toMatch(/because ACTIV and ACCOM are/);
  });
  it('needs 0 for activity and accommodation when the young person died or returned home (rule 344)', () => {
    expect(rules(row({ IN_TOUCH: 'DIED' }))).toEqual([
      '344 died-or-returned-home-zero ACTIV',
      '344 died-or-returned-home-zero ACCOM',
    ]);
    expect(rules(row({ IN_TOUCH: 'RHOM', ACTIV: '0' }))).toEqual(['344 died-or-returned-home-zero ACCOM']);
  });
  it('rejects 0 when the young person is in touch (rule 345)', () => {
    expect(rules(row({ ACTIV: '0' }))).toEqual(['345 in-touch-not-zero ACTIV']);
    expect(rules(row({ ACTIV: '0', ACCOM: '0' }))).toEqual([
      '345 in-touch-not-zero ACTIV',
      '345 in-touch-not-zero ACCOM',
    ]);
  });
  it('needs blanks for a young person under 17 at the end of the collection year (rule 391)', () => {
    expect(rules(row({ DOB: '01/04/2008' }))).toEqual([
      '391 under-17-blank IN_TOUCH',
      '391 under-17-blank ACTIV',
      '391 under-17-blank ACCOM',
    ]);
    expect(rules(row({ DOB: '31/03/2008', ACCOM: 'D1' }))).toEqual([]);
    expect(validateOc3Row(row({ DOB: '01/04/2008', IN_TOUCH: '', ACTIV: '', ACCOM: '' }), year)).toEqual([]);
  });
  it('rejects former foster carers (Z) at a 17th birthday in the year (rule 3001)', () => {
    expect(rules(row({ DOB: '01/04/2007', ACCOM: 'Z1' }))).toEqual(['3001 no-staying-put-at-17 ACCOM']);
    expect(rules(row({ DOB: '31/03/2008', ACCOM: 'Z2' }))).toEqual(['3001 no-staying-put-at-17 ACCOM']);
    expect(rules(row({ DOB: '31/03/2007', ACCOM: 'Z1' }))).toEqual([]);
  });
  it('needs a child id and a readable date of birth', () => {
    expect(rules(row({ CHILD: ' ' }))).toEqual(['local child-required CHILD']);
    expect(rules(row({ DOB: '2005-06-15' }))).toEqual(['local dob-format DOB']);
    expect(rules(row({ DOB: '30/02/2005' }))).toEqual(['local dob-format DOB']);
  });
});

describe('OC3 table validation', () => {
  it('reports rows that fail, with their index, and a child appearing twice', () => {
    const result = validateOc3Table([row(), row({ CHILD: 'yp-2', ACTIV: '0' }), row()], year);
    expect(result.map((r) => [r.index, r.child, r.failures.map((f) => f.name)])).toEqual([
      [1, 'yp-2', ['in-touch-not-zero']],
      [2, 'yp-1', ['child-unique']],
    ]);
  });
});

describe('DfE dates', () => {
  it('converts between ISO and dd/mm/yyyy', () => {
    expect(toDfeDate('2005-06-01')).toBe('01/06/2005');
    expect(fromDfeDate('29/02/2004')).toBe('2004-02-29');
    expect(fromDfeDate('29/02/2005')).toBeNull();
    expect(fromDfeDate('1/6/2005')).toBeNull();
  });
});
