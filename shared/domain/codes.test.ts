import { describe, expect, it } from 'vitest';
import {
  ACCOM_VALUES,
  ACTIV_CODES,
  accomValue,
  isEetCode,
  NEVER_SUITABLE_LETTERS,
  SENIOR_APPROVAL_LETTERS,
  UNSUITABLE_BY_DEFAULT_LETTERS,
  unsuitableByDefault,
} from './codes.ts';

describe('SSDA903 codes', () => {
  it('lists the ACCOM values of DfE rule 133: no S1 or X1, everything else both ways', () => {
    expect(ACCOM_VALUES).toHaveLength(30);
    expect(ACCOM_VALUES).toContain('S2');
    expect(ACCOM_VALUES).toContain('X2');
    expect(ACCOM_VALUES).not.toContain('S1');
    expect(ACCOM_VALUES).not.toContain('X1');
    expect(ACCOM_VALUES).toContain('W1');
    expect(ACCOM_VALUES).toContain('Z2');
  });
  it('treats F and P activity codes as EET and G codes as NEET', () => {
    expect(ACTIV_CODES.filter(isEetCode)).toEqual(['F1', 'P1', 'F2', 'P2', 'F4', 'P4', 'F5', 'P5']);
    expect(isEetCode('G6')).toBe(false);
  });
  it('builds ACCOM values from letter and suitability', () => {
    expect(accomValue('D', true)).toBe('D1');
    expect(accomValue('W', false)).toBe('W2');
  });
  it('never allows no fixed abode or custody as suitable; B&B and emergency are valid both ways (V1, W1)', () => {
    expect([...NEVER_SUITABLE_LETTERS].sort()).toEqual(['S', 'X']);
    expect([...SENIOR_APPROVAL_LETTERS].sort()).toEqual(['V', 'W']);
    expect([...UNSUITABLE_BY_DEFAULT_LETTERS].sort()).toEqual(['S', 'V', 'W', 'X']);
    expect(ACCOM_VALUES).toEqual(expect.arrayContaining(['V1', 'V2', 'W1', 'W2']));
  });
  it('starts B&B and emergency accommodation as unsuitable for under-18s only (local policy default)', () => {
    expect(unsuitableByDefault('W', 17)).toBe(true);
    expect(unsuitableByDefault('V', 16)).toBe(true);
    expect(unsuitableByDefault('W', 18)).toBe(false);
    expect(unsuitableByDefault('S', 22)).toBe(true);
    expect(unsuitableByDefault('D', 16)).toBe(false);
  });
});
