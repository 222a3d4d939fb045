/**
 * Eligibility category, the end of support, PA allocation and significant birthdays.
 * Sources: Children Act 1989 Sch 2 para 19B (eligible), s23A (relevant), s23C (former relevant),
 * s24 (qualifying), s23CZB (PA support to 25 on request); Care Planning, Placement and Case Review
 * (England) Regulations 2010 reg 40 (13 weeks looked after since the 14th birthday).
 */
import { addDaysIso, addMonthsIso, ageOn, maxDate, nthBirthday, type IsoDate } from './dates.ts';
import { activeFlagKinds, hasDied, returnedHomeForSixMonths } from './flags.ts';
import type { Profile, StatusFlag, YoungPersonRecord } from './model.ts';
import { DEFAULT_SETTINGS, type TeamSettings } from './settings.ts';
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
 * Why a recorded category cannot be right for someone born on `dateOfBirth`, on `today`; null when it
 * can. A born-in-the-future date is refused first. Every care leaver is 16 or over (Sch 2 para 19B(2),
 * s23A(2), s24(1A)), and a former relevant child is 18 or over (s23C(1)): recording either for someone
 * younger is a mistake in the date or the category, never a young person to treat as "under 16".
 */
export function birthAndCategoryProblem(
  dateOfBirth: IsoDate,
  category: CareLeaverCategory,
  today: IsoDate,
): { readonly field: 'dateOfBirth' | 'category'; readonly message: string } | null {
  if (dateOfBirth > today) return { field: 'dateOfBirth', message: 'Date of birth must be in the past' };
  const age = ageOn(dateOfBirth, today);
  if (age < 16)
    return {
      field: 'dateOfBirth',
      message: `With this date of birth they are ${age}: a care leaver is 16 or over. Check the date of birth`,
    };
  if (category === 'former-relevant' && age < 18)
    return {
      field: 'category',
      message: `Former relevant young people are 18 or over, and with this date of birth they are ${age}. Check the category or the date of birth`,
    };
  return null;
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

/**
 * PA support lasts until the 21st birthday, or the 25th if the young person asked for it or came back
 * for it (s23C, s23CZB).
 */
export function supportEndsOn(profile: Profile): IsoDate {
  const to25 = profile.supportExtendedTo25 || profile.returnRequestedOn !== null;
  return nthBirthday(profile.dateOfBirth, to25 ? 25 : 21);
}

/** A young person who came back for support at 21 to 24 (s23CZB): duties run from the request. */
export function isReturner(profile: Profile): boolean {
  return profile.returnRequestedOn !== null && profile.category !== 'qualifying';
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
 * The day the duty to provide a PA starts, or null when there is none. For an eligible child the duty
 * starts when they become eligible (Children Act 1989 Sch 2 para 19C): the 16th birthday, or the later
 * day they became eligible; it continues for relevant and former relevant young people (s23B(2),
 * s23CA(2)). For a young person who came back at 21 to 24 it starts on the day they asked (s23CZB(3)).
 * Qualifying care leavers are owed advice and assistance, not a PA (s24A, s24B): null.
 */
export function paDutyFrom(profile: Profile): IsoDate | null {
  if (profile.category === 'qualifying') return null;
  if (isReturner(profile)) return profile.returnRequestedOn;
  const sixteenth = nthBirthday(profile.dateOfBirth, 16);
  return profile.becameEligibleOn === null ? sixteenth : maxDate(sixteenth, profile.becameEligibleOn);
}

export type PaDutyState = 'not-owed' | 'not-yet' | 'met' | 'unmet';

/** Whether the PA duty is met today: 'unmet' from the day it starts until a PA is allocated. */
export function paDuty(profile: Profile, today: IsoDate): PaDutyState {
  const from = paDutyFrom(profile);
  if (from === null) return 'not-owed';
  if (today < from) return 'not-yet';
  return profile.allocatedPaId === null ? 'unmet' : 'met';
}

/**
 * The council's local target for allocating a PA: `paTargetMonthsAfter16` months after the 16th
 * birthday (6 by default: "PA by 16½", the headline indicator in DESIGN.md §2), or the day the duty
 * starts if later (becoming eligible after 16, or asking to come back at 21 to 24). Null when no PA is owed.
 */
export function paAllocationDue(profile: Profile, settings: TeamSettings = DEFAULT_SETTINGS): IsoDate | null {
  const from = paDutyFrom(profile);
  if (from === null) return null;
  if (isReturner(profile)) return from;
  return maxDate(addMonthsIso(nthBirthday(profile.dateOfBirth, 16), settings.paTargetMonthsAfter16), from);
}

export type PaAllocationStatus = 'on-time' | 'late' | 'overdue' | 'not-yet-due' | 'date-unknown' | 'not-owed';

/** Allocation against the local target (paAllocationDue), for the "PA allocated by target" measure. */
export function paAllocationStatus(
  profile: Profile,
  today: IsoDate,
  settings: TeamSettings = DEFAULT_SETTINGS,
): PaAllocationStatus {
  const due = paAllocationDue(profile, settings);
  if (due === null) return 'not-owed';
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
