/**
 * What needs doing first on a caseload, read from the Dexie projection rows (shared/ydoc/projection.ts):
 * each category says which rows it covers. Rows are computed for `row.asOf`; "due soon" looks ahead
 * from today.
 */
import { addDaysIso } from '../../../shared/domain/dates.ts';
import type { CaseloadRow } from '../../db/caseload-row.ts';
import { ukDate } from '../../ui/format.ts';

/** How far ahead a review counts as "due soon". */
export const DUE_SOON_DAYS = 28;

export const ATTENTION_KEYS = [
  'review-overdue',
  'review-due-soon',
  'not-in-touch',
  'unsuitable-accommodation',
  'actions-overdue',
  'birthday',
] as const;
export type AttentionKey = (typeof ATTENTION_KEYS)[number];

export const ATTENTION_LABELS: Readonly<Record<AttentionKey, string>> = {
  'review-overdue': 'Plan or review overdue',
  'review-due-soon': `Review due in the next ${DUE_SOON_DAYS} days`,
  'not-in-touch': 'Not in touch',
  'unsuitable-accommodation': 'Unsuitable accommodation without a current risk assessment',
  'actions-overdue': 'Plan actions overdue',
  birthday: 'Turning 18, 21 or 25 soon',
};

export function needsAttention(row: CaseloadRow, key: AttentionKey, today: string): boolean {
  switch (key) {
    case 'review-overdue':
      return row.reviewOverdue;
    case 'review-due-soon':
      return (
        row.planState !== 'not-required' &&
        !row.reviewOverdue &&
        row.nextReviewDue >= today &&
        row.nextReviewDue <= addDaysIso(today, DUE_SOON_DAYS)
      );
    case 'not-in-touch':
      return row.inTouchState === 'not-in-touch' || row.inTouchState === 'refuses-contact';
    case 'unsuitable-accommodation':
      return row.exceptionReasons.some((reason) => reason.kind === 'unsuitable-no-risk-assessment');
    case 'actions-overdue':
      return row.overdueActionCount > 0;
    case 'birthday':
      return row.exceptionReasons.some((reason) => reason.kind.startsWith('turning-'));
  }
}

/**
 * The "next review" cell: the date, or that no plan is owed (qualifying care leavers, Children Act 1989
 * s24–24B; their row's due date is only the day support ends).
 */
export function nextReviewText(row: CaseloadRow): string {
  return row.planState === 'not-required' ? 'No plan owed' : ukDate(row.nextReviewDue);
}

export function attentionOf(row: CaseloadRow, today: string): AttentionKey[] {
  return ATTENTION_KEYS.filter((key) => needsAttention(row, key, today));
}

export interface CaseloadFilter {
  readonly search: string;
  readonly attention: AttentionKey | 'all';
}

export function filterCaseload(
  rows: readonly CaseloadRow[],
  filter: CaseloadFilter,
  today: string,
): CaseloadRow[] {
  const words = filter.search.trim().toLowerCase().split(/\s+/).filter(Boolean);
  return rows.filter(
    (row) =>
      words.every((word) => row.displayName.toLowerCase().includes(word)) &&
      (filter.attention === 'all' || needsAttention(row, filter.attention, today)),
  );
}

export function attentionCounts(rows: readonly CaseloadRow[], today: string): Record<AttentionKey, number> {
  const counts = Object.fromEntries(ATTENTION_KEYS.map((key) => [key, 0])) as Record<AttentionKey, number>;
  for (const row of rows) for (const key of attentionOf(row, today)) counts[key] += 1;
  return counts;
}
