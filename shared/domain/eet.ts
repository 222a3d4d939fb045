/** Education, employment or training (EET) and NEET, from EET periods with SSDA903 ACTIV codes. */
import { isEetCode, type ActivCode } from './codes.ts';
import type { IsoDate } from './dates.ts';
import type { EetPeriod } from './model.ts';
import { periodOn } from './periods.ts';

/** The EET period on `date`; when periods overlap, the one that started last. */
export function eetOn(periods: readonly EetPeriod[], date: IsoDate): EetPeriod | null {
  return periodOn(periods, date);
}

export type EetState = 'eet' | 'neet' | 'unknown';

export interface EetStatus {
  readonly state: EetState;
  readonly code: ActivCode | null;
}

/** EET for F and P codes, NEET for G codes, unknown when no period covers the date. */
export function eetStatus(periods: readonly EetPeriod[], date: IsoDate): EetStatus {
  const period = eetOn(periods, date);
  if (period === null) return { state: 'unknown', code: null };
  return { state: isEetCode(period.activ) ? 'eet' : 'neet', code: period.activ };
}
