/** The OC3 table of the SSDA903 return: its fields and the DfE's dd/mm/yyyy date format. */
import type { AccomValue, ActivCode, InTouchCode } from '../domain/codes.ts';
import { formatIsoDate, isIsoDate, isLeapYear, parseIsoDate, type IsoDate } from '../domain/dates.ts';

export const OC3_FIELDS = ['CHILD', 'DOB', 'IN_TOUCH', 'ACTIV', 'ACCOM'] as const;
export type Oc3Field = (typeof OC3_FIELDS)[number];

/** The ages whose birthdays in the collection year bring a care leaver into OC3. */
export const OC3_AGES = [17, 18, 19, 20, 21] as const;

/** "17th", "21st", "22nd": the ordinal of a birthday, for messages. */
export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** A row as derived by Waymark; blank fields are ''. */
export interface Oc3Row {
  readonly CHILD: string;
  readonly DOB: string;
  readonly IN_TOUCH: InTouchCode | '';
  readonly ACTIV: ActivCode | '0' | '';
  readonly ACCOM: AccomValue | '0' | '';
}

/** A row as it may arrive from anywhere (a file, another system): any strings. */
export type Oc3RowInput = Readonly<Record<Oc3Field, string>>;

/** ISO 'yyyy-MM-dd' to the DfE's 'dd/MM/yyyy'. */
export function toDfeDate(date: IsoDate): string {
  const { year, month, day } = parseIsoDate(date);
  return `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${String(year).padStart(4, '0')}`;
}

/** 'dd/MM/yyyy' to ISO, or null when it is not a real date in that form. */
export function fromDfeDate(value: string): IsoDate | null {
  const match = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(value.trim());
  if (!match) return null;
  const iso = formatIsoDate(Number(match[3]), Number(match[2]), Number(match[1]));
  return isIsoDate(iso) ? iso : null;
}

/**
 * The nth birthday as the DfE's SSDA903 tooling computes it, for the return rules only: the public
 * validator adds whole years with pandas (`DOB + pd.DateOffset(years=n)`, e.g. data-to-insight/
 * csc-validator-be-903 rules 1007, 1016, 3001), which puts a 29 February birthday on 28 February in a
 * common year. The duties elsewhere in Waymark use 1 March (domain/dates.ts nthBirthday, Family Law Reform
 * Act 1969 s9); the return follows the DfE so that the file it accepts is the file Waymark checks.
 */
export function returnBirthday(dateOfBirth: IsoDate, n: number): IsoDate {
  const { year, month, day } = parseIsoDate(dateOfBirth, 'dateOfBirth');
  const target = year + n;
  if (month === 2 && day === 29 && !isLeapYear(target)) return formatIsoDate(target, 2, 28);
  return formatIsoDate(target, month, day);
}

/** Age in whole years on a date, by the DfE's birthday convention (returnBirthday). */
export function returnAgeOn(dateOfBirth: IsoDate, date: IsoDate): number {
  const years = parseIsoDate(date).year - parseIsoDate(dateOfBirth, 'dateOfBirth').year;
  return returnBirthday(dateOfBirth, years) > date ? years - 1 : years;
}
