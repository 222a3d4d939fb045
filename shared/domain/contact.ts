/**
 * Contact: last contact, in-touch state against the team threshold, and the PA's visiting duty where the
 * council provides the accommodation.
 * Sources: Children Act 1989 s23B(2), s23C(2) (keep in touch; take reasonable steps to re-establish
 * contact); Care Leavers (England) Regulations 2010 reg 8(2), text checked at legislation.gov.uk
 * uksi/2010/2571/regulation/8: where the council provides accommodation under s23B or s24B the PA must
 * visit there "within 7 days of the accommodation first being provided", "before the pathway plan is
 * reviewed under regulation 7(3)" and "at subsequent intervals of not more than two months"; DESIGN.md §2
 * (team contact threshold, default 8 weeks).
 */
import { accommodationOn } from './accommodation.ts';
import { addDaysIso, addMonthsIso, dateOfDateTime, daysBetween, instantOf, type IsoDate } from './dates.ts';
import { activeFlagKinds, hasDied } from './flags.ts';
import type { ContactEvent, YoungPersonRecord } from './model.ts';
import { lastReviewDate, nextReviewDue } from './pathway-plan.ts';
import type { TeamSettings } from './settings.ts';

export const VISIT_AFTER_MOVE_DAYS = 7;
export const VISIT_INTERVAL_MONTHS = 2;

/** Only contact actually made counts; attempts with no response do not. */
export function isContactMade(contact: ContactEvent): boolean {
  return contact.outcome === 'contact-made';
}

/** The most recent contact made on or before today (by instant, so offsets compare correctly). */
export function lastContact(contacts: readonly ContactEvent[], today: IsoDate): ContactEvent | null {
  let latest: ContactEvent | null = null;
  for (const contact of contacts) {
    if (!isContactMade(contact) || dateOfDateTime(contact.at) > today) continue;
    if (latest === null || instantOf(contact.at) > instantOf(latest.at)) latest = contact;
  }
  return latest;
}

export type InTouchState =
  'in-touch' | 'not-in-touch' | 'refuses-contact' | 'no-longer-requires-services' | 'died';

/**
 * In touch when contact was made within the team's threshold (8 weeks by default: a contact exactly 8
 * weeks ago still counts). Flags take precedence: died, then no longer requires services, then refuses.
 */
export function inTouchState(
  record: YoungPersonRecord,
  today: IsoDate,
  settings: TeamSettings,
): InTouchState {
  if (hasDied(record.flags, today)) return 'died';
  const flags = activeFlagKinds(record.flags, today);
  if (flags.has('no-longer-requires-services')) return 'no-longer-requires-services';
  if (flags.has('refuses-contact')) return 'refuses-contact';
  const last = lastContact(record.contacts, today);
  if (last === null) return 'not-in-touch';
  return daysBetween(dateOfDateTime(last.at), today) <= settings.contactThresholdWeeks * 7
    ? 'in-touch'
    : 'not-in-touch';
}

/** The last day on which contact keeps the young person in touch; null when there has been no contact. */
export function nextContactDue(
  record: YoungPersonRecord,
  today: IsoDate,
  settings: TeamSettings,
): IsoDate | null {
  const last = lastContact(record.contacts, today);
  return last === null ? null : addDaysIso(dateOfDateTime(last.at), settings.contactThresholdWeeks * 7);
}

export interface VisitDue {
  readonly dueBy: IsoDate;
  readonly reason: 'after-move' | 'before-review' | 'two-monthly';
}

/** Home visits (seen, at the accommodation) on or after `from` and on or before today. */
function homeVisits(contacts: readonly ContactEvent[], from: IsoDate, today: IsoDate): IsoDate[] {
  return contacts
    .filter((c) => c.method === 'home-visit' && c.seen && isContactMade(c))
    .map((c) => dateOfDateTime(c.at))
    .filter((date) => date >= from && date <= today)
    .sort();
}

/**
 * The next visit the PA owes at council-provided accommodation (reg 8(2)), or null when the council does
 * not provide the current accommodation.
 */
export function visitDue(record: YoungPersonRecord, today: IsoDate, settings: TeamSettings): VisitDue | null {
  const current = accommodationOn(record.accommodation, today);
  if (current === null || !current.councilProvided) return null;
  const visits = homeVisits(record.contacts, current.startDate, today);
  const lastVisit = visits.at(-1);
  if (lastVisit === undefined)
    return { dueBy: addDaysIso(current.startDate, VISIT_AFTER_MOVE_DAYS), reason: 'after-move' };
  const due: VisitDue = { dueBy: addMonthsIso(lastVisit, VISIT_INTERVAL_MONTHS), reason: 'two-monthly' };
  const review = nextReviewDue(record, today, settings);
  const lastReview = lastReviewDate(record, today) ?? record.plan.firstAgreedOn;
  const visitedSinceReview = lastReview !== null && lastVisit >= lastReview;
  if (review !== null && !visitedSinceReview && review.date < due.dueBy)
    return { dueBy: review.date, reason: 'before-review' };
  return due;
}
