import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDaysIso,
  addMonthsIso,
  ageOn,
  dateOfDateTime,
  daysBetween,
  epochDayOf,
  halfBirthday,
  instantOf,
  isIsoDate,
  isLeapYear,
  isoFromEpochDay,
  isWithin,
  maxDate,
  minDate,
  nthBirthday,
  parseIsoDate,
  toLocalDate,
} from './dates.ts';

describe('isIsoDate', () => {
  it('accepts real dates including 29 February in leap years', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('2025-12-31')).toBe(true);
  });
  it('rejects impossible dates, other formats and non-strings', () => {
    for (const bad of [
      '2023-02-29',
      '1900-02-29',
      '2025-13-01',
      '2025-04-31',
      '2025-00-10',
      '2025-1-1',
      '01/02/2025',
      '',
    ])
      expect(isIsoDate(bad)).toBe(false);
    expect(isIsoDate(20250101)).toBe(false);
    expect(isIsoDate(null)).toBe(false);
  });
  it('knows leap years', () => {
    expect([1900, 2000, 2023, 2024].map(isLeapYear)).toEqual([false, true, false, true]);
  });
});

describe('parseIsoDate', () => {
  it('names the field in its error', () => {
    expect(() => parseIsoDate('2025-02-30', 'dateOfBirth')).toThrow(/dateOfBirth: must be a real date/);
    expect(parseIsoDate('2025-02-03')).toEqual({ year: 2025, month: 2, day: 3 });
  });
  it('keeps years below 100 as written', () => {
    expect(toLocalDate('0050-03-01').getFullYear()).toBe(50);
  });
});

describe('arithmetic', () => {
  it('adds months, clamping to the end of shorter months', () => {
    expect(addMonthsIso('2024-08-31', 6)).toBe('2025-02-28');
    expect(addMonthsIso('2023-08-31', 6)).toBe('2024-02-29');
    expect(addMonthsIso('2024-01-15', 6)).toBe('2024-07-15');
    expect(addMonthsIso('2025-03-31', -1)).toBe('2025-02-28');
  });
  it('adds days across leap days and years', () => {
    expect(addDaysIso('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDaysIso('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDaysIso('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDaysIso('2025-03-30', 7)).toBe('2025-04-06');
  });
  it('counts calendar days across a clock change', () => {
    expect(daysBetween('2025-03-29', '2025-03-31')).toBe(2);
    expect(daysBetween('2025-10-27', '2025-10-25')).toBe(-2);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
  });
  it('orders and bounds dates', () => {
    expect(minDate('2025-01-02', '2024-12-31')).toBe('2024-12-31');
    expect(maxDate('2025-01-02', '2024-12-31')).toBe('2025-01-02');
    expect(isWithin('2025-01-01', '2025-01-01', null)).toBe(true);
    expect(isWithin('2025-01-02', '2024-01-01', '2025-01-01')).toBe(false);
  });
  it('converts to and from epoch days', () => {
    expect(epochDayOf('1970-01-01')).toBe(0);
    expect(isoFromEpochDay(epochDayOf('2024-02-29'))).toBe('2024-02-29');
    fc.assert(
      fc.property(fc.integer({ min: -25_000, max: 80_000 }), (day) => {
        expect(epochDayOf(isoFromEpochDay(day))).toBe(day);
        expect(isoFromEpochDay(day)).toBe(new Date(day * 86_400_000).toISOString().slice(0, 10));
      }),
    );
  });
});

describe('date-times', () => {
  it('takes the date as the recorder wrote it, whatever the offset', () => {
    expect(dateOfDateTime('2025-03-04T23:30:00+01:00')).toBe('2025-03-04');
    expect(instantOf('2025-03-04T23:30:00+01:00')).toBeLessThan(instantOf('2025-03-04T23:00:00Z'));
  });
});

describe('birthdays and ages', () => {
  it('puts a 29 February birthday on 1 March in common years', () => {
    expect(nthBirthday('2008-02-29', 16)).toBe('2024-02-29');
    expect(nthBirthday('2008-02-29', 17)).toBe('2025-03-01');
    expect(nthBirthday('2008-02-29', 18)).toBe('2026-03-01');
    expect(ageOn('2008-02-29', '2025-02-28')).toBe(16);
    expect(ageOn('2008-02-29', '2025-03-01')).toBe(17);
    expect(ageOn('2008-02-29', '2024-02-29')).toBe(16);
    expect(ageOn('2008-02-29', '2024-02-28')).toBe(15);
  });
  it('turns a year older on the birthday itself', () => {
    expect(ageOn('2007-06-15', '2025-06-14')).toBe(17);
    expect(ageOn('2007-06-15', '2025-06-15')).toBe(18);
    expect(ageOn('2007-06-15', '2007-06-14')).toBe(-1);
  });
  it('computes half birthdays (16½)', () => {
    expect(halfBirthday('2008-08-31', 16)).toBe('2025-02-28');
    expect(halfBirthday('2008-02-29', 16)).toBe('2024-08-29');
    expect(halfBirthday('2009-01-10', 16)).toBe('2025-07-10');
  });
  it('is consistent: on the nth birthday the age is n, the day before n - 1', () => {
    const dob = fc
      .integer({ min: epochDayOf('1950-01-01'), max: epochDayOf('2030-12-31') })
      .map(isoFromEpochDay);
    fc.assert(
      fc.property(dob, fc.integer({ min: 1, max: 60 }), (dateOfBirth, n) => {
        const birthday = nthBirthday(dateOfBirth, n);
        expect(ageOn(dateOfBirth, birthday)).toBe(n);
        expect(ageOn(dateOfBirth, addDaysIso(birthday, -1))).toBe(n - 1);
      }),
    );
  });
});
