/**
 * What needs doing first on a caseload, read from the Dexie projection rows (shared/ydoc/projection.ts):
 * each category says which rows it covers. Rows are computed for `row.asOf`; "due soon" looks ahead
 * from today.
 */
import { addDaysIso } from '../../../shared/domain/dates.ts';
import type { ExceptionKind } from '../../../shared/kpi/exceptions.ts';
import type { CaseloadRow } from '../../db/caseload-row.ts';
import { ukDate } from '../../ui/format.ts';

/** How far ahead a review counts as "due soon". */
export const DUE_SOON_DAYS = 28;

/** What needs doing first, in the order shown (the summary's count buttons and the "Show" filter). */
export const ATTENTION_LABELS = {
  'review-overdue': 'Plan or review overdue',
  'review-due-soon': `Review due in the next ${DUE_SOON_DAYS} days`,
  'not-in-touch': 'Not in touch',
  'unsuitable-accommodation': 'Unsuitable accommodation without a current risk assessment',
  'actions-overdue': 'Plan actions overdue',
  birthday: 'Turning 18, 21 or 25 soon',
} as const satisfies Readonly<Record<string, string>>;
export type AttentionKey = keyof typeof ATTENTION_LABELS;
export const ATTENTION_KEYS = Object.keys(ATTENTION_LABELS) as readonly AttentionKey[];

/** The last day a review counts as due soon, for each `today` asked about (one a day in practice). */
const dueSoonUntil = new Map<string, string>();
function lastDueSoonDay(today: string): string {
  let day = dueSoonUntil.get(today);
  if (day === undefined) {
    day = addDaysIso(today, DUE_SOON_DAYS);
    dueSoonUntil.set(today, day);
  }
  return day;
}

export function needsAttention(row: CaseloadRow, key: AttentionKey, today: string): boolean {
  switch (key) {
    case 'review-overdue':
      return row.reviewOverdue;
    case 'review-due-soon':
      return (
        row.planState !== 'not-required' &&
        !row.reviewOverdue &&
        row.nextReviewDue >= today &&
        row.nextReviewDue <= lastDueSoonDay(today)
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
  for (const row of rows)
    for (const key of ATTENTION_KEYS) if (needsAttention(row, key, today)) counts[key] += 1;
  return counts;
}

/**
 * How urgent each kind of exception is, highest first: 3 — the young person's safety or whereabouts
 * (bed and breakfast or emergency accommodation, unsuitable accommodation without a risk assessment —
 * Care Leavers (England) Regulations 2010 reg 9 and Sch 2 —, not in touch without a re-contact plan, no
 * PA); 2 — a statutory duty overdue (needs assessment, pathway plan or review, Children Act 1989 s23E;
 * visits, reg 8; paperwork missing after an emergency move; contested fields); 1 — the rest (plan actions, birthdays, Staying Put, unreadable
 * entries).
 */
export const EXCEPTION_URGENCY: Readonly<Record<ExceptionKind, 1 | 2 | 3>> = {
  'bb-or-emergency': 3,
  'unsuitable-no-risk-assessment': 3,
  'not-in-touch-no-recontact-plan': 3,
  'pa-not-allocated': 3,
  'needs-assessment-overdue': 2,
  'first-plan-overdue': 2,
  'review-overdue': 2,
  'visit-overdue': 2,
  // An emergency move saved before its risk assessment or senior approval: the paperwork is owed now.
  'move-paperwork-missing': 2,
  contested: 2,
  'actions-overdue': 1,
  'staying-put': 1,
  'turning-18': 1,
  'turning-21': 1,
  'turning-25': 1,
  'needs-attention': 1,
};

/** The highest urgency among a row's exceptions (0 with none). */
export function urgencyOf(row: CaseloadRow): number {
  return Math.max(0, ...row.exceptionReasons.map((reason) => EXCEPTION_URGENCY[reason.kind]));
}

interface SortKey {
  /**
   * How many of the row's exceptions are of urgency 3, 2 and 1, as one number that orders like the three
   * counts compared in turn (each count is below 1,000: a row has a few dozen exceptions at most). One
   * number, not three: comparing them is most of a sort's time on the caseload's first render.
   */
  readonly rank: number;
  /** The name without case or accents ("Órla" beside "Orla"), for alphabetical order. */
  readonly name: string;
}

/** Each row's sort key, worked out once per row (a sort compares a row many times). */
const sortKeys = new WeakMap<CaseloadRow, SortKey>();

function sortKeyOf(row: CaseloadRow): SortKey {
  let key = sortKeys.get(row);
  if (!key) {
    let [most, next, rest] = [0, 0, 0];
    for (const reason of row.exceptionReasons) {
      const urgency = EXCEPTION_URGENCY[reason.kind];
      if (urgency === 3) most += 1;
      else if (urgency === 2) next += 1;
      else rest += 1;
    }
    // Plain comparison of these keys, not Intl.Collator: loading its collation data and comparing a whole
    // caseload's names with it took tens of milliseconds of the caseload's first render.
    const lower = row.displayName.toLowerCase();
    // eslint-disable-next-line no-control-regex -- any character outside ASCII may carry an accent
    const name = /[^\u0000-\u007f]/.test(lower) ? lower.normalize('NFD').replace(/\p{M}/gu, '') : lower;
    key = { rank: most * 1_000_000 + next * 1_000 + rest, name };
    sortKeys.set(row, key);
  }
  return key;
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Most urgent first: more exceptions of the most urgent kind (someone newly in bed and breakfast comes
 * before someone with an overdue action, however many less urgent exceptions they have), then of the
 * next kinds, then an earlier review due date (ISO dates: their text order is their date order), then
 * name in alphabetical order (ignoring case and accents).
 */
export function byUrgency(a: CaseloadRow, b: CaseloadRow): number {
  const keyA = sortKeyOf(a);
  const keyB = sortKeyOf(b);
  return (
    keyB.rank - keyA.rank ||
    compareText(a.nextReviewDue, b.nextReviewDue) ||
    compareText(keyA.name, keyB.name) ||
    compareText(a.displayName, b.displayName)
  );
}
