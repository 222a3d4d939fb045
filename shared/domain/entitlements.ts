/** The council's entitlement checklist for one young person (Setting Up Home Grant, council tax, …). */
import type { Entitlement, YoungPersonRecord } from './model.ts';
import type { TeamSettings } from './settings.ts';
import type { EntitlementStatus } from './vocabulary.ts';

export interface ChecklistLine {
  readonly key: string;
  readonly label: string;
  readonly status: EntitlementStatus;
  readonly entry: Entitlement | null;
}

/** Every checklist item in the council's order, then any recorded item the checklist no longer lists. */
export function entitlementChecklist(record: YoungPersonRecord, settings: TeamSettings): ChecklistLine[] {
  const byItem = new Map(record.entitlements.map((entry) => [entry.item, entry]));
  const lines: ChecklistLine[] = settings.entitlementChecklist.map((item) => {
    const entry = byItem.get(item.key) ?? null;
    return { key: item.key, label: item.label, status: entry?.status ?? 'not-discussed', entry };
  });
  const listed = new Set(settings.entitlementChecklist.map((item) => item.key));
  for (const entry of record.entitlements)
    if (!listed.has(entry.item))
      lines.push({ key: entry.item, label: entry.item, status: entry.status, entry });
  return lines;
}

const SETTLED: ReadonlySet<EntitlementStatus> = new Set<EntitlementStatus>([
  'received',
  'declined',
  'not-eligible',
]);

/** Lines still to be discussed or pursued. */
export function outstandingEntitlements(record: YoungPersonRecord, settings: TeamSettings): ChecklistLine[] {
  return entitlementChecklist(record, settings).filter((line) => !SETTLED.has(line.status));
}
