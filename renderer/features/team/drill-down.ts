/** Which young people stand behind each scorecard number (the ids shared/kpi returns with every figure). */
import { HEADLINE_MEASURES, type HeadlineKey } from '../../../shared/kpi/trend.ts';
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
