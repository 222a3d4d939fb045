/** Dated periods (accommodation, EET): which one applies on a day. */
import { isWithin, type IsoDate } from './dates.ts';

export interface DatedPeriod {
  readonly startDate: IsoDate;
  /** Null while the period is still open. */
  readonly endDate: IsoDate | null;
}

/** The period covering `date`, first and last days included; when periods overlap, the one that started last. */
export function periodOn<P extends DatedPeriod>(periods: readonly P[], date: IsoDate): P | null {
  let found: P | null = null;
  for (const period of periods)
    if (
      isWithin(date, period.startDate, period.endDate) &&
      (found === null || period.startDate > found.startDate)
    )
      found = period;
  return found;
}
