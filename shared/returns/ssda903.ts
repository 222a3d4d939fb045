/**
 * Deriving OC3 rows (CHILD, DOB, IN_TOUCH, ACTIV, ACCOM) from a young person's record, one for each
 * 17th–21st birthday in a collection year, and the return as a whole: the rows, what must be recorded
 * before it can be exported, and the DfE validation of every row (oc3-validation.ts).
 * Sources: DfE SSDA903 guidance ("Children looked after by local authorities in England", care leavers
 * table OC3) and the validation rules in oc3-validation.ts: a young person with a 17th or 18th
 * birthday in the year who was still looked after on it (1007) or left care on or after it (1016) has
 * no OC3 row; Waymark never invents a code for data it does not hold.
 */
import { accommodationValue, isStayingPut } from '../domain/accommodation.ts';
import { isContactMade } from '../domain/contact.ts';
import { addMonthsIso, dateOfDateTime, isWithin, type IsoDate } from '../domain/dates.ts';
import { activeFlagKinds, hasDied, returnedHomeForSixMonths } from '../domain/flags.ts';
import type { YoungPersonRecord } from '../domain/model.ts';
import { periodOn, type DatedPeriod } from '../domain/periods.ts';
import type { InTouchCode } from '../domain/codes.ts';
import { collectionYear } from './collection-year.ts';
import { OC3_AGES, ordinal, returnAgeOn, returnBirthday, toDfeDate, type Oc3Row } from './oc3.ts';
import { validateOc3Table, type Oc3Context, type Oc3RowFailures } from './oc3-validation.ts';

/**
 * The period around the birthday in which contact counts as "in touch" and activity and accommodation
 * are taken: from 3 months before to 1 month after the birthday (DfE SSDA903 guidance, care leavers).
 */
export const IN_TOUCH_WINDOW_MONTHS = { before: 3, after: 1 } as const;

export interface DerivedOc3Row {
  readonly row: Oc3Row;
  readonly birthday: IsoDate;
  readonly age: number;
  /**
   * What must be recorded or corrected in the young person's record before the return can be exported
   * (a blank field the record does not answer, a code the DfE rejects); empty when the row is complete.
   */
  readonly toComplete: readonly string[];
}

/**
 * OC3 covers young people looked after for at least 13 weeks after their 14th birthday, including some
 * time after their 16th: recorded as eligible, relevant or former relevant (not qualifying).
 */
export function isInOc3Cohort(record: YoungPersonRecord): boolean {
  return record.profile.category !== 'qualifying';
}

interface Window {
  readonly start: IsoDate;
  readonly end: IsoDate;
}

function windowAround(birthday: IsoDate): Window {
  return {
    start: addMonthsIso(birthday, -IN_TOUCH_WINDOW_MONTHS.before),
    end: addMonthsIso(birthday, IN_TOUCH_WINDOW_MONTHS.after),
  };
}

function inTouchAt(record: YoungPersonRecord, birthday: IsoDate, window: Window): InTouchCode {
  if (hasDied(record.flags, window.end)) return 'DIED';
  if (returnedHomeForSixMonths(record.flags, birthday)) return 'RHOM';
  const flags = activeFlagKinds(record.flags, birthday);
  if (flags.has('no-longer-requires-services')) return 'NREQ';
  if (flags.has('refuses-contact')) return 'REFU';
  const contacted = record.contacts.some(
    (contact) => isContactMade(contact) && isWithin(dateOfDateTime(contact.at), window.start, window.end),
  );
  return contacted ? 'YES' : 'NO';
}

/** The period on the birthday, else the one overlapping the window that starts nearest the birthday. */
function periodNear<P extends DatedPeriod>(
  periods: readonly P[],
  birthday: IsoDate,
  window: Window,
): P | null {
  const exact = periodOn(periods, birthday);
  if (exact !== null) return exact;
  const overlapping = periods.filter(
    (p) => p.startDate <= window.end && (p.endDate === null || p.endDate >= window.start),
  );
  const distance = (p: P) => Math.abs(Date.parse(p.startDate) - Date.parse(birthday));
  return overlapping.sort((a, b) => distance(a) - distance(b))[0] ?? null;
}

