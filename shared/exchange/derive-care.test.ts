/**
 * Derived date left care and category against hand-worked examples (the same children as
 * docs/examples/ssda903/, imported on 1 May 2025). Each expectation is worked out by hand in its comment.
 */
import { describe, expect, it } from 'vitest';
import { deriveCare, outOfScopeReason } from './derive-care.ts';

const ON = '2025-05-01';
const ep = (
  decom: string,
  dec: string | null,
  ls = 'C2',
  rec: string | null = dec === null ? null : 'E8',
) => ({
  decom,
  dec,
  ls,
  rec,
});

describe('deriveCare (hand-worked)', () => {
  it('A1001: in care since 12, still looked after at 16: eligible, no date left care', () => {
    // 14th birthday 2022-06-12; looked after every day since: far more than 91 days.
    const care = deriveCare('2008-06-12', [ep('2020-09-01', null)], ON);
    expect(care).toMatchObject({ dateLeftCare: null, category: 'eligible', becameEligibleOn: null });
    // 2022-06-12 .. 2025-05-01 inclusive = 1055 days.
    expect(care.daysLookedAfterSince14).toBe(1055);
  });

  it('A1002: two episodes joined by X1, left care at 16: relevant, left 20 Oct 2024', () => {
    const care = deriveCare(
      '2008-02-03',
      [ep('2021-05-10', '2023-03-01', 'C2', 'X1'), ep('2023-03-01', '2024-10-20')],
      ON,
    );
    expect(care).toMatchObject({ dateLeftCare: '2024-10-20', category: 'relevant', becameEligibleOn: null });
  });

  it('A1003: left care on the 18th birthday, now 19: former relevant', () => {
    const care = deriveCare('2005-07-15', [ep('2019-01-01', '2023-07-15')], ON);
    expect(care).toMatchObject({ dateLeftCare: '2023-07-15', category: 'former-relevant' });
  });

  it('A1004: came into care after 16 for 120 days: became eligible on the 91st day, then relevant', () => {
    // 1 Jan 2024 + 90 days = 31 Mar 2024 (31 + 29 + 31 = 91 days, 2024 is a leap year).
    const care = deriveCare('2007-11-20', [ep('2024-01-01', '2024-04-30', 'V2')], ON);
    expect(care).toMatchObject({
      dateLeftCare: '2024-04-30',
      category: 'relevant',
      becameEligibleOn: '2024-03-31',
      daysLookedAfterSince14: 120,
    });
  });

  it('A1005: 59 days in care after 16: qualifying (under 13 weeks)', () => {
    const care = deriveCare('2007-05-05', [ep('2023-06-01', '2023-07-30', 'V2')], ON);
    expect(care).toMatchObject({
      category: 'qualifying',
      weeksLookedAfterSince14: 8,
      becameEligibleOn: null,
    });
  });

  it('A1006: short breaks (V3) do not count towards the 13 weeks: qualifying', () => {
    const episodes = [ep('2021-03-01', '2022-09-30', 'V3'), ep('2022-11-01', '2023-01-15')];
    const care = deriveCare('2006-10-10', episodes, ON);
    expect(care).toMatchObject({ category: 'qualifying', daysLookedAfterSince14: 75 });
    // Were the short breaks ordinary care, the same history would make them former relevant.
    const counted = deriveCare(
      '2006-10-10',
      [ep('2021-03-01', '2022-09-30'), episodes[1] as ReturnType<typeof ep>],
      ON,
    );
    expect(counted.category).toBe('former-relevant');
  });

  it('A1007: 14 years old: out of scope', () => {
    const care = deriveCare('2011-01-01', [ep('2020-02-01', null)], ON);
    expect(care.category).toBeNull();
    expect(outOfScopeReason('2011-01-01', care, ON)).toMatch(/under 16/);
  });

  it('A1008: left care at 14: not a care leaver', () => {
    const care = deriveCare('2005-03-01', [ep('2015-01-01', '2020-01-01')], ON);
    expect(care.category).toBeNull();
    expect(outOfScopeReason('2005-03-01', care, ON)).toMatch(/before the 16th birthday/);
  });

  it('exactly 13 weeks counts; one day short does not', () => {
    // In care from 16½ for 91 and 90 days: day 91 is 1 Jan + 90 = 1 Apr 2024.
    expect(deriveCare('2007-06-01', [ep('2024-01-02', '2024-04-02')], ON).category).toBe('relevant');
    expect(deriveCare('2007-06-01', [ep('2024-01-02', '2024-04-01')], ON).category).toBe('qualifying');
  });

  it('an episode ending X1 with nothing after it leaves the child still looked after', () => {
    expect(
      deriveCare('2008-06-12', [ep('2020-09-01', '2024-01-01', 'C2', 'X1')], ON).dateLeftCare,
    ).toBeNull();
  });

  it('21 and over is out of scope for a new record', () => {
    const care = deriveCare('2003-01-01', [ep('2015-01-01', '2021-01-01')], ON);
    expect(care.category).toBe('former-relevant');
    expect(outOfScopeReason('2003-01-01', care, ON)).toMatch(/21 or over/);
  });
});
