import { describe, expect, it } from 'vitest';
import { accommodation, action, flag, profile, record, review } from '../testing/builders.ts';
import type { YoungPersonRecord } from './model.ts';
import {
  firstPlanDue,
  isActionOverdue,
  isPathwayPlanOwed,
  needsAssessmentDue,
  needsAssessmentState,
  nextReviewDue,
  outstandingReviewRequests,
  overdueActions,
  planStatus,
} from './pathway-plan.ts';
import { DEFAULT_SETTINGS } from './settings.ts';

function withPlan(firstAgreedOn: string | null, extra: Partial<YoungPersonRecord> = {}): YoungPersonRecord {
  const base = record();
  return { ...base, plan: { ...base.plan, firstAgreedOn }, ...extra };
}

describe('needs assessment and first plan', () => {
  it('assessment is due 3 months after the 16th birthday (CPPCR 2010 reg 42)', () => {
    expect(needsAssessmentDue(profile({ dateOfBirth: '2009-11-30' }))).toBe('2026-02-28');
    expect(needsAssessmentDue(profile({ dateOfBirth: '2008-02-29' }))).toBe('2024-05-29');
  });
  it('counts from becoming eligible when that is after 16', () => {
    const late = profile({ dateOfBirth: '2008-01-10', becameEligibleOn: '2024-06-01' });
    expect(needsAssessmentDue(late)).toBe('2024-09-01');
    expect(firstPlanDue(record({ profile: late }), '2024-06-01', DEFAULT_SETTINGS)).toBe('2024-09-29');
  });
  it('takes 29 February births to 1 March in a common year for the duty (Family Law Reform Act 1969 s9)', () => {
    expect(needsAssessmentDue(profile({ dateOfBirth: '2008-02-29', becameEligibleOn: null }))).toBe(
      '2024-05-29',
    );
    expect(needsAssessmentDue(profile({ dateOfBirth: '2009-02-28' }))).toBe('2025-05-28');
    expect(needsAssessmentDue(profile({ dateOfBirth: '2008-02-29' }))).toBe('2024-05-29');
  });
  it('dues the plan after the assessment (local target), not on the 16th birthday', () => {
    const r = record({ profile: profile({ dateOfBirth: '2008-01-10' }) });
    // No false "No pathway plan" at 16: the assessment is due 10 Apr 2024, the plan 28 days later.
    expect(planStatus(r, '2024-01-11', DEFAULT_SETTINGS)).toEqual({
      state: 'not-yet-due',
      due: '2024-05-08',
      reason: 'first-plan',
    });
    expect(planStatus(r, '2024-05-09', DEFAULT_SETTINGS).state).toBe('first-plan-overdue');
    const assessed = { ...r, plan: { ...r.plan, needsAssessmentCompletedOn: '2024-02-01' } };
    expect(firstPlanDue(assessed, '2024-02-01', DEFAULT_SETTINGS)).toBe('2024-02-29');
    expect(firstPlanDue(assessed, '2024-02-01', { ...DEFAULT_SETTINGS, planAfterAssessmentDays: 0 })).toBe(
      '2024-02-01',
    );
    // An assessment recorded for a future day does not count yet.
    expect(firstPlanDue(assessed, '2024-01-31', DEFAULT_SETTINGS)).toBe('2024-05-08');
  });
  it('tracks whether the assessment is done or overdue', () => {
    const r = record({ profile: profile({ dateOfBirth: '2008-01-10' }) });
    expect(needsAssessmentState(r, '2024-04-10')).toBe('not-yet-due');
    expect(needsAssessmentState(r, '2024-04-11')).toBe('overdue');
    expect(
      needsAssessmentState(
        { ...r, plan: { ...r.plan, needsAssessmentCompletedOn: '2024-03-01' } },
        '2024-05-01',
      ),
    ).toBe('done');
  });
});

