/**
 * Deriving OC3 rows (CHILD, DOB, IN_TOUCH, ACTIV, ACCOM) from a young person's record, one for each
 * 17th–21st birthday in a collection year.
 * Sources: DfE SSDA903 guidance ("Children looked after by local authorities in England", care leavers
 * table OC3) and its validation rules 1007 (not required at 17 or 18 while still looked after on the
 * birthday), 131–133 (code lists), 153, 344, 345, 391 and 3001 (see oc3-validation.ts).
 */
import { accommodationValue } from '../domain/accommodation.ts';
import { isContactMade } from '../domain/contact.ts';
import { addMonthsIso, dateOfDateTime, isWithin, nthBirthday, type IsoDate } from '../domain/dates.ts';
import { activeFlagKinds, hasDied, returnedHomeForSixMonths } from '../domain/flags.ts';
import type { YoungPersonRecord } from '../domain/model.ts';
import { periodOn, type DatedPeriod } from '../domain/periods.ts';
import type { InTouchCode } from '../domain/codes.ts';
import { collectionYear } from './collection-year.ts';
import { OC3_AGES, toDfeDate, type Oc3Row } from './oc3.ts';

/**
 * The period around the birthday in which contact counts as "in touch" and activity and accommodation
 * are taken: from 3 months before to 1 month after the birthday (DfE SSDA903 guidance, care leavers).
 */
export const IN_TOUCH_WINDOW_MONTHS = { before: 3, after: 1 } as const;

export interface DerivedOc3Row {
  readonly row: Oc3Row;
  readonly birthday: IsoDate;
  readonly age: number;
  /** Where the record lacked data and a fallback was reported: shown to the team to check. */
  readonly notes: readonly string[];
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

function deriveRow(record: YoungPersonRecord, birthday: IsoDate, age: number): DerivedOc3Row {
  const window = windowAround(birthday);
  const inTouch = inTouchAt(record, birthday, window);
  const base = { CHILD: record.profile.id, DOB: toDfeDate(record.profile.dateOfBirth), IN_TOUCH: inTouch };
  if (inTouch !== 'YES') return { row: { ...base, ACTIV: '0', ACCOM: '0' }, birthday, age, notes: [] };
  const notes: string[] = [];
  const eet = periodNear(record.eet, birthday, window);
  if (eet === null)
    notes.push(`no EET period around the ${age}th birthday: ACTIV reported as G5; record the activity`);
  const accommodation = periodNear(record.accommodation, birthday, window);
  if (accommodation === null)
    notes.push(`no accommodation around the ${age}th birthday: ACCOM reported as R2 (residence not known)`);
  return {
    row: {
      ...base,
      ACTIV: eet?.activ ?? 'G5',
      ACCOM: accommodation === null ? 'R2' : accommodationValue(accommodation),
    },
    birthday,
    age,
    notes,
  };
}

/** The OC3 rows for one young person for the collection year ending in `yearEnding`. */
export function deriveOc3Rows(record: YoungPersonRecord, yearEnding: number): DerivedOc3Row[] {
  if (!isInOc3Cohort(record)) return [];
  const year = collectionYear(yearEnding);
  const { profile } = record;
  const rows: DerivedOc3Row[] = [];
  for (const age of OC3_AGES) {
    const birthday = nthBirthday(profile.dateOfBirth, age);
    if (!isWithin(birthday, year.start, year.end)) continue;
    const stillLookedAfter = profile.dateLeftCare === null || profile.dateLeftCare > birthday;
    if (age <= 18 && stillLookedAfter) continue; // DfE rule 1007
    rows.push(deriveRow(record, birthday, age));
  }
  return rows;
}

/** OC3 rows for a whole caseload. */
export function deriveOc3Table(records: readonly YoungPersonRecord[], yearEnding: number): DerivedOc3Row[] {
  return records.flatMap((record) => deriveOc3Rows(record, yearEnding));
}
