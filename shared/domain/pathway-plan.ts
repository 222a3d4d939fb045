/**
 * Pathway plan timing: needs assessment, first plan, six-monthly reviews and reviews on request,
 * and overdue actions.
 * Sources: Care Planning, Placement and Case Review (England) Regulations 2010 reg 42 (assessment not
 * more than 3 months after the 16th birthday or becoming eligible) and reg 43; Care Leavers (England)
 * Regulations 2010 reg 7 (review on request and at intervals of not more than six months); DESIGN.md §2
 * (plan in place by 16).
 */
import { addDaysIso, addMonthsIso, maxDate, nthBirthday, type IsoDate } from './dates.ts';
import type { PlanAction, Profile, YoungPersonRecord } from './model.ts';
import type { TeamSettings } from './settings.ts';

export const NEEDS_ASSESSMENT_MONTHS = 3;
export const REVIEW_INTERVAL_MONTHS = 6;

/** The later of the 16th birthday and the day the young person became eligible. */
function planningStart(profile: Profile): IsoDate {
  const sixteenth = nthBirthday(profile.dateOfBirth, 16);
  return profile.becameEligibleOn === null ? sixteenth : maxDate(sixteenth, profile.becameEligibleOn);
}

/** Needs assessment due: 3 months after the 16th birthday, or after becoming eligible if later (reg 42(1)). */
export function needsAssessmentDue(profile: Profile): IsoDate {
  return addMonthsIso(planningStart(profile), NEEDS_ASSESSMENT_MONTHS);
}

/**
 * First pathway plan due: by the 16th birthday (DESIGN.md §2). For a young person who becomes eligible
 * after 16 the plan follows the assessment, so it is due when the assessment is.
 */
export function firstPlanDue(profile: Profile): IsoDate {
  const sixteenth = nthBirthday(profile.dateOfBirth, 16);
  return planningStart(profile) > sixteenth ? needsAssessmentDue(profile) : sixteenth;
}

export type NeedsAssessmentState = 'done' | 'not-yet-due' | 'overdue';

export function needsAssessmentState(record: YoungPersonRecord, today: IsoDate): NeedsAssessmentState {
  const completed = record.plan.needsAssessmentCompletedOn;
  if (completed !== null && completed <= today) return 'done';
  return today > needsAssessmentDue(record.profile) ? 'overdue' : 'not-yet-due';
}

/** The latest review held on or before today, or null. */
export function lastReviewDate(record: YoungPersonRecord, today: IsoDate): IsoDate | null {
  let latest: IsoDate | null = null;
  for (const review of record.reviews)
    if (review.date <= today && (latest === null || review.date > latest)) latest = review.date;
  return latest;
}

export interface ReviewDue {
  readonly date: IsoDate;
  readonly reason: 'six-monthly' | 'young-person-request';
}

/** Requests made on or before today that no review on or after the request has answered yet. */
export function outstandingReviewRequests(record: YoungPersonRecord, today: IsoDate): IsoDate[] {
  return record.reviewRequests
    .map((request) => request.requestedOn)
    .filter(
      (requestedOn) =>
        requestedOn <= today &&
        !record.reviews.some((review) => review.date >= requestedOn && review.date <= today),
    )
    .sort();
}

/**
 * The next review: six months after the last review (or the first plan if there has been none), or
 * earlier when the young person asked for one. A review due on day D is overdue from D + 1. Null until
 * a first plan has been agreed.
 */
export function nextReviewDue(
  record: YoungPersonRecord,
  today: IsoDate,
  settings: TeamSettings,
): ReviewDue | null {
  const agreed = record.plan.firstAgreedOn;
  if (agreed === null || agreed > today) return null;
  const lastReview = lastReviewDate(record, today);
  const base = lastReview === null ? agreed : maxDate(agreed, lastReview);
  const scheduled: ReviewDue = { date: addMonthsIso(base, REVIEW_INTERVAL_MONTHS), reason: 'six-monthly' };
  const [firstRequest] = outstandingReviewRequests(record, today);
  if (firstRequest === undefined) return scheduled;
  const requested = addDaysIso(firstRequest, settings.reviewRequestDays);
  return requested < scheduled.date ? { date: requested, reason: 'young-person-request' } : scheduled;
}

export type PlanState = 'not-yet-due' | 'first-plan-overdue' | 'up-to-date' | 'review-overdue';

export interface PlanStatus {
  readonly state: PlanState;
  /** When the first plan or the next review is due. */
  readonly due: IsoDate;
  readonly reason: ReviewDue['reason'] | 'first-plan';
}

/** Whether the young person has an up-to-date pathway plan on `today`. */
export function planStatus(record: YoungPersonRecord, today: IsoDate, settings: TeamSettings): PlanStatus {
  const next = nextReviewDue(record, today, settings);
  if (next === null) {
    const due = firstPlanDue(record.profile);
    return { state: today > due ? 'first-plan-overdue' : 'not-yet-due', due, reason: 'first-plan' };
  }
  return { state: today > next.date ? 'review-overdue' : 'up-to-date', due: next.date, reason: next.reason };
}

/** An open action whose due date has passed. */
export function isActionOverdue(action: PlanAction, today: IsoDate): boolean {
  return (action.status === 'not-started' || action.status === 'in-progress') && action.dueDate < today;
}

export function overdueActions(actions: readonly PlanAction[], today: IsoDate): PlanAction[] {
  return actions.filter((action) => isActionOverdue(action, today));
}
