/** Which young people stand behind each scorecard number (the ids shared/kpi returns with every figure). */
import { ACCOM_LABELS, ACTIV_LABELS } from '../../../shared/domain/codes.ts';
import { HEADLINE_MEASURES, type HeadlineKey } from '../../../shared/kpi/trend.ts';
import type { CaseloadRow } from '../../db/caseload-row.ts';
import type { TeamKpis } from '../../../shared/kpi/team-kpis.ts';

export const DRILL_PARTS = ['met', 'not-met', 'all'] as const;
export type DrillPart = (typeof DRILL_PARTS)[number];

export const PART_WORDS: Readonly<Record<DrillPart, string>> = {
  met: 'counted',
  'not-met': 'not counted',
  all: 'everyone measured',
};

export function isHeadlineKey(value: string): value is HeadlineKey {
  return HEADLINE_MEASURES.some((measure) => measure.key === value);
}

export function isDrillPart(value: string): value is DrillPart {
  return (DRILL_PARTS as readonly string[]).includes(value);
}

export function measureLabel(key: HeadlineKey): string {
  return HEADLINE_MEASURES.find((measure) => measure.key === key)?.label ?? key;
}

export function drillIds(kpis: TeamKpis, key: HeadlineKey, part: DrillPart): readonly string[] {
  const ratio = kpis[key];
  if (part === 'met') return ratio.numerator;
  if (part === 'all') return ratio.denominator;
  const met = new Set(ratio.numerator);
  return ratio.denominator.filter((id) => !met.has(id));
}

export function drillHref(key: HeadlineKey, part: DrillPart): string {
  return `/measure/${key}/${part}`;
}

/** The extra column a measure's list shows: what each young person is doing, or where they live. */
export interface MeasureDetail {
  readonly heading: string;
  readonly cell: (row: CaseloadRow) => string;
}

export function measureDetail(key: HeadlineKey): MeasureDetail | undefined {
  switch (key) {
    case 'eet17to18':
    case 'eet19to21':
      return {
        heading: 'Activity',
        cell: (row) => (row.eetCode ? ACTIV_LABELS[row.eetCode] : 'Not recorded'),
      };
    case 'suitableAccommodation':
      return {
        heading: 'Accommodation',
        cell: (row) => (row.accommodationCode ? ACCOM_LABELS[row.accommodationCode] : 'Not recorded'),
      };
    default:
      return undefined;
  }
}
