/**
 * The "5 Jul 2026" form every date is shown in, without a date library: the lock screen shows dates
 * (renderer/sync/unconfirmed-work.ts) and the caseload formats several per row on its first screen, so
 * this stays small and quick. Matches date-fns `format(parseISO(iso), 'd MMM yyyy')` for the ISO dates and
 * date-times the app stores (checked against it in readable-date.test.ts).
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/**
 * '2027-03-31' → '31 Mar 2027'; an ISO date-time → its date in the laptop's time zone; anything that is
 * not a real date or date-time comes back as it is.
 */
export function readableDate(iso: string): string {
  const date = DATE.exec(iso);
  if (date) {
    const [year, month, day] = [Number(date[1]), Number(date[2]), Number(date[3])];
    // A calendar date only: the last day of `month` is day 0 of the next month.
    const end = new Date(0);
    end.setUTCFullYear(year, month, 0);
    const lastDay = end.getUTCDate();
    if (month < 1 || month > 12 || day < 1 || day > lastDay) return iso;
    return `${day} ${MONTHS[month - 1] ?? ''} ${String(year).padStart(4, '0')}`;
  }
  if (!DATE_TIME.test(iso)) return iso;
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return iso;
  return `${instant.getDate()} ${MONTHS[instant.getMonth()] ?? ''} ${String(instant.getFullYear()).padStart(4, '0')}`;
}
