import { describe, expect, it } from 'vitest';
import { ACCOM_LETTERS } from '../domain/codes.ts';
import { ageOn } from '../domain/dates.ts';
import { validateRecord } from '../domain/record.ts';
import { teamKpisFromRecords } from '../kpi/team-kpis.ts';
import { projectRecord } from '../ydoc/projection.ts';
import { generateCaseload, generateYoungPerson, syntheticStaff } from './generator.ts';
import { FAMILY_SYLLABLES, GIVEN_SYLLABLES } from './names.ts';
import { createRng, mixSeed, shuffle } from './random.ts';

const today = '2025-06-15';

describe('generateCaseload', () => {
  it('is deterministic for a seed, and each record does not depend on the count', () => {
    const first = generateCaseload({ seed: 11, count: 30, today });
    expect(generateCaseload({ seed: 11, count: 30, today })).toEqual(first);
    expect(generateYoungPerson({ seed: 11, count: 1, today }, 29)).toEqual(first[29]);
    expect(generateCaseload({ seed: 12, count: 30, today })).not.toEqual(first);
    expect(new Set(first.map((r) => r.profile.id)).size).toBe(30);
  });
  it('makes records that all validate, on ordinary days and on 29 February', () => {
    for (const day of [today, '2024-02-29', '2031-03-31']) {
      const caseload = generateCaseload({ seed: 5, count: 400, today: day });
      for (const record of caseload) expect(validateRecord(record, day)).toEqual(record);
    }
  });
  it('makes young people aged 16 to 25 with realistic, varied histories', () => {
    const caseload = generateCaseload({ seed: 2024, count: 1000, today });
    const ages = new Set(caseload.map((r) => ageOn(r.profile.dateOfBirth, today)));
    expect([...ages].sort((a, b) => a - b)).toEqual([16, 17, 18, 19, 20, 21, 22, 23, 24, 25]);
    const rows = caseload.map((r) => projectRecord(r, today));
    const share = (count: number) => count / caseload.length;
    expect(share(rows.filter((row) => row.planState === 'review-overdue').length)).toBeGreaterThan(0.05);
    expect(share(rows.filter((row) => row.planState === 'review-overdue').length)).toBeLessThan(0.3);
    expect(share(rows.filter((row) => row.inTouchState === 'not-in-touch').length)).toBeGreaterThan(0.04);
    expect(share(rows.filter((row) => row.inTouchState === 'in-touch').length)).toBeGreaterThan(0.7);
    expect(rows.some((row) => row.accommodationSuitable === false)).toBe(true);
    expect(rows.some((row) => row.accommodationCode === 'W' || row.accommodationCode === 'V')).toBe(true);
    const codes = new Set(caseload.flatMap((r) => r.accommodation.map((p) => p.code)));
    expect(ACCOM_LETTERS.filter((code) => !codes.has(code))).toEqual([]);
    const flags = new Set(caseload.flatMap((r) => r.flags.map((f) => f.kind)));
    expect([...flags].sort()).toEqual([
      'died',
      'no-longer-requires-services',
      'refuses-contact',
      'returned-home',
    ]);
    const active = rows.filter((row) => row.active).map((row) => row.id);
    const contactCounts = caseload.filter((r) => active.includes(r.profile.id)).map((r) => r.contacts.length);
    expect(contactCounts.reduce((sum, n) => sum + n, 0) / contactCounts.length).toBeGreaterThan(20);
    expect(share(caseload.filter((r) => r.entitlements.length > 0).length)).toBeGreaterThan(0.95);
    expect(caseload.some((r) => r.recontactPlans.length > 0)).toBe(true);
    expect(caseload.some((r) => r.reviewRequests.length > 0)).toBe(true);
    expect(caseload.some((r) => r.oversight.length > 0)).toBe(true);
  });
  it('uses plainly synthetic names built from made-up syllables', () => {
    const given = new RegExp(`^(${GIVEN_SYLLABLES.join('|')}){2}$`, 'i');
    const family = new RegExp(`^(${FAMILY_SYLLABLES.join('|')}){2,3}$`, 'i');
    for (const r of generateCaseload({ seed: 9, count: 200, today })) {
      expect(r.profile.givenName).toMatch(given);
      expect(r.profile.familyName).toMatch(family);
    }
  });
  it('assigns young people to the given teams and their PAs', () => {
    const staff = syntheticStaff(3, 2);
    expect(staff.pas.map((pa) => pa.id)).toEqual([
      'pa-1-1',
      'pa-1-2',
      'pa-2-1',
      'pa-2-2',
      'pa-3-1',
      'pa-3-2',
    ]);
    const caseload = generateCaseload({ seed: 1, count: 200, today, ...staff });
    for (const r of caseload) {
      expect(staff.teams).toContain(r.profile.teamId);
      if (r.profile.allocatedPaId !== null)
        expect(r.profile.allocatedPaId.startsWith(`pa-${r.profile.teamId.slice(5)}-`)).toBe(true);
    }
    const kpis = teamKpisFromRecords(caseload, today);
    expect(kpis.caseloads.map((load) => load.paId)).toEqual(staff.pas.map((pa) => pa.id));
    const noPas = generateCaseload({ seed: 1, count: 20, today, teams: ['solo'] });
    expect(noPas.every((r) => r.profile.allocatedPaId === null && r.profile.teamId === 'solo')).toBe(true);
  });
  it('rejects a bad count or no teams', () => {
    expect(() => generateCaseload({ seed: 1, count: -1, today })).toThrow(/count: must be a whole number/);
    expect(() => generateCaseload({ seed: 1, count: 1, today, teams: [] })).toThrow(
      /teams: give at least one team/,
    );
  });
});

describe('random', () => {
  it('is deterministic and spreads its values', () => {
    const a = createRng(mixSeed(1, 2));
    const b = createRng(mixSeed(1, 2));
    const values = Array.from({ length: 1000 }, () => a.next());
    expect(Array.from({ length: 1000 }, () => b.next())).toEqual(values);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    expect(values.reduce((sum, v) => sum + v, 0) / values.length).toBeCloseTo(0.5, 1);
    expect(mixSeed(1, 2)).not.toBe(mixSeed(2, 1));
  });
  it('picks, weighs and shuffles', () => {
    const rng = createRng(7);
    expect(() => rng.pick([])).toThrow(/no items/);
    expect(() => rng.weighted([])).toThrow(/no choices/);
    expect(rng.weighted([['only', 1]])).toBe('only');
    const counts = { a: 0, b: 0 };
    for (let i = 0; i < 2000; i++)
      counts[
        rng.weighted([
          ['a', 3],
          ['b', 1],
        ] as const)
      ]++;
    expect(counts.a / 2000).toBeCloseTo(0.75, 1);
    expect(shuffle(rng, [1, 2, 3, 4, 5]).sort()).toEqual([1, 2, 3, 4, 5]);
    const ints = Array.from({ length: 500 }, () => rng.int(3, 5));
    expect(new Set(ints)).toEqual(new Set([3, 4, 5]));
  });
});
