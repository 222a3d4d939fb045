/**
 * Dates shown as "5 Jul 2026", without date-fns: the lock screen shows them (a paused home visit's date
 * in the sign-in page's question about unconfirmed work) and loads only this, and the caseload formats
 * several per row. The rest of the date formats are in format.ts, which re-exports these.
 */
import { readableDate } from '../../shared/domain/readable-date.ts';

/** '2027-03-31' → '31 Mar 2027'; `fallback` for null. */
export function ukDate(iso: string | null | undefined, fallback = 'Not recorded'): string {
  return iso ? readableDate(iso) : fallback;
}

/** Rewrites the yyyy-MM-dd dates inside a message from the shared rules as d MMM yyyy. */
export function ukDatesIn(text: string): string {
  return text.replace(/\b\d{4}-\d{2}-\d{2}\b/g, (iso) => ukDate(iso));
}
