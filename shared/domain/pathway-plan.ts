/**
 * Pathway plan timing: needs assessment, first plan, reviews (six-monthly, on request, and the shorter
 * cadence for relevant children in accommodation the council provides) and overdue actions.
 * Sources:
 * - Care Planning, Placement and Case Review (England) Regulations 2010 reg 42(1): the needs assessment
 *   of an eligible child "not more than three months after" the 16th birthday or becoming eligible if
 *   later; reg 43 and Care Leavers (England) Regulations 2010 reg 6: the pathway plan is prepared as soon
 *   as possible after the assessment (how soon is a local target: TeamSettings.planAfterAssessmentDays;
 *   a council's "plan by 16" is a local target too, not the law).
 * - Children Act 1989 s23CZB: a former relevant young person aged 21 to 24 who asks to come back is owed
 *   a new assessment of needs and a pathway plan, from the day they ask. The Act sets no time for the
 *   assessment; Waymark uses the same 3 months as reg 42.
 * - Care Leavers (England) Regulations 2010 reg 7: reviews at intervals of not more than six months and
 *   whenever the young person asks; where the council provides a relevant child with accommodation
 *   under s23B(8), a review as soon as practicable after the end of 28 days beginning with the day the
 *   accommodation is first provided, then at intervals of not more than three months while it lasts.
 *   (Waymark's reading of reg 7(3). Reg 8(2), whose text was checked at legislation.gov.uk
 *   uksi/2010/2571/regulation/8, confirms that reg 7(3) governs reviews for young people in accommodation
 *   the council provides under s23B or s24B: the PA must visit "before the pathway plan is reviewed under
 *   regulation 7(3)". The 28-day and three-month figures of reg 7(3) itself were not retrievable here and
 *   are recorded in docs/design.md as to be checked.)
 * - Children Act 1989 s24, s24A, s24B: qualifying care leavers are owed advice and assistance, not a
 *   needs assessment or pathway plan.
 */
import { accommodationOn } from './accommodation.ts';
import { addDaysIso, addMonthsIso, maxDate, nthBirthday, type IsoDate } from './dates.ts';
import { currentCategory, isReturner, supportEndsOn } from './eligibility.ts';
import type { PlanAction, Profile, YoungPersonRecord } from './model.ts';
import type { TeamSettings } from './settings.ts';

export const NEEDS_ASSESSMENT_MONTHS = 3;
export const REVIEW_INTERVAL_MONTHS = 6;
/** Reg 7(3): the first review after the council provides accommodation follows a 28-day period. */
export const ACCOMMODATION_FIRST_REVIEW_DAYS = 28;
/** Reg 7(3): then reviews at intervals of not more than three months while it provides it. */
export const ACCOMMODATION_REVIEW_MONTHS = 3;

/** Qualifying care leavers are owed no assessment or pathway plan (s24–24B). */
export function isPathwayPlanOwed(profile: Profile): boolean {
  return profile.category !== 'qualifying';
}

/**
 * The day planning starts: the 16th birthday, or becoming eligible if later (reg 42); for a young person
 * who came back at 21 to 24, the day they asked (s23CZB). Null when no plan is owed.
 */
export function planningStart(profile: Profile): IsoDate | null {
  if (!isPathwayPlanOwed(profile)) return null;
  if (isReturner(profile)) return profile.returnRequestedOn;
  const sixteenth = nthBirthday(profile.dateOfBirth, 16);
  return profile.becameEligibleOn === null ? sixteenth : maxDate(sixteenth, profile.becameEligibleOn);
}

/** Needs assessment due: 3 months after planning starts (reg 42(1); s23CZB). Null when none is owed. */
export function needsAssessmentDue(profile: Profile): IsoDate | null {
  const start = planningStart(profile);
  return start === null ? null : addMonthsIso(start, NEEDS_ASSESSMENT_MONTHS);
}

/** The assessment that counts: for a returner only one completed on or after the request. */
function currentAssessment(record: YoungPersonRecord, today: IsoDate): IsoDate | null {
  const completed = record.plan.needsAssessmentCompletedOn;
  const start = planningStart(record.profile);
  if (completed === null || completed > today) return null;
  if (isReturner(record.profile) && start !== null && completed < start) return null;
  return completed;
}

export type NeedsAssessmentState = 'done' | 'not-yet-due' | 'overdue' | 'not-required';

export function needsAssessmentState(record: YoungPersonRecord, today: IsoDate): NeedsAssessmentState {
  const due = needsAssessmentDue(record.profile);
  if (due === null) return 'not-required';
  if (currentAssessment(record, today) !== null) return 'done';
  return today > due ? 'overdue' : 'not-yet-due';
}

/**
 * First pathway plan due (or, for a returner, the new plan): as soon as possible after the needs
 * assessment, which the team's local target turns into `planAfterAssessmentDays` after the assessment
 * (or after the day the assessment is due, while it is not done: an overdue assessment makes the plan
 * late too). Null when no plan is owed.
 */
export function firstPlanDue(
  record: YoungPersonRecord,
  today: IsoDate,
  settings: TeamSettings,
): IsoDate | null {
  const assessmentDue = needsAssessmentDue(record.profile);
  if (assessmentDue === null) return null;
  const assessed = currentAssessment(record, today);
  return addDaysIso(assessed ?? assessmentDue, settings.planAfterAssessmentDays);
}

