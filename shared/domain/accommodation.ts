/**
 * Accommodation: which period applies on a date, suitability rules and what needs a manager's attention.
 * Sources: Children Act 1989 s23B(8)–(10), s23CZA (Staying Put); Care Leavers (England) Regulations 2010
 * reg 9(2) and Sch 2 (suitability); DESIGN.md §2 (B&B and emergency unsuitable, need senior approval;
 * every unsuitable arrangement needs a reviewed risk assessment).
 */
import { ACCOM_LABELS, accomValue, SENIOR_APPROVAL_LETTERS, type AccomValue } from './codes.ts';
import type { IsoDate } from './dates.ts';
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

export type AccommodationConcernKind = 'unsuitable-no-risk-assessment' | 'bb-or-emergency';

export interface AccommodationConcern {
  readonly kind: AccommodationConcernKind;
  readonly message: string;
}

/** What a manager must look at for the accommodation a young person is in today. */
export function accommodationConcerns(period: AccommodationPeriod, today: IsoDate): AccommodationConcern[] {
  const concerns: AccommodationConcern[] = [];
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
  return concerns;
}