describe('reviews (Care Leavers (England) Regulations 2010 reg 7)', () => {
  it('has no review due before a first plan is agreed', () => {
    expect(nextReviewDue(withPlan(null), '2025-01-01', DEFAULT_SETTINGS)).toBeNull();
    expect(nextReviewDue(withPlan('2025-02-01'), '2025-01-01', DEFAULT_SETTINGS)).toBeNull();
  });
  it('is due exactly six months after the plan: due that day, overdue the next', () => {
    const r = withPlan('2024-01-15');
    expect(nextReviewDue(r, '2024-07-15', DEFAULT_SETTINGS)).toEqual({
      date: '2024-07-15',
      reason: 'six-monthly',
    });
    expect(planStatus(r, '2024-07-15', DEFAULT_SETTINGS).state).toBe('up-to-date');
    expect(planStatus(r, '2024-07-16', DEFAULT_SETTINGS)).toEqual({
      state: 'review-overdue',
      due: '2024-07-15',
      reason: 'six-monthly',
    });
  });
  it('clamps at month ends and leap days', () => {
    expect(nextReviewDue(withPlan('2024-08-31'), '2024-09-01', DEFAULT_SETTINGS)?.date).toBe('2025-02-28');
    expect(nextReviewDue(withPlan('2023-08-31'), '2023-09-01', DEFAULT_SETTINGS)?.date).toBe('2024-02-29');
    expect(nextReviewDue(withPlan('2024-02-29'), '2024-03-01', DEFAULT_SETTINGS)?.date).toBe('2024-08-29');
  });
  it('runs from the latest review held by today', () => {
    const r = withPlan('2023-01-10', {
      reviews: [review('2023-07-01'), review('2024-01-05'), review('2024-09-01')],
    });
    expect(nextReviewDue(r, '2024-06-01', DEFAULT_SETTINGS)?.date).toBe('2024-07-05');
    expect(nextReviewDue(r, '2024-09-01', DEFAULT_SETTINGS)?.date).toBe('2025-03-01');
  });
  it('comes earlier when the young person asks, until a review answers the request', () => {
    const asked = withPlan('2024-01-15', {
      reviewRequests: [{ id: 'q1', requestedOn: '2024-03-01', notes: '' }],
    });
    expect(outstandingReviewRequests(asked, '2024-03-10')).toEqual(['2024-03-01']);
    expect(nextReviewDue(asked, '2024-03-10', DEFAULT_SETTINGS)).toEqual({
      date: '2024-03-29',
      reason: 'young-person-request',
    });
    expect(nextReviewDue(asked, '2024-02-10', DEFAULT_SETTINGS)?.reason).toBe('six-monthly');
    const answered = { ...asked, reviews: [review('2024-03-01', { trigger: 'young-person-request' })] };
    expect(outstandingReviewRequests(answered, '2024-03-10')).toEqual([]);
    expect(nextReviewDue(answered, '2024-03-10', DEFAULT_SETTINGS)).toEqual({
      date: '2024-09-01',
      reason: 'six-monthly',
    });
  });
  it('keeps the six-monthly date when it is earlier than the response to a request', () => {
    const r = withPlan('2024-01-15', {
      reviewRequests: [{ id: 'q1', requestedOn: '2024-07-10', notes: '' }],
    });
    expect(nextReviewDue(r, '2024-07-12', DEFAULT_SETTINGS)).toEqual({
      date: '2024-07-15',
      reason: 'six-monthly',
    });
  });
  it('reports a missing first plan', () => {
    const r = record({ profile: profile({ dateOfBirth: '2008-01-10' }) });
    expect(planStatus(r, '2024-05-08', DEFAULT_SETTINGS)).toEqual({
      state: 'not-yet-due',
      due: '2024-05-08',
      reason: 'first-plan',
    });
    expect(planStatus(r, '2024-05-09', DEFAULT_SETTINGS).state).toBe('first-plan-overdue');
  });
});

describe('actions', () => {
  it('is overdue only when open and past its due date', () => {
    expect(isActionOverdue(action('2025-01-01'), '2025-01-01')).toBe(false);
    expect(isActionOverdue(action('2025-01-01'), '2025-01-02')).toBe(true);
    expect(isActionOverdue(action('2025-01-01', { status: 'not-started' }), '2025-01-02')).toBe(true);
    expect(
      isActionOverdue(action('2025-01-01', { status: 'done', completedOn: '2025-01-03' }), '2025-02-01'),
    ).toBe(false);
    expect(isActionOverdue(action('2025-01-01', { status: 'dropped' }), '2025-02-01')).toBe(false);
    expect(overdueActions([action('2025-01-01'), action('2025-03-01')], '2025-02-01')).toHaveLength(1);
  });
});

