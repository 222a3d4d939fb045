import { describe, expect, it } from 'vitest';
import type { YoungPersonRecord } from '../domain/model.ts';
import { DEFAULT_SETTINGS, parseSettings } from '../domain/settings.ts';
import { accommodation, contact, eet, flag, profile, record, review } from '../testing/builders.ts';
import { projectRecord } from '../ydoc/projection.ts';
import { ratio, teamKpis, teamKpisFromRecords } from './team-kpis.ts';

const today = '2025-06-15';

function person(id: string, dateOfBirth: string, extra: Partial<YoungPersonRecord> = {}): YoungPersonRecord {
  const base = record({
    profile: profile({
      id,
      dateOfBirth,
      dateLeftCare: null,
      category: 'former-relevant',
      allocatedPaId: 'pa-1',
      paAllocatedOn: '2020-01-01',
    }),
    plan: { ...record().plan, needsAssessmentCompletedOn: '2020-01-01', firstAgreedOn: '2020-01-01' },
    reviews: [review('2025-03-01')],
    contacts: [contact('2025-06-01T10:00:00Z')],
    accommodation: [accommodation('2024-01-01')],
    eet: [eet('2024-01-01', { activ: 'F5' })],
  });
  return { ...base, ...extra, profile: { ...base.profile, ...extra.profile } };
}

const caseload = [
  person('a', '2007-03-01'), // 18, everything fine
  person('b', '2006-03-01', {
    contacts: [contact('2025-01-01T10:00:00Z')],
    eet: [eet('2024-01-01', { activ: 'G5' })],
  }), // 19, not in touch, NEET
  person('c', '2004-03-01', {
    reviews: [review('2024-06-01')],
    accommodation: [
      accommodation('2025-05-01', { code: 'W', suitable: false, suitabilityReason: 'Emergency' }),
    ],
    profile: profile({
      id: 'c',
      dateOfBirth: '2004-03-01',
      supportExtendedTo25: true,
      allocatedPaId: 'pa-2',
      paAllocatedOn: '2020-09-02',
    }),
  }), // 21, review overdue, B&B, PA allocated late
  person('d', '2000-03-01', { flags: [flag('died', '2025-01-01')] }), // not active
  person('e', '2008-06-01', {
    profile: profile({
      id: 'e',
      dateOfBirth: '2008-06-01',
      dateLeftCare: null,
      category: 'eligible',
      allocatedPaId: null,
      paAllocatedOn: null,
    }),
    plan: record().plan,
    reviews: [],
  }), // 17, no PA, no plan yet? plan due at 16: overdue
];

describe('teamKpis', () => {
  const kpis = teamKpisFromRecords(caseload, today);
  it('counts the active caseload and caseload per PA, with ids', () => {
    expect(kpis.all).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(kpis.active).toEqual(['a', 'b', 'c', 'e']);
    expect(kpis.caseloads).toEqual([
      { paId: 'pa-1', ids: ['a', 'b'], overTarget: false },
      { paId: 'pa-2', ids: ['c'], overTarget: false },
    ]);
    expect(kpis.unallocated).toEqual(['e']);
    expect(kpis.averageCaseload).toBe(1.5);
    expect(kpis.asOf).toBe(today);
  });
  it('gives each percentage with the ids behind its numerator and denominator', () => {
    expect(kpis.upToDatePlans).toEqual({
      numerator: ['a', 'b'],
      denominator: ['a', 'b', 'c', 'e'],
      percent: 50,
    });
    expect(kpis.inTouch).toEqual({
      numerator: ['a', 'c', 'e'],
      denominator: ['a', 'b', 'c', 'e'],
      percent: 75,
    });
    expect(kpis.suitableAccommodation.numerator).toEqual(['a', 'b', 'e']);
    expect(kpis.eet17to18).toEqual({ numerator: ['a', 'e'], denominator: ['a', 'e'], percent: 100 });
    expect(kpis.eet19to21).toEqual({ numerator: ['c'], denominator: ['b', 'c'], percent: 50 });
    expect(kpis.paAllocatedBy16Half).toEqual({
      numerator: ['a', 'b'],
      denominator: ['a', 'b', 'c', 'e'],
      percent: 50,
    });
  });
  it('groups exception lists by kind, with reasons', () => {
    const byKind = Object.fromEntries(kpis.exceptions.map((list) => [list.kind, list.entries]));
    expect(byKind['review-overdue']).toEqual([{ id: 'c', message: 'six-monthly review was due 2024-12-01' }]);
    expect(byKind['not-in-touch-no-recontact-plan']).toEqual([
      { id: 'b', message: 'last contact 2025-01-01; no current re-contact plan' },
    ]);
    expect(byKind['bb-or-emergency']?.map((entry) => entry.id)).toEqual(['c']);
    expect(byKind['unsuitable-no-risk-assessment']?.map((entry) => entry.id)).toEqual(['c']);
    expect(byKind['pa-not-allocated']?.map((entry) => entry.id)).toEqual(['e']);
    expect(byKind['first-plan-overdue']?.map((entry) => entry.id)).toEqual(['e']);
    expect(kpis.exceptions.every((list) => list.entries.length > 0)).toBe(true);
  });
  it('warns about caseloads over the target', () => {
    const small = teamKpisFromRecords(caseload, today, parseSettings({ caseloadTarget: 1 }));
    expect(small.caseloads.map((load) => load.overTarget)).toEqual([true, false]);
  });
  it('gives null percentages and averages for an empty team', () => {
    const empty = teamKpis([]);
    expect(empty.inTouch).toEqual({ numerator: [], denominator: [], percent: null });
    expect(empty.averageCaseload).toBeNull();
    expect(empty.asOf).toBeNull();
  });
  it('works from projection rows, as the dashboard does', () => {
    const rows = caseload.map((r) => projectRecord(r, today, DEFAULT_SETTINGS));
    expect(teamKpis(rows)).toEqual(kpis);
  });
});

describe('ratio', () => {
  it('rounds to one decimal place', () => {
    const rows = ['x', 'y', 'z'].map((id) => projectRecord(person(id, '2006-03-01'), today));
    expect(ratio(rows, (row) => row.id === 'x').percent).toBe(33.3);
    expect(ratio(rows, (row) => row.id !== 'x').percent).toBe(66.7);
  });
});
