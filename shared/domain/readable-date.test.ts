import { format, isValid, parseISO } from 'date-fns';
import { describe, expect, it } from 'vitest';
import { readableDate } from './readable-date.ts';

/** What the app showed before readable-date.ts: date-fns's reading of the same text. */
function withDateFns(iso: string): string {
  const date = parseISO(iso);
  return isValid(date) ? format(date, 'd MMM yyyy') : iso;
}

describe('readableDate', () => {
  it('shows a date as d MMM yyyy', () => {
    expect(readableDate('2027-03-01')).toBe('1 Mar 2027');
    expect(readableDate('2026-12-31')).toBe('31 Dec 2026');
  });

  it('agrees with date-fns on every day of a leap year and the years around it', () => {
    const days: string[] = [];
    for (let time = Date.UTC(2023, 0, 1); time <= Date.UTC(2025, 0, 1); time += 86_400_000)
      days.push(new Date(time).toISOString().slice(0, 10));
    expect(days).toHaveLength(732);
    expect(days.map(readableDate)).toEqual(days.map(withDateFns));
  });

  it('agrees with date-fns on date-times (the laptop time zone) and on what is not a real date', () => {
    const texts = [
      '2026-11-22T14:05:00Z',
      '2026-11-22T23:59:59+00:00',
      '2026-03-29T00:30:00.123Z',
      '2026-06-30T23:30:00-05:00',
      '2026-11-22T14:05',
      '2027-02-29',
      '2028-02-29',
      '2027-13-01',
      '2027-00-10',
      '2027-04-31',
      '2027-04-00',
      'not a date',
      '',
    ];
    expect(texts.map(readableDate)).toEqual(texts.map(withDateFns));
  });
});
