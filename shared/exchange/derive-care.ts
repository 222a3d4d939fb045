/**
 * What the episodes of care say about a young person's legal status as a care leaver.
 *
 * - Date left care: the DEC of the last episode, when it has one; null while still looked after
 *   (an episode ending with REC X1 is followed by another and is not leaving care).
 * - Time looked after since the 14th birthday: the days covered by episodes from the 14th birthday on,
 *   leaving out pre-planned short breaks (legal status V3/V4: Care Planning, Placement and Case Review
 *   (England) Regulations 2010 reg 40(2) and reg 48). Each episode covers DECOM up to the day before DEC.
 * - Category (classifyCareLeaver in shared/domain/eligibility.ts): eligible = looked after for at least
 *   13 weeks since the age of 14, ending after the 16th birthday, and still looked after (Children Act
 *   1989 Sch 2 para 19B; CPPCR 2010 reg 40); relevant = such a child who has left care, aged 16–17 (s23A;
 *   Care Leavers (England) Regulations 2010 reg 3); former relevant from 18 (s23C); qualifying = looked
 *   after at or after 16 but for less than the 13 weeks (s24).
 * - Became eligible on: the day the 13 weeks were completed, when that is after the 16th birthday
 *   (before it, the child became eligible on the 16th birthday and the field stays empty).
 */
import {
  addDaysIso,
  ageOn,
  epochDayOf,
  isoFromEpochDay,
  maxDate,
  minDate,
  nthBirthday,
  type IsoDate,
} from '../domain/dates.ts';
import { classifyCareLeaver, ELIGIBILITY_WEEKS } from '../domain/eligibility.ts';
import type { CareLeaverCategory } from '../domain/vocabulary.ts';
import { REC_CONTINUES, SHORT_BREAK_LEGAL_STATUSES } from './ssda903-codes.ts';
import type { Episode } from './ssda903-files.ts';

export interface DerivedCare {
  readonly dateLeftCare: IsoDate | null;
  readonly daysLookedAfterSince14: number;
  readonly weeksLookedAfterSince14: number;
  /** Null when under 16 on `asOf` or not a care leaver (left care before the 16th birthday). */
  readonly category: CareLeaverCategory | null;
  readonly becameEligibleOn: IsoDate | null;
}

type EpisodeDates = Pick<Episode, 'decom' | 'dec' | 'rec' | 'ls'>;

/**
 * The day the child ceased to be looked after: the DEC of the last episode (in DECOM order), or null
 * while still looked after (no DEC yet, or REC X1: another episode follows).
 */
export function dateLeftCareFrom(episodes: readonly Pick<Episode, 'dec' | 'rec'>[]): IsoDate | null {
  const last = episodes[episodes.length - 1];
  return last === undefined || last.dec === null || last.rec === REC_CONTINUES ? null : last.dec;
}

/** The care history that episodes (in DECOM order, already checked for overlaps) describe on `asOf`. */
export function deriveCare(
  dateOfBirth: IsoDate,
  episodes: readonly EpisodeDates[],
  asOf: IsoDate,
): DerivedCare {
  const dateLeftCare = dateLeftCareFrom(episodes);
  const fourteenth = nthBirthday(dateOfBirth, 14);
  const sixteenth = nthBirthday(dateOfBirth, 16);
  const dayAfterAsOf = addDaysIso(asOf, 1);
  const threshold = ELIGIBILITY_WEEKS * 7;
  let days = 0;
  let thresholdReachedOn: IsoDate | null = null;
  for (const episode of episodes) {
    if (SHORT_BREAK_LEGAL_STATUSES.has(episode.ls)) continue;
    const start = maxDate(episode.decom, fourteenth);
    const end = minDate(episode.dec ?? dayAfterAsOf, dayAfterAsOf);
    const length = epochDayOf(end) - epochDayOf(start);
    if (length <= 0) continue;
    if (thresholdReachedOn === null && days + length >= threshold)
      thresholdReachedOn = isoFromEpochDay(epochDayOf(start) + (threshold - days) - 1);
    days += length;
  }
  const weeks = Math.floor(days / 7);
  const category = classifyCareLeaver({ dateOfBirth, weeksLookedAfterSince14: weeks, dateLeftCare }, asOf);
  const becameEligibleOn =
    category !== null &&
    category !== 'qualifying' &&
    thresholdReachedOn !== null &&
    thresholdReachedOn > sixteenth
      ? thresholdReachedOn
      : null;
  return {
    dateLeftCare,
    daysLookedAfterSince14: days,
    weeksLookedAfterSince14: weeks,
    category,
    becameEligibleOn,
  };
}

/** Why a young person is not brought into Waymark, or null when they are in scope on `asOf`. */
export function outOfScopeReason(dateOfBirth: IsoDate, care: DerivedCare, asOf: IsoDate): string | null {
  const age = ageOn(dateOfBirth, asOf);
  if (age < 16) return 'under 16: not yet a care leaver';
  if (care.category === null) return 'left care before the 16th birthday: not a care leaver';
  if (age >= 21) return 'aged 21 or over: leaving-care support has ended unless they ask to return (s23CZB)';
  return null;
}
