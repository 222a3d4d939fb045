/** The OC3 table of the SSDA903 return: its fields and the DfE's dd/mm/yyyy date format. */
import type { AccomValue, ActivCode, InTouchCode } from '../domain/codes.ts';
import { formatIsoDate, isIsoDate, parseIsoDate, type IsoDate } from '../domain/dates.ts';

export const OC3_FIELDS = ['CHILD', 'DOB', 'IN_TOUCH', 'ACTIV', 'ACCOM'] as const;
export type Oc3Field = (typeof OC3_FIELDS)[number];

/** The ages whose birthdays in the collection year bring a care leaver into OC3. */
export const OC3_AGES = [17, 18, 19, 20, 21] as const;

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