describe('qualifying care leavers (Children Act 1989 s24–24B)', () => {
  it('are owed no needs assessment or pathway plan', () => {
    const q = record({ profile: profile({ dateOfBirth: '2008-01-10', category: 'qualifying' }) });
    expect(isPathwayPlanOwed(q.profile)).toBe(false);
    expect(needsAssessmentDue(q.profile)).toBeNull();
    expect(needsAssessmentState(q, '2025-01-01')).toBe('not-required');
    expect(planStatus(q, '2025-01-01', DEFAULT_SETTINGS)).toEqual({
      state: 'not-required',
      due: '2029-01-10',
      reason: 'not-required',
    });
  });
});

describe('young people who come back at 21 to 24 (Children Act 1989 s23CZB)', () => {
  // Born 10 Jan 2003: 21 on 10 Jan 2024; asks to come back at 22, on 10 Jan 2025.
  const returner = record({
    profile: profile({
      dateOfBirth: '2003-01-10',
      dateLeftCare: '2021-01-10',
      returnRequestedOn: '2025-01-10',
    }),
    plan: {
      ...record().plan,
      needsAssessmentCompletedOn: '2019-03-01',
      firstAgreedOn: '2019-02-01',
    },
    reviews: [review('2023-06-01')],
  });
  it('need a new assessment due 3 months after the request: the old one does not count', () => {
    expect(needsAssessmentDue(returner.profile)).toBe('2025-04-10');
    expect(needsAssessmentState(returner, '2025-04-10')).toBe('not-yet-due');
    expect(needsAssessmentState(returner, '2025-04-11')).toBe('overdue');
    const reassessed = { ...returner, plan: { ...returner.plan, needsAssessmentCompletedOn: '2025-01-10' } };
    expect(needsAssessmentState(reassessed, '2025-04-11')).toBe('done');
  });
  it('need a new plan: reviews from before they came back are not "due" again', () => {
    expect(nextReviewDue(returner, '2025-01-11', DEFAULT_SETTINGS)).toBeNull();
    expect(planStatus(returner, '2025-01-11', DEFAULT_SETTINGS)).toEqual({
      state: 'not-yet-due',
      due: '2025-05-08',
      reason: 'first-plan',
    });
    const newPlan = { ...returner, reviews: [...returner.reviews, review('2025-02-15')] };
    expect(planStatus(newPlan, '2025-03-01', DEFAULT_SETTINGS)).toEqual({
      state: 'up-to-date',
      due: '2025-08-15',
      reason: 'six-monthly',
    });
  });
});

describe('reviews while the council provides accommodation (Care Leavers (England) Regulations 2010 reg 7(3))', () => {
  // Relevant child: born 10 Jan 2008, left care 1 Mar 2024, plan agreed 1 Feb 2024.
  const relevant = withPlan('2024-02-01', {
    profile: profile({ dateOfBirth: '2008-01-10', category: 'relevant', dateLeftCare: '2024-03-01' }),
    accommodation: [accommodation('2024-03-01', { code: 'D', councilProvided: true })],
  });
  it('is due on the 28th day after the accommodation is first provided, overdue the day after', () => {
    expect(nextReviewDue(relevant, '2024-03-01', DEFAULT_SETTINGS)).toEqual({
      date: '2024-03-29',
      reason: 'accommodation-first',
    });
    expect(planStatus(relevant, '2024-03-29', DEFAULT_SETTINGS).state).toBe('up-to-date');
    expect(planStatus(relevant, '2024-03-30', DEFAULT_SETTINGS).state).toBe('review-overdue');
  });
  it('then at most every three months while it lasts', () => {
    const reviewed = { ...relevant, reviews: [review('2024-03-25')] };
    expect(nextReviewDue(reviewed, '2024-04-01', DEFAULT_SETTINGS)).toEqual({
      date: '2024-06-25',
      reason: 'accommodation-three-monthly',
    });
  });
  it('does not apply to accommodation the council does not provide, nor at 18 and over', () => {
    const own = { ...relevant, accommodation: [accommodation('2024-03-01', { code: 'U' })] };
    expect(nextReviewDue(own, '2024-03-01', DEFAULT_SETTINGS)?.reason).toBe('six-monthly');
    expect(nextReviewDue(relevant, '2026-01-10', DEFAULT_SETTINGS)?.reason).toBe('six-monthly');
  });
  it('stops while a relevant child has lived at home for six months (reg 3(3))', () => {
    const home = { ...relevant, flags: [flag('returned-home', '2024-03-01')] };
    expect(nextReviewDue(home, '2024-09-02', DEFAULT_SETTINGS)?.reason).toBe('six-monthly');
  });
});
