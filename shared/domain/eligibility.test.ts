import { describe, expect, it } from 'vitest';
import { flag, profile, record } from '../testing/builders.ts';
import { DEFAULT_SETTINGS } from './settings.ts';
import {
  birthAndCategoryProblem,
  classifyCareLeaver,
  currentCategory,
  isActiveCase,
  nextSignificantBirthday,
  paAllocationDue,
  paAllocationStatus,
  paDuty,
  paDutyFrom,
  supportEnded,
  supportEndsOn,
  upcomingTransitions,
} from './eligibility.ts';

describe('classifyCareLeaver (Children Act 1989 Sch 2 para 19B, s23A, s23C, s24)', () => {
  const dob = '2008-03-10';
  it('is nothing under 16', () => {
    expect(
      classifyCareLeaver({ dateOfBirth: dob, weeksLookedAfterSince14: 40, dateLeftCare: null }, '2024-03-09'),
    ).toBeNull();
  });
  it('eligible at 16–17 while looked after for 13 weeks or more since 14', () => {
    expect(
      classifyCareLeaver({ dateOfBirth: dob, weeksLookedAfterSince14: 13, dateLeftCare: null }, '2024-03-10'),
    ).toBe('eligible');
  });
  it('relevant at 16–17 once left care after 16', () => {
    expect(
      classifyCareLeaver(
        { dateOfBirth: dob, weeksLookedAfterSince14: 20, dateLeftCare: '2024-06-01' },
        '2024-07-01',
      ),
    ).toBe('relevant');
  });
  it('former relevant from 18', () => {
    expect(
      classifyCareLeaver(
        { dateOfBirth: dob, weeksLookedAfterSince14: 20, dateLeftCare: '2026-03-10' },
        '2026-03-10',
      ),
    ).toBe('former-relevant');
  });
  it('qualifying when looked after after 16 but for under 13 weeks', () => {
    expect(
      classifyCareLeaver(
        { dateOfBirth: dob, weeksLookedAfterSince14: 12, dateLeftCare: '2024-05-01' },
        '2025-01-01',
      ),
    ).toBe('qualifying');
  });
  it('a child still looked after for under 13 weeks is looked after, not a qualifying care leaver', () => {
    expect(
      classifyCareLeaver({ dateOfBirth: dob, weeksLookedAfterSince14: 12, dateLeftCare: null }, '2025-01-01'),
    ).toBeNull();
    expect(
      classifyCareLeaver(
        { dateOfBirth: dob, weeksLookedAfterSince14: 12, dateLeftCare: '2025-01-02' },
        '2025-01-01',
      ),
    ).toBeNull();
    expect(
      classifyCareLeaver(
        { dateOfBirth: dob, weeksLookedAfterSince14: 12, dateLeftCare: '2025-01-01' },
        '2025-01-01',
      ),
    ).toBe('qualifying');
  });
  it('not a care leaver when care ended before 16', () => {
    expect(
      classifyCareLeaver(
        { dateOfBirth: dob, weeksLookedAfterSince14: 30, dateLeftCare: '2024-03-09' },
        '2025-01-01',
      ),
    ).toBeNull();
  });
});

describe('currentCategory', () => {
  it('ages the recorded category: eligible, then relevant after leaving, then former relevant at 18', () => {
    const p = profile({ dateOfBirth: '2008-03-10', category: 'eligible', dateLeftCare: '2025-01-01' });
    expect(currentCategory(p, '2024-03-09')).toBeNull();
    expect(currentCategory(p, '2024-12-31')).toBe('eligible');
    expect(currentCategory(p, '2025-01-01')).toBe('relevant');
    expect(currentCategory(p, '2026-03-10')).toBe('former-relevant');
    expect(currentCategory({ ...p, category: 'qualifying' }, '2026-03-10')).toBe('qualifying');
  });
});

