import { describe, expect, it } from 'vitest';
import { action, profile, record, review } from '../testing/builders.ts';
import type { YoungPersonRecord } from './model.ts';
import {
  firstPlanDue,
  isActionOverdue,
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
    expect(firstPlanDue(late)).toBe('2024-09-01');
    expect(firstPlanDue(profile({ dateOfBirth: '2008-01-10' }))).toBe('2024-01-10');
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
    expect(planStatus(r, '2024-01-10', DEFAULT_SETTINGS)).toEqual({
      state: 'not-yet-due',
      due: '2024-01-10',
      reason: 'first-plan',
    });
    expect(planStatus(r, '2024-01-11', DEFAULT_SETTINGS).state).toBe('first-plan-overdue');
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
