import { describe, expect, it } from 'vitest';
import { inputDate, parseTime, parseUkDate, ukDate, ukDatesIn } from './format.ts';

describe('UK dates', () => {
  it('parses the ways people type a date, day first', () => {
    const typed = [
      '31/3/2027',
      '31/03/2027',
      ' 31 3 2027 ',
      '31-3-2027',
      '31 Mar 2027',
      '31 March 2027',
      '2027-03-31',
    ];
    expect(typed.map((text) => parseUkDate(text))).toEqual(typed.map(() => '2027-03-31'));
  });
  it('refuses what is not a real date', () => {
    for (const text of ['', 'ongoing', '31/2/2027', '3/31/2027', '31/3/27', 'asap'])
      expect(parseUkDate(text)).toBeNull();
  });
  it('shows dates as d MMM yyyy and for editing as d/M/yyyy', () => {
    expect(ukDate('2027-03-01')).toBe('1 Mar 2027');
    expect(ukDate(null)).toBe('Not recorded');
    expect(inputDate('2027-03-01')).toBe('1/3/2027');
    expect(ukDatesIn('review was due 2026-05-01; turns 18 on 2027-01-21')).toBe(
      'review was due 1 May 2026; turns 18 on 21 Jan 2027',
    );
  });
  it('parses times', () => {
    expect(parseTime('9:15')).toBe('09:15');
    expect(parseTime('1405')).toBe('14:05');
    expect(parseTime('24:00')).toBeNull();
    expect(parseTime('noon')).toBeNull();
  });
});