describe('returned home (Care Leavers (England) Regulations 2010 reg 3(3) and (4))', () => {
  const p = profile({ dateOfBirth: '2008-03-10', category: 'relevant', dateLeftCare: '2024-06-01' });
  it('stops a relevant child being relevant after six months living at home, and only while they live there', () => {
    const home = flag('returned-home', '2024-07-01');
    expect(currentCategory(p, '2024-12-31', [home])).toBe('relevant');
    expect(currentCategory(p, '2025-01-01', [home])).toBeNull();
    const brokeDown = { ...home, to: '2025-02-01' };
    expect(currentCategory(p, '2025-02-01', [brokeDown])).toBeNull();
    expect(currentCategory(p, '2025-02-02', [brokeDown])).toBe('relevant');
    // An eligible child (still looked after) is not affected; nor a former relevant one at 18.
    expect(currentCategory({ ...p, dateLeftCare: null }, '2025-01-01', [home])).toBe('eligible');
    expect(currentCategory(p, '2026-03-10', [home])).toBe('former-relevant');
  });
});

describe('support end and active cases', () => {
  it('ends on the 21st birthday itself, one rule for the caseload and Annex A', () => {
    const p = profile({ dateOfBirth: '2004-06-01' });
    expect(supportEnded(p, '2025-05-31')).toBe(false);
    expect(supportEnded(p, '2025-06-01')).toBe(true);
  });
  it('ends at 21, or 25 on request (s23C, s23CZB)', () => {
    expect(supportEndsOn(profile({ dateOfBirth: '2004-02-29' }))).toBe('2025-03-01');
    expect(supportEndsOn(profile({ dateOfBirth: '2004-02-29', supportExtendedTo25: true }))).toBe(
      '2029-03-01',
    );
  });
  it('is active until the support end, unless died or no longer requiring services', () => {
    const r = record({ profile: profile({ dateOfBirth: '2004-06-01' }) });
    expect(isActiveCase(r, '2025-05-31')).toBe(true);
    expect(isActiveCase(r, '2025-06-01')).toBe(false);
    expect(isActiveCase({ ...r, flags: [flag('died', '2024-01-01')] }, '2024-06-01')).toBe(false);
    const nreq = flag('no-longer-requires-services', '2024-01-01', { to: '2024-03-01' });
    expect(isActiveCase({ ...r, flags: [nreq] }, '2024-02-01')).toBe(false);
    expect(isActiveCase({ ...r, flags: [nreq] }, '2024-03-02')).toBe(true);
  });
});

describe('the PA duty (Children Act 1989 Sch 2 para 19C, s23B(2), s23CA, s23CZB)', () => {
  const p = profile({ dateOfBirth: '2008-08-31', allocatedPaId: null, paAllocatedOn: null });
  it('starts when the young person becomes eligible, not at 16½', () => {
    expect(paDutyFrom(p)).toBe('2024-08-31');
    expect(paDuty(p, '2024-08-30')).toBe('not-yet');
    expect(paDuty(p, '2024-08-31')).toBe('unmet');
    expect(paDuty({ ...p, allocatedPaId: 'pa-1' }, '2024-08-31')).toBe('met');
    expect(paDutyFrom({ ...p, becameEligibleOn: '2025-05-01' })).toBe('2025-05-01');
  });
  it('is not owed to a qualifying care leaver (s24A: advice and assistance)', () => {
    const q = { ...p, category: 'qualifying' as const };
    expect([paDutyFrom(q), paDuty(q, '2025-01-01'), paAllocationDue(q)]).toEqual([null, 'not-owed', null]);
    expect(paAllocationStatus(q, '2025-01-01')).toBe('not-owed');
  });
  it('for a young person who asks to come back at 22, starts and is due on the day they ask', () => {
    const back = profile({
      dateOfBirth: '2003-01-10',
      allocatedPaId: null,
      paAllocatedOn: null,
      returnRequestedOn: '2025-01-10',
    });
    expect([paDutyFrom(back), paAllocationDue(back)]).toEqual(['2025-01-10', '2025-01-10']);
    expect(paAllocationStatus(back, '2025-01-10')).toBe('not-yet-due');
    expect(paAllocationStatus(back, '2025-01-11')).toBe('overdue');
    expect(supportEndsOn(back)).toBe('2028-01-10');
  });
});

