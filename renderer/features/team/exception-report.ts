/** The weekly exception report: its order, its rows and its CSV. */
import { EXCEPTION_KINDS, EXCEPTION_LABELS, type ExceptionKind } from '../../../shared/kpi/exceptions.ts';
import type { TeamKpis } from '../../../shared/kpi/team-kpis.ts';
import { toCsv } from '../../../shared/returns/csv.ts';
import type { CaseloadRow } from '../../db/caseload-row.ts';
import { ukDatesIn } from '../../ui/format.ts';

/** The lists a manager reviews each week come first; then the other checks, in the shared order. */
export const REPORT_ORDER: readonly ExceptionKind[] = (() => {
  const first: ExceptionKind[] = [
    'review-overdue',
    'not-in-touch-no-recontact-plan',
    'unsuitable-no-risk-assessment',
    'bb-or-emergency',
    'move-paperwork-missing',
    'actions-overdue',
    'turning-18',
    'turning-21',
    'turning-25',
  ];
  return [...first, ...EXCEPTION_KINDS.filter((kind) => !first.includes(kind))];
})();

export interface ReportEntry {
  readonly id: string;
  readonly message: string;
}

export function reportEntries(kpis: TeamKpis, kind: ExceptionKind): readonly ReportEntry[] {
  return kpis.exceptions.find((list) => list.kind === kind)?.entries ?? [];
}

/** Each young person's reasons on one list, joined, with dates as "5 Jul 2026" (for the page). */
export function reasonsById(entries: readonly ReportEntry[]): Map<string, string> {
  const messages = new Map<string, string>();
  for (const entry of entries)
    messages.set(entry.id, [messages.get(entry.id), ukDatesIn(entry.message)].filter(Boolean).join('; '));
  return messages;
}

export const EXCEPTION_CSV_HEADER = [
  'Exception',
  'Young person ID',
  'Name',
  'Personal adviser',
  'Reason',
] as const;

export function exceptionCsv(
  kpis: TeamKpis,
  byId: ReadonlyMap<string, CaseloadRow>,
  paName: (paId: string | null) => string,
): string {
  const rows = REPORT_ORDER.flatMap((kind) =>
    reportEntries(kpis, kind).map((entry) => {
      const row = byId.get(entry.id);
      return [
        EXCEPTION_LABELS[kind],
        entry.id,
        row?.displayName ?? '',
        paName(row?.paId ?? null),
        entry.message,
      ];
    }),
  );
  return toCsv(EXCEPTION_CSV_HEADER, rows);
}
