/** UK date formats for display (d MMM yyyy) and lenient parsing of dates people type. */
import { format, isValid, parseISO } from 'date-fns';
import { readableDate } from '../../shared/domain/typed-dates.ts';

export { localDateTimeIso, parseTime, parseUkDate } from '../../shared/domain/typed-dates.ts';

/** '2027-03-31' → '31 Mar 2027'; `fallback` for null. */
export function ukDate(iso: string | null | undefined, fallback = 'Not recorded'): string {
  return iso ? readableDate(iso) : fallback;
}

/** An ISO date-time with offset → '31 Mar 2027 at 14:05' in the laptop's time zone. */
export function ukDateTime(iso: string | null | undefined, fallback = 'Not recorded'): string {
  if (!iso) return fallback;
  const date = parseISO(iso);
  return isValid(date) ? format(date, "d MMM yyyy 'at' HH:mm") : iso;
}

/** How a stored date is shown in a date input: '31/3/2027'. */
export function inputDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = parseISO(iso);
  return isValid(date) ? format(date, 'd/M/yyyy') : iso;
}

/** Rewrites the yyyy-MM-dd dates inside a message from the shared rules as d MMM yyyy. */
export function ukDatesIn(text: string): string {
  return text.replace(/\b\d{4}-\d{2}-\d{2}\b/g, (iso) => ukDate(iso));
}
