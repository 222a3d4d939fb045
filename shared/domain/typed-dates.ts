/**
 * Dates and times as people type and read them (UK order): lenient parsing of what is typed into a
 * form, and the "5 Jul 2026" form shown to users. The renderer's format helpers re-export these, so a
 * draft kept as typed text (a paused home visit) is read by the same rules in shared/ and on screen.
 */
import { format, isValid, parse, parseISO } from 'date-fns';
import type { IsoDate, IsoDateTime } from './dates.ts';

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
export function parseUkDate(text: string): IsoDate | null {
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
export function localDateTimeIso(date: IsoDate, time: string): IsoDateTime {
  return format(parseISO(`${date}T${time}:00`), "yyyy-MM-dd'T'HH:mm:ssXXX");
}

/** '2027-03-31' → '31 Mar 2027' (how every date is shown to users): in its own module, without date-fns. */
export { readableDate } from './readable-date.ts';
