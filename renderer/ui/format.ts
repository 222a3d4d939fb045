/** UK date formats for display (d MMM yyyy) and lenient parsing of dates people type. */
import { format, isValid, parse, parseISO } from 'date-fns';

/** '2027-03-31' → '31 Mar 2027'; `fallback` for null. */
export function ukDate(iso: string | null | undefined, fallback = 'Not recorded'): string {
  if (!iso) return fallback;
  const date = parseISO(iso);
  return isValid(date) ? format(date, 'd MMM yyyy') : iso;
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

const DATE_FORMATS = [
  'd/M/yyyy',
  'd-M-yyyy',
  'd.M.yyyy',
  'd M yyyy',
  'd MMM yyyy',
  'd MMMM yyyy',
  'yyyy-MM-dd',
];

/**
 * A date typed as 31/3/2027, 31 3 2027, 31 Mar 2027, 31 March 2027 or 2027-03-31 → '2027-03-31';
 * null when it is not a real date (so callers can pass the text on to the shared checks).
 */
export function parseUkDate(text: string): string | null {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  if (trimmed === '') return null;
  for (const pattern of DATE_FORMATS) {
    const date = parse(trimmed, pattern, new Date(2000, 0, 1));
    if (isValid(date) && date.getFullYear() >= 1900 && date.getFullYear() <= 2200)
      return format(date, 'yyyy-MM-dd');
  }
  return null;
}

/** A time typed as 14:05, 14.05 or 1405 → '14:05'; null otherwise. */
export function parseTime(text: string): string | null {
  const match = /^(\d{1,2})[:.]?(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 23 || minutes > 59) return null;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

/** A local date and time → an ISO date-time with the laptop's offset, e.g. '2026-11-22T14:05:00Z'. */
export function localDateTimeIso(date: string, time: string): string {
  return format(parseISO(`${date}T${time}:00`), "yyyy-MM-dd'T'HH:mm:ssXXX");
}

/** Rewrites the yyyy-MM-dd dates inside a message from the shared rules as d MMM yyyy. */
export function ukDatesIn(text: string): string {
  return text.replace(/\b\d{4}-\d{2}-\d{2}\b/g, (iso) => ukDate(iso));
}
