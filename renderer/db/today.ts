import { format } from 'date-fns';

/** Today's date in the laptop's own time zone, as yyyy-MM-dd (the form every shared/ rule takes). */
export function todayIso(): string {
  return format(new Date(), 'yyyy-MM-dd');
}
