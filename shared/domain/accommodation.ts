/**
 * Accommodation: which period applies on a date, suitability rules and what needs a manager's attention.
 * Sources: Children Act 1989 s23B(8)–(10), s23CZA (Staying Put); Care Leavers (England) Regulations 2010
 * reg 9(2) and Sch 2 (suitability); DESIGN.md §2 (B&B and emergency unsuitable, need senior approval;
 * every unsuitable arrangement needs a reviewed risk assessment).
 */
import {
  ACCOM_LABELS,
  accomValue,
  SENIOR_APPROVAL_LETTERS,
  STAYING_PUT_LETTER,
  type AccomValue,
} from './codes.ts';
import { nthBirthday, type IsoDate } from './dates.ts';
import type { AccommodationPeriod } from './model.ts';
import { periodOn } from './periods.ts';

/** The accommodation on `date`; when periods overlap, the one that started last. */
export function accommodationOn(
  periods: readonly AccommodationPeriod[],
  date: IsoDate,
): AccommodationPeriod | null {
  return periodOn(periods, date);
}

/** Assessed on or before today, with a review date that has not passed. */
export function isRiskAssessmentCurrent(period: AccommodationPeriod, today: IsoDate): boolean {
  return (
    period.riskAssessedOn !== null &&
    period.riskAssessedOn <= today &&
    period.riskReviewDue !== null &&
    period.riskReviewDue >= today
  );
}

export function needsSeniorApproval(period: AccommodationPeriod): boolean {
  return SENIOR_APPROVAL_LETTERS.has(period.code);
}

/** The SSDA903 ACCOM value: letter and suitability digit. */
export function accommodationValue(period: AccommodationPeriod): AccomValue {
  return accomValue(period.code, period.suitable);
}

/**
 * A Staying Put arrangement (Children Act 1989 s23CZA): a former relevant young person who, immediately
 * before ceasing to be looked after at 18, was placed with a local authority foster parent and goes on
 * living with them. The council must monitor it and support it until the young person is 21.
 */
export interface StayingPut {
  readonly carer: string;
  readonly from: IsoDate;
  /** The 21st birthday: the s23CZA duty lasts until then. */
  readonly dutyEndsOn: IsoDate;
}

/** True when a Z period is a Staying Put arrangement: with the former foster carer, recorded by name. */
export function isStayingPut(period: AccommodationPeriod): boolean {
  return (
    period.code === STAYING_PUT_LETTER &&
    period.formerFosterCarer === true &&
    (period.carer ?? '').trim() !== ''
  );
}

/** The Staying Put arrangement on `date`, or null. */
export function stayingPutOn(
  periods: readonly AccommodationPeriod[],
  dateOfBirth: IsoDate,
  date: IsoDate,
): StayingPut | null {
  const period = accommodationOn(periods, date);
  if (period === null || !isStayingPut(period)) return null;
  return {
    carer: (period.carer ?? '').trim(),
    from: period.startDate,
    dutyEndsOn: nthBirthday(dateOfBirth, 21),
  };
}

export type AccommodationConcernKind =
  'unsuitable-no-risk-assessment' | 'bb-or-emergency' | 'staying-put' | 'move-paperwork-missing';

/**
 * What a move still lacks: a move is recorded at once (an emergency or out-of-hours placement cannot
 * wait for paperwork) and what is missing is chased afterwards. Unsuitable accommodation needs a risk
 * assessment with a review date (Care Leavers (England) Regulations 2010 reg 9(2), Sch 2); bed and
 * breakfast and emergency accommodation a senior manager's approval (DESIGN.md §2).
 */
export function missingMovePaperwork(period: AccommodationPeriod): string[] {
  const missing: string[] = [];
  if (!period.suitable && period.riskAssessedOn === null) missing.push('the risk assessment date');
  if (!period.suitable && period.riskReviewDue === null) missing.push('the risk assessment review date');
  if (needsSeniorApproval(period) && (period.seniorApprovalBy === null || period.seniorApprovalOn === null))
    missing.push('the senior manager’s approval');
  return missing;
}

function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}

export interface AccommodationConcern {
  readonly kind: AccommodationConcernKind;
  readonly message: string;
}

/**
 * What a manager must look at for the accommodation a young person is in today. With the date of birth,
 * Staying Put (Z) is checked too: only with the former foster carer (s23CZA(1)), and the duty ends at 21.
 */
export function accommodationConcerns(
  period: AccommodationPeriod,
  today: IsoDate,
  dateOfBirth: IsoDate | null = null,
): AccommodationConcern[] {
  const concerns: AccommodationConcern[] = [];
  if (period.code === STAYING_PUT_LETTER && dateOfBirth !== null) {
    if (!isStayingPut(period))
      concerns.push({
        kind: 'staying-put',
        message: `former foster carers (Z) since ${period.startDate}: record the carer and confirm they were the foster carer when care ended at 18, or record another type`,
      });
    else if (today >= nthBirthday(dateOfBirth, 21))
      concerns.push({
        kind: 'staying-put',
        message: `Staying Put with ${(period.carer ?? '').trim()}: the s23CZA duty ended on the 21st birthday (${nthBirthday(dateOfBirth, 21)})`,
      });
  }
  const label = `${period.code} (${ACCOM_LABELS[period.code].toLowerCase()})`;
  if (needsSeniorApproval(period))
    concerns.push({
      kind: 'bb-or-emergency',
      message:
        period.seniorApprovalOn === null
          ? `${label} since ${period.startDate} without senior approval`
          : `${label} since ${period.startDate}, approved ${period.seniorApprovalOn}`,
    });
  if (!period.suitable && !isRiskAssessmentCurrent(period, today))
    concerns.push({
      kind: 'unsuitable-no-risk-assessment',
      message:
        period.riskAssessedOn === null
          ? `unsuitable ${label} with no risk assessment`
          : `unsuitable ${label}: risk assessment review was due ${period.riskReviewDue ?? 'with no date set'}`,
    });
  const missing = missingMovePaperwork(period);
  if (missing.length > 0)
    concerns.push({
      kind: 'move-paperwork-missing',
      message: `moved to ${label} on ${period.startDate}: still to record ${listInWords(missing)}`,
    });
  return concerns;
}
