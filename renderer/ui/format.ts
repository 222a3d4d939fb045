/** UK date formats for display (d MMM yyyy) and lenient parsing of dates people type. */
import { format, isValid, parseISO } from 'date-fns';

export { localDateTimeIso, parseTime, parseUkDate } from '../../shared/domain/typed-dates.ts';
export { ukDate, ukDatesIn } from './uk-date.ts';

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
