/**
 * Calendar dates as ISO strings.
 *
 * Every rule in Waymark takes an explicit "today" and works on calendar dates written 'yyyy-MM-dd'
 * (contacts carry an ISO date-time with an offset). Strings compare correctly with < and >, survive
 * JSON and Y.Doc storage unchanged and carry no time zone. Arithmetic goes through date-fns on local
 * midnight dates, which is exact for whole days and months whatever the machine's time zone.
 */
import { addDays, addMonths, differenceInCalendarDays } from 'date-fns';

/** A calendar date written 'yyyy-MM-dd'. */
export type IsoDate = string;
/** An instant written as ISO 8601 with an offset, e.g. '2025-03-04T10:30:00Z' or '…+01:00'. */
export type IsoDateTime = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
}

interface DateParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

function partsOf(value: string): DateParts | null {
  const match = ISO_DATE.exec(value);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/** True for a real calendar date written 'yyyy-MM-dd' (so '2023-02-29' is false). */
export function isIsoDate(value: unknown): value is IsoDate {
  return typeof value === 'string' && partsOf(value) !== null;
}

/** Parses a date, throwing a RangeError that names the field when it is not a real 'yyyy-MM-dd' date. */
export function parseIsoDate(value: string, field = 'date'): DateParts {
  const parts = partsOf(value);
  if (!parts)
    throw new RangeError(`${field}: must be a real date written yyyy-MM-dd (got ${JSON.stringify(value)})`);
  return parts;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

export function formatIsoDate(year: number, month: number, day: number): IsoDate {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** Local midnight of the date (years below 100 are kept as written, unlike `new Date(y, m, d)`). */
export function toLocalDate(value: IsoDate, field = 'date'): Date {
  const { year, month, day } = parseIsoDate(value, field);
  const date = new Date(2000, 0, 1);
  date.setFullYear(year, month - 1, day);
  return date;
}

export function fromLocalDate(date: Date): IsoDate {
  return formatIsoDate(date.getFullYear(), date.getMonth() + 1, date.getDate());
}

export function addDaysIso(value: IsoDate, days: number): IsoDate {
  return fromLocalDate(addDays(toLocalDate(value), days));
}

/** Adds calendar months; a day that does not exist in the target month becomes its last day (31 Aug + 6 → 28/29 Feb). */
export function addMonthsIso(value: IsoDate, months: number): IsoDate {
  return fromLocalDate(addMonths(toLocalDate(value), months));
}

/** Whole calendar days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return differenceInCalendarDays(toLocalDate(to, 'to'), toLocalDate(from, 'from'));
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a <= b ? a : b;
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a >= b ? a : b;
}

/** True when `date` lies in the closed interval [start, end]; a null end means "still open". */
export function isWithin(date: IsoDate, start: IsoDate, end: IsoDate | null): boolean {
  return date >= start && (end === null || date <= end);
}

/**
 * The calendar date on which a contact was recorded, as written by the recorder (the wall-clock date in
 * the offset they used). A contact at 23:30+01:00 on 4 March counts for 4 March, not 3 March in UTC.
 */
export function dateOfDateTime(value: IsoDateTime): IsoDate {
  return value.slice(0, 10);
}

/** Milliseconds since the epoch for an ISO date-time, for ordering contacts recorded with different offsets. */
export function instantOf(value: IsoDateTime): number {
  return Date.parse(value);
}

/**
 * The date of the nth birthday.
 *
 * A person attains an age at the start of the anniversary of their birth (Family Law Reform Act 1969
 * s9). For someone born on 29 February the anniversary in a common year is taken to be 1 March, the
 * usual reading in England and Wales (the DfE's validator tooling adds years with pandas, which gives
 * 28 February). Either way the birthday stays in the same SSDA903 collection year (1 April–31 March).
 */
export function nthBirthday(dateOfBirth: IsoDate, n: number): IsoDate {
  const { year, month, day } = parseIsoDate(dateOfBirth, 'dateOfBirth');
  const target = year + n;
  if (month === 2 && day === 29 && !isLeapYear(target)) return formatIsoDate(target, 3, 1);
  return formatIsoDate(target, month, day);
}

/** Age in whole years on a date (negative before birth). */
export function ageOn(dateOfBirth: IsoDate, date: IsoDate): number {
  const born = parseIsoDate(dateOfBirth, 'dateOfBirth').year;
  const years = parseIsoDate(date).year - born;
  return nthBirthday(dateOfBirth, years) > date ? years - 1 : years;
}

/** Six months after the nth birthday, e.g. the date a young person turns 16½. */
export function halfBirthday(dateOfBirth: IsoDate, n: number): IsoDate {
  return addMonthsIso(nthBirthday(dateOfBirth, n), 6);
}

const EPOCH_DAY_MS = 86_400_000;

/** Days since 1970-01-01 (UTC arithmetic: for fast generation of long histories). */
export function epochDayOf(value: IsoDate): number {
  const { year, month, day } = parseIsoDate(value);
  return Math.round(Date.UTC(year, month - 1, day) / EPOCH_DAY_MS);
}

/** The inverse of epochDayOf, by the civil-from-days algorithm (no Date allocation: it runs in hot loops). */
export function isoFromEpochDay(epochDay: number): IsoDate {
  const z = epochDay + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  return formatIsoDate(yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day);
}