/** Reviews held on or before today, and (for a returner) on or after the request. */
function reviewsInForce(record: YoungPersonRecord, today: IsoDate): IsoDate[] {
  const start = isReturner(record.profile) ? planningStart(record.profile) : null;
  return record.reviews
    .map((review) => review.date)
    .filter((date) => date <= today && (start === null || date >= start))
    .sort();
}

/** The latest review held on or before today (since the request, for a returner), or null. */
export function lastReviewDate(record: YoungPersonRecord, today: IsoDate): IsoDate | null {
  return reviewsInForce(record, today).at(-1) ?? null;
}

/**
 * The day the current plan was agreed: the first plan, or for a returner the first plan or review on or
 * after the request (a plan agreed before they came back does not count). Null when there is none.
 */
export function planAgreedOn(record: YoungPersonRecord, today: IsoDate): IsoDate | null {
  const agreed = record.plan.firstAgreedOn;
  if (!isReturner(record.profile)) return agreed !== null && agreed <= today ? agreed : null;
  const start = planningStart(record.profile) ?? '';
  if (agreed !== null && agreed >= start && agreed <= today) return agreed;
  return reviewsInForce(record, today)[0] ?? null;
}

export type ReviewReason =
  'six-monthly' | 'young-person-request' | 'accommodation-first' | 'accommodation-three-monthly';

export interface ReviewDue {
  readonly date: IsoDate;
  readonly reason: ReviewReason;
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
 * Reg 7(3): for a relevant child (16–17, left care) in accommodation the council provides, the review
 * due after the 28-day period from the day it was first provided (the 28th day after, counting that day
 * as day 1 of the period: start + 28), then three months after the last review held since.
 */
function accommodationReviewDue(record: YoungPersonRecord, today: IsoDate): ReviewDue | null {
  if (currentCategory(record.profile, today, record.flags) !== 'relevant') return null;
  const current = accommodationOn(record.accommodation, today);
  if (current === null || !current.councilProvided) return null;
  const since = reviewsInForce(record, today).filter((date) => date >= current.startDate);
  const last = since.at(-1);
  return last === undefined
    ? { date: addDaysIso(current.startDate, ACCOMMODATION_FIRST_REVIEW_DAYS), reason: 'accommodation-first' }
    : { date: addMonthsIso(last, ACCOMMODATION_REVIEW_MONTHS), reason: 'accommodation-three-monthly' };
}

function earliest(candidates: readonly (ReviewDue | null)[]): ReviewDue | null {
  let best: ReviewDue | null = null;
  for (const candidate of candidates)
    if (candidate !== null && (best === null || candidate.date < best.date)) best = candidate;
  return best;
}

/**
 * The next review: six months after the last review (or the plan if there has been none), earlier
 * when the young person asked for one or the council provides their accommodation (reg 7(3)). A review
 * due on day D is overdue from D + 1. Null until a plan has been agreed.
 */
export function nextReviewDue(
  record: YoungPersonRecord,
  today: IsoDate,
  settings: TeamSettings,
): ReviewDue | null {
  const agreed = planAgreedOn(record, today);
  if (agreed === null) return null;
  const lastReview = lastReviewDate(record, today);
  const base = lastReview === null ? agreed : maxDate(agreed, lastReview);
  const scheduled: ReviewDue = { date: addMonthsIso(base, REVIEW_INTERVAL_MONTHS), reason: 'six-monthly' };
  const [firstRequest] = outstandingReviewRequests(record, today);
  const requested: ReviewDue | null =
    firstRequest === undefined
      ? null
      : { date: addDaysIso(firstRequest, settings.reviewRequestDays), reason: 'young-person-request' };
  return earliest([scheduled, requested, accommodationReviewDue(record, today)]);
}

export type PlanState =
  'not-yet-due' | 'first-plan-overdue' | 'up-to-date' | 'review-overdue' | 'not-required';

export interface PlanStatus {
  readonly state: PlanState;
  /** When the first plan or the next review is due; for 'not-required', the day support ends. */
  readonly due: IsoDate;
  readonly reason: ReviewReason | 'first-plan' | 'not-required';
}

/** Whether the young person has an up-to-date pathway plan on `today`. */
export function planStatus(record: YoungPersonRecord, today: IsoDate, settings: TeamSettings): PlanStatus {
  const firstDue = firstPlanDue(record, today, settings);
  if (firstDue === null)
    return { state: 'not-required', due: supportEndsOn(record.profile), reason: 'not-required' };
  const next = nextReviewDue(record, today, settings);
  if (next === null)
    return {
      state: today > firstDue ? 'first-plan-overdue' : 'not-yet-due',
      due: firstDue,
      reason: 'first-plan',
    };
  return { state: today > next.date ? 'review-overdue' : 'up-to-date', due: next.date, reason: next.reason };
}

/** An open action whose due date has passed. */
export function isActionOverdue(action: PlanAction, today: IsoDate): boolean {
  return (action.status === 'not-started' || action.status === 'in-progress') && action.dueDate < today;
}

export function overdueActions(actions: readonly PlanAction[], today: IsoDate): PlanAction[] {
  return actions.filter((action) => isActionOverdue(action, today));
}
