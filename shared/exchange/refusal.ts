/** What an import refuses, and why: always with the file, the line and the column at fault. */

export const REFUSAL_KINDS = [
  'unknown-code',
  'dob-in-future',
  'not-in-header',
  'duplicate-child',
  'episode-overlap',
  'bad-date',
  'missing-value',
  'no-episodes',
  'no-person-row',
  'unknown-pa',
  'other-team',
  'bad-id',
  'dob-mismatch',
  'oc3-rule',
] as const;
export type RefusalKind = (typeof REFUSAL_KINDS)[number];

export interface Refusal {
  readonly kind: RefusalKind;
  /** The file as the person chose it: 'Header', 'Episodes', 'OC3' or 'People'. */
  readonly file: string;
  /** 1-based; the header row is line 1. */
  readonly line: number;
  readonly column: string;
  /** The CHILD the row is about ('' when the row has none). */
  readonly child: string;
  readonly reason: string;
  /**
   * 'child': the young person is left out of the import (their data cannot be trusted without this row);
   * 'row': only this row is left out (an OC3 row).
   */
  readonly scope: 'child' | 'row';
}

export const FILE_LABELS = {
  header: 'Header',
  episodes: 'Episodes',
  oc3: 'OC3',
  people: 'People',
} as const;
export type ImportFileKey = keyof typeof FILE_LABELS;
