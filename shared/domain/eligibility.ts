/**
 * Eligibility category, the end of support, PA allocation and significant birthdays.
 * Sources: Children Act 1989 Sch 2 para 19B (eligible), s23A (relevant), s23C (former relevant),
 * s24 (qualifying), s23CZB (PA support to 25 on request); Care Planning, Placement and Case Review
 * (England) Regulations 2010 reg 40 (13 weeks looked after since the 14th birthday).
 */
import { addDaysIso, ageOn, halfBirthday, maxDate, nthBirthday, type IsoDate } from './dates.ts';
import { activeFlagKinds, hasDied, returnedHomeForSixMonths } from './flags.ts';
import type { Profile, StatusFlag, YoungPersonRecord } from './model.ts';
import type { CareLeaverCategory } from './vocabulary.ts';

/** Weeks looked after, beginning after the 14th birthday, that make a child eligible (CPPCR 2010 reg 40). */
export const ELIGIBILITY_WEEKS = 13;

export interface CareHistory {
  readonly dateOfBirth: IsoDate;
  /** Total weeks looked after since the 14th birthday (short-break placements excluded). */
  readonly weeksLookedAfterSince14: number;
  /** Null while still looked after. */
  readonly dateLeftCare: IsoDate | null;
}

/**
 * The category the law gives a young person on `today`, from their care history; null when they are
 * under 16, not a care leaver at all (left care before 16), or a child still looked after for under 13
 * weeks: such a child is looked after, not a care leaver. A qualifying care leaver is someone who has
 * *ceased* to be looked after at 16 or over (Children Act 1989 s24(1A)(b) and (1B)); the 13-week test
 * makes a looked-after child eligible (Sch 2 para 19B(2)).
 */
export function classifyCareLeaver(history: CareHistory, today: IsoDate): CareLeaverCategory | null {
  const age = ageOn(history.dateOfBirth, today);
  if (age < 16) return null;
  const stillLookedAfter = history.dateLeftCare === null || history.dateLeftCare > today;
  const lookedAfterAt16OrLater =
    stillLookedAfter || (history.dateLeftCare ?? '') >= nthBirthday(history.dateOfBirth, 16);
  if (!lookedAfterAt16OrLater) return null;
  const longEnough = history.weeksLookedAfterSince14 >= ELIGIBILITY_WEEKS;
  if (!longEnough) return stillLookedAfter ? null : 'qualifying';
  if (age >= 18) return 'former-relevant';
  return stillLookedAfter ? 'eligible' : 'relevant';
}

/**
 * The recorded category carried forward to `today`: an eligible child who leaves care becomes relevant,
 * and an eligible or relevant child becomes former relevant at 18. Null under 16, and null for a
 * 16- or 17-year-old who has lived with a parent (or someone with parental responsibility) for a
 * continuous six months: such a child is not a relevant child (Children Act 1989 s23A(3); Care Leavers
 * (England) Regulations 2010 reg 3(3)). That lasts only while they live there: when the arrangement
 * breaks down (the returned-home flag ends) they are a relevant child again (reg 3(4)).
 */
export function currentCategory(
  profile: Profile,
  today: IsoDate,
  flags: readonly StatusFlag[] = [],
): CareLeaverCategory | null {
  const age = ageOn(profile.dateOfBirth, today);
  if (age < 16) return null;
  if (profile.category === 'qualifying') return 'qualifying';
  if (age >= 18) return 'former-relevant';
  const leftCare = profile.dateLeftCare !== null && profile.dateLeftCare <= today;
  if (!leftCare) return 'eligible';
  return returnedHomeForSixMonths(flags, today) ? null : 'relevant';
}

/** PA support lasts until the 21st birthday, or the 25th if the young person asked (s23C, s23CZB). */
export function supportEndsOn(profile: Profile): IsoDate {
  return nthBirthday(profile.dateOfBirth, profile.supportExtendedTo25 ? 25 : 21);
}

/**
 * Support has ended from the 21st (or 25th) birthday itself: the duties last "until" the young person
 * reaches that age, which they do at the start of the birthday (s23C(6), s23CZB; Family Law Reform Act
 * 1969 s9). The one rule for the caseload, the exception lists and Ofsted's Annex A list 9.
 */
export function supportEnded(profile: Profile, today: IsoDate): boolean {
  return today >= supportEndsOn(profile);
}

/** On the caseload today: support has not ended, the young person is alive and still wants services. */
export function isActiveCase(record: YoungPersonRecord, today: IsoDate): boolean {
  if (supportEnded(record.profile, today) || hasDied(record.flags, today)) return false;
  return !activeFlagKinds(record.flags, today).has('no-longer-requires-services');
}

/**
 * A PA should be allocated by 16½ (Children Act 1989 Sch 2 para 19C requires one for every eligible
 * child; "by 16½" is the DfE/council headline indicator in DESIGN.md §2). For a child who became
 * eligible later, the allocation is due on that day.
 */
export function paAllocationDue(profile: Profile): IsoDate {
  const due = halfBirthday(profile.dateOfBirth, 16);
  return profile.becameEligibleOn === null ? due : maxDate(due, profile.becameEligibleOn);
}

export type PaAllocationStatus = 'on-time' | 'late' | 'overdue' | 'not-yet-due' | 'date-unknown';

export function paAllocationStatus(profile: Profile, today: IsoDate): PaAllocationStatus {
  const due = paAllocationDue(profile);
  if (profile.allocatedPaId !== null) {
    if (profile.paAllocatedOn === null) return 'date-unknown';
    return profile.paAllocatedOn <= due ? 'on-time' : 'late';
  }
  return today > due ? 'overdue' : 'not-yet-due';
}

/** Birthdays at which duties change: 16 (plan), 18 (adulthood, Staying Put), 21 and 25 (support ends). */
export const SIGNIFICANT_AGES = [16, 18, 21, 25] as const;
export type SignificantAge = (typeof SIGNIFICANT_AGES)[number];

export interface SignificantBirthday {
  readonly age: SignificantAge;
  readonly date: IsoDate;
}

/** The next significant birthday on or after today, or null past 25. */
export function nextSignificantBirthday(dateOfBirth: IsoDate, today: IsoDate): SignificantBirthday | null {
  for (const age of SIGNIFICANT_AGES) {
    const date = nthBirthday(dateOfBirth, age);
    if (date >= today) return { age, date };
  }
  return null;
}

/** Birthdays that change what the young person is entitled to: adulthood, and the two ends of support. */
export const TRANSITION_AGES = [18, 21, 25] as const;

export interface Transition {
  readonly age: (typeof TRANSITION_AGES)[number];
  readonly date: IsoDate;
}

/** Turning 18, 21 or 25 between today and `days` ahead, inclusive. */
export function upcomingTransitions(dateOfBirth: IsoDate, today: IsoDate, days: number): Transition[] {
  const horizon = addDaysIso(today, days);
  return TRANSITION_AGES.map((age) => ({ age, date: nthBirthday(dateOfBirth, age) })).filter(
    (birthday) => birthday.date >= today && birthday.date <= horizon,
  );
}