describe('PA allocation against the local target (16½ by default)', () => {
  const p = profile({ dateOfBirth: '2008-08-31', allocatedPaId: null, paAllocatedOn: null });
  it('is due six months after the 16th birthday, clamped to the month end', () => {
    expect(paAllocationDue(p)).toBe('2025-02-28');
    expect(paAllocationDue({ ...p, becameEligibleOn: '2025-05-01' })).toBe('2025-05-01');
  });
  it('takes the target from the team setting', () => {
    expect(paAllocationDue(p, { ...DEFAULT_SETTINGS, paTargetMonthsAfter16: 0 })).toBe('2024-08-31');
    expect(paAllocationDue(p, { ...DEFAULT_SETTINGS, paTargetMonthsAfter16: 3 })).toBe('2024-11-30');
  });
  it('is overdue only after the due date', () => {
    expect(paAllocationStatus(p, '2025-02-28')).toBe('not-yet-due');
    expect(paAllocationStatus(p, '2025-03-01')).toBe('overdue');
  });
  it('is on time when allocated on or before the due date', () => {
    expect(
      paAllocationStatus({ ...p, allocatedPaId: 'pa-1', paAllocatedOn: '2025-02-28' }, '2026-01-01'),
    ).toBe('on-time');
    expect(
      paAllocationStatus({ ...p, allocatedPaId: 'pa-1', paAllocatedOn: '2025-03-01' }, '2026-01-01'),
    ).toBe('late');
    expect(paAllocationStatus({ ...p, allocatedPaId: 'pa-1' }, '2026-01-01')).toBe('date-unknown');
  });
});

describe('significant birthdays', () => {
  it('finds the next of 16, 18, 21, 25 on or after today', () => {
    expect(nextSignificantBirthday('2007-06-15', '2025-06-15')).toEqual({ age: 18, date: '2025-06-15' });
    expect(nextSignificantBirthday('2007-06-15', '2025-06-16')).toEqual({ age: 21, date: '2028-06-15' });
    expect(nextSignificantBirthday('2000-01-01', '2025-01-02')).toBeNull();
  });
  it('lists turning 18, 21 or 25 within the notice period, inclusive', () => {
    expect(upcomingTransitions('2007-09-13', '2025-06-15', 90)).toEqual([{ age: 18, date: '2025-09-13' }]);
    expect(upcomingTransitions('2007-09-14', '2025-06-15', 90)).toEqual([]);
    expect(upcomingTransitions('2004-02-29', '2024-12-01', 90)).toEqual([{ age: 21, date: '2025-03-01' }]);
  });
});

describe('birthAndCategoryProblem', () => {
  const today = '2026-12-02';
  it('refuses a date of birth in the future, by name', () => {
    expect(birthAndCategoryProblem('2027-01-01', 'eligible', today)).toEqual({
      field: 'dateOfBirth',
      message: 'Date of birth must be in the past',
    });
  });
  it('refuses anyone under 16, whatever the category, instead of treating them as under 16', () => {
    expect(birthAndCategoryProblem('2016-03-01', 'former-relevant', today)).toEqual({
      field: 'dateOfBirth',
      message: 'With this date of birth they are 10: a care leaver is 16 or over. Check the date of birth',
    });
    expect(birthAndCategoryProblem('2010-12-03', 'eligible', today)?.field).toBe('dateOfBirth');
  });
  it('refuses former relevant under 18 and accepts a category that fits the age', () => {
    expect(birthAndCategoryProblem('2009-06-01', 'former-relevant', today)?.field).toBe('category');
    expect(birthAndCategoryProblem('2009-06-01', 'relevant', today)).toBeNull();
    expect(birthAndCategoryProblem('2008-12-02', 'former-relevant', today)).toBeNull();
    expect(birthAndCategoryProblem('2010-12-02', 'eligible', today)).toBeNull();
  });
});