function deriveRow(
  record: YoungPersonRecord,
  birthday: IsoDate,
  age: number,
  yearStart: IsoDate,
): DerivedOc3Row {
  const window = windowAround(birthday);
  const inTouch = inTouchAt(record, birthday, window);
  const base = { CHILD: record.profile.id, DOB: toDfeDate(record.profile.dateOfBirth), IN_TOUCH: inTouch };
  if (inTouch !== 'YES') return { row: { ...base, ACTIV: '0', ACCOM: '0' }, birthday, age, toComplete: [] };
  const toComplete: string[] = [];
  const eet = periodNear(record.eet, birthday, window);
  if (eet === null)
    toComplete.push(
      `In touch at the ${ordinal(age)} birthday but no education, employment or training is recorded around it: record the activity (ACTIV).`,
    );
  const accommodation = periodNear(record.accommodation, birthday, window);
  if (accommodation === null)
    toComplete.push(
      `In touch at the ${ordinal(age)} birthday but no accommodation is recorded around it: record the accommodation (ACCOM).`,
    );
  // ACCOM Z is Staying Put: only with the former foster carer (Children Act 1989 s23CZA).
  if (accommodation !== null && accommodation.code === 'Z' && !isStayingPut(accommodation))
    toComplete.push(
      'Former foster carers (Z) is reported only for a Staying Put arrangement (Children Act 1989 s23CZA): record the carer and confirm they were the foster carer when care ended, or record another type.',
    );
  // DfE rule 347: a Foyer is reported only for young people 18 or over at the start of the year.
  if (accommodation?.code === 'T' && returnAgeOn(record.profile.dateOfBirth, yearStart) < 18)
    toComplete.push(
      'A Foyer (T) cannot be reported for a young person under 18 at the start of the collection year (DfE rule 347): record whether it is registered supported accommodation (D) or other accommodation (Y).',
    );
  return {
    row: {
      ...base,
      ACTIV: eet === null ? '' : eet.activ,
      ACCOM: accommodation === null ? '' : accommodationValue(accommodation),
    },
    birthday,
    age,
    toComplete,
  };
}

/**
 * No row at a 17th or 18th birthday when the young person was still looked after on it or left care on
 * or after it (DfE rules 1007 and 1016): the day of leaving counts as a day looked after.
 */
function excludedAtBirthday(record: YoungPersonRecord, age: number, birthday: IsoDate): boolean {
  const left = record.profile.dateLeftCare;
  return age <= 18 && (left === null || left >= birthday);
}

/** The OC3 rows for one young person for the collection year ending in `yearEnding`. */
export function deriveOc3Rows(record: YoungPersonRecord, yearEnding: number): DerivedOc3Row[] {
  if (!isInOc3Cohort(record)) return [];
  const year = collectionYear(yearEnding);
  const rows: DerivedOc3Row[] = [];
  for (const age of OC3_AGES) {
    const birthday = returnBirthday(record.profile.dateOfBirth, age);
    if (!isWithin(birthday, year.start, year.end) || excludedAtBirthday(record, age, birthday)) continue;
    rows.push(deriveRow(record, birthday, age, year.start));
  }
  return rows;
}

/** OC3 rows for a whole caseload. */
export function deriveOc3Table(records: readonly YoungPersonRecord[], yearEnding: number): DerivedOc3Row[] {
  return records.flatMap((record) => deriveOc3Rows(record, yearEnding));
}

/** The cross-table context Waymark holds: each young person's date of leaving care, and last year's rows. */
export function oc3Context(records: readonly YoungPersonRecord[], yearEnding: number): Oc3Context {
  return {
    careEnded: new Map(records.map((record) => [record.profile.id, record.profile.dateLeftCare])),
    lastYear: deriveOc3Table(records, yearEnding - 1).map((derived) => derived.row),
  };
}

export interface Oc3Return {
  readonly yearEnding: number;
  readonly rows: readonly DerivedOc3Row[];
  /** Rows whose record must be completed first; the return cannot be exported while any remain. */
  readonly toComplete: readonly DerivedOc3Row[];
  /** Every DfE rule failure, by row (cross-table rules included). */
  readonly failures: readonly Oc3RowFailures[];
  /** True when every row is complete and passes every rule: the file may be exported. */
  readonly exportable: boolean;
}

/** The OC3 return for a caseload: its rows, what blocks it, and its validation. */
export function oc3Return(records: readonly YoungPersonRecord[], yearEnding: number): Oc3Return {
  const rows = deriveOc3Table(records, yearEnding);
  const toComplete = rows.filter((row) => row.toComplete.length > 0);
  const failures = validateOc3Table(
    rows.map((row) => row.row),
    yearEnding,
    oc3Context(records, yearEnding),
  );
  return {
    yearEnding,
    rows,
    toComplete,
    failures,
    exportable: toComplete.length === 0 && failures.length === 0,
  };
}
