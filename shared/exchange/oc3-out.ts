/**
 * The OC3 table Waymark produces for a collection year, for records that came from the system of record.
 * Rows are derived from what PAs recorded (shared/returns/ssda903.ts). For a birthday where the PA
 * recorded nothing that bears on it (no contact, status flag, EET or accommodation in the in-touch
 * window around it), the record's last-known value from the system of record for that birthday is
 * reported instead, so a re-export of an unchanged imported year gives back the council's own return.
 */
import { addMonthsIso, dateOfDateTime, isWithin, type IsoDate } from '../domain/dates.ts';
import type { YoungPersonRecord } from '../domain/model.ts';
import { IN_TOUCH_WINDOW_MONTHS, deriveOc3Rows } from '../returns/ssda903.ts';
import type { Oc3Row } from '../returns/oc3.ts';
import { toCsv } from '../returns/csv.ts';
import { OC3_FIELDS } from '../returns/oc3.ts';
import type { SorState } from './sor-doc.ts';

export interface RecordWithSor {
  readonly record: YoungPersonRecord;
  readonly sor: SorState;
}

function overlaps(start: IsoDate, end: IsoDate | null, from: IsoDate, to: IsoDate): boolean {
  return start <= to && (end === null || end >= from);
}

/** True when the PA recorded something that bears on the OC3 values for this birthday. */
export function recordedAround(record: YoungPersonRecord, birthday: IsoDate): boolean {
  const from = addMonthsIso(birthday, -IN_TOUCH_WINDOW_MONTHS.before);
  const to = addMonthsIso(birthday, IN_TOUCH_WINDOW_MONTHS.after);
  return (
    record.contacts.some((c) => isWithin(dateOfDateTime(c.at), from, to)) ||
    record.flags.some((f) => overlaps(f.from, f.to, from, to)) ||
    record.eet.some((e) => overlaps(e.startDate, e.endDate, from, to)) ||
    record.accommodation.some((a) => overlaps(a.startDate, a.endDate, from, to))
  );
}

/** The OC3 rows for the collection year ending in `yearEnding`, in CHILD order. */
export function produceOc3(records: readonly RecordWithSor[], yearEnding: number): Oc3Row[] {
  const rows: Oc3Row[] = [];
  for (const { record, sor } of records) {
    const child = sor.child ?? record.profile.id;
    for (const derived of deriveOc3Rows(record, yearEnding)) {
      const known = sor.oc3.find((entry) => entry.birthday === derived.birthday);
      const row =
        known !== undefined && !recordedAround(record, derived.birthday)
          ? ({ ...derived.row, IN_TOUCH: known.inTouch, ACTIV: known.activ, ACCOM: known.accom } as Oc3Row)
          : derived.row;
      rows.push({ ...row, CHILD: child });
    }
  }
  return rows.sort((a, b) => (a.CHILD < b.CHILD ? -1 : a.CHILD > b.CHILD ? 1 : 0));
}

/** The OC3 rows as the DfE's CSV (header CHILD, DOB, IN_TOUCH, ACTIV, ACCOM). */
export function oc3Csv(rows: readonly Oc3Row[]): string {
  return toCsv(
    OC3_FIELDS,
    rows.map((row) => OC3_FIELDS.map((field) => row[field])),
  );
}
