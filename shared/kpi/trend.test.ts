import { describe, expect, it } from 'vitest';
import { generateCaseload } from '../synthetic/generator.ts';
import { accommodation, contact, profile, record, review } from '../testing/builders.ts';
import { teamKpisFromRecords } from './team-kpis.ts';
import { HEADLINE_MEASURES, quarterEnds, recordAsOf, teamTrend, trendDates } from './trend.ts';

describe('quarter ends', () => {
  it('gives the last quarter ends on or before today, oldest first', () => {
    expect(quarterEnds('2026-11-22', 4)).toEqual(['2025-12-31', '2026-03-31', '2026-06-30', '2026-09-30']);
    expect(quarterEnds('2026-09-30', 2)).toEqual(['2026-06-30', '2026-09-30']);
    expect(quarterEnds('2026-01-15', 2)).toEqual(['2025-09-30', '2025-12-31']);
    expect(quarterEnds('2026-03-30', 1)).toEqual(['2025-12-31']);
  });
  it('adds today when it is not a quarter end', () => {
    expect(trendDates('2026-11-22', 2)).toEqual(['2026-06-30', '2026-09-30', '2026-11-22']);
    expect(trendDates('2026-12-31', 2)).toEqual(['2026-09-30', '2026-12-31']);
  });
  it('refuses a count below one', () => {
    expect(() => quarterEnds('2026-11-22', 0)).toThrow(/count: must be a whole number/);
  });
});

describe('a record as it stood on a day', () => {
  const base = record({
    profile: profile({ dateOfBirth: '2006-01-20', dateLeftCare: '2024-01-20', paAllocatedOn: '2022-06-01' }),
    reviews: [review('2024-03-01'), review('2025-03-01')],
    contacts: [contact('2025-01-01T10:00:00Z'), contact('2025-06-01T10:00:00Z')],
    accommodation: [accommodation('2024-01-20'), accommodation('2025-05-01', { code: 'W', suitable: false })],
  });
  it('leaves out entries dated later', () => {
    const then = recordAsOf(base, '2025-02-01');
    expect(then.reviews.map((r) => r.date)).toEqual(['2024-03-01']);
    expect(then.contacts.map((c) => c.at)).toEqual(['2025-01-01T10:00:00Z']);
    expect(then.accommodation.map((a) => a.code)).toEqual(['U']);
    expect(recordAsOf(base, '2023-01-01').profile.dateLeftCare).toBeNull();
    expect(recordAsOf(base, '2022-01-01').profile.allocatedPaId).toBeNull();
  });
  it('keeps a record whose entries are all in the past unchanged', () => {
    expect(recordAsOf(base, '2026-01-01')).toEqual(base);
  });
});

describe('team trend', () => {
  const today = '2026-11-22';
  const records = generateCaseload({ seed: 7, count: 150, today });
  it('ends with exactly the team KPIs of today', () => {
    const [now] = teamTrend(records, [today]);
    const kpis = teamKpisFromRecords(records, today);
    for (const { key } of HEADLINE_MEASURES) {
      expect(now?.measures[key]).toEqual({
        numerator: kpis[key].numerator.length,
        denominator: kpis[key].denominator.length,
        percent: kpis[key].percent,
      });
    }
  });
  it('gives one point per date, each with every headline measure', () => {
    const points = teamTrend(records, trendDates(today, 4));
    expect(points.map((p) => p.date)).toEqual([
      '2025-12-31',
      '2026-03-31',
      '2026-06-30',
      '2026-09-30',
      today,
    ]);
    for (const point of points)
      expect(Object.keys(point.measures).sort()).toEqual(HEADLINE_MEASURES.map((m) => m.key).sort());
    expect(points[0]?.measures.inTouch.denominator).toBeGreaterThan(0);
  });
});
