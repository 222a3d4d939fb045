import { describe, expect, it } from 'vitest';
import { collectionYear, collectionYearOf } from './collection-year.ts';

describe('collection years (1 April – 31 March)', () => {
  it('names a year by the year it ends in', () => {
    expect(collectionYear(2025)).toEqual({
      yearEnding: 2025,
      start: '2024-04-01',
      end: '2025-03-31',
      label: '2024-25',
    });
    expect(collectionYear(2000).label).toBe('1999-00');
  });
  it('puts 31 March in the year ending then and 1 April in the next', () => {
    expect(collectionYearOf('2025-03-31').yearEnding).toBe(2025);
    expect(collectionYearOf('2025-04-01').yearEnding).toBe(2026);
    expect(collectionYearOf('2024-02-29').yearEnding).toBe(2024);
  });
  it('rejects a year that is not a whole year', () => {
    expect(() => collectionYear(2025.5)).toThrow(/yearEnding: must be a whole year/);
  });
});
