/** SSDA903 collection years run from 1 April to 31 March and are named by the year they end in. */
import { formatIsoDate, parseIsoDate, type IsoDate } from '../domain/dates.ts';

export interface CollectionYear {
  /** The calendar year in which the collection year ends, e.g. 2025 for 2024-25. */
  readonly yearEnding: number;
  readonly start: IsoDate;
  readonly end: IsoDate;
  /** '2024-25' */
  readonly label: string;
}

export function collectionYear(yearEnding: number): CollectionYear {
  if (!Number.isInteger(yearEnding) || yearEnding < 1901 || yearEnding > 9999)
    throw new RangeError(`yearEnding: must be a whole year between 1901 and 9999 (got ${yearEnding})`);
  return {
    yearEnding,
    start: formatIsoDate(yearEnding - 1, 4, 1),
    end: formatIsoDate(yearEnding, 3, 31),
    label: `${yearEnding - 1}-${String(yearEnding % 100).padStart(2, '0')}`,
  };
}

/** The collection year a date falls in: 31 March 2025 is in 2024-25, 1 April 2025 in 2025-26. */
export function collectionYearOf(date: IsoDate): CollectionYear {
  const { year, month } = parseIsoDate(date);
  return collectionYear(month >= 4 ? year + 1 : year);
}
