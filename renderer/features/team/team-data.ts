/**
 * The team view's data: the Dexie caseload projection (never the Y.Docs), the team KPIs computed from it
 * by shared/kpi, and when this laptop last synced, so the view can say how old its figures are.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import type { TeamSettings } from '../../../shared/domain/settings.ts';
import { teamKpis, type TeamKpis } from '../../../shared/kpi/team-kpis.ts';
import type { CaseloadRow } from '../../db/caseload-row.ts';
import { useRecordStore } from '../../db/store-context.tsx';
import { useTeamSettings } from '../../db/team-settings.ts';
import { useSyncStatus } from '../../sync/session-context.tsx';

/** Every caseload row held on this laptop (a team manager's device holds the team's records). */
export function useTeamRows(): CaseloadRow[] | undefined {
  const { db } = useRecordStore();
  return useLiveQuery(() => db.caseload.toArray(), [db]);
}

export interface TeamData {
  readonly rows: readonly CaseloadRow[];
  readonly byId: ReadonlyMap<string, CaseloadRow>;
  readonly kpis: TeamKpis;
  /** The team's settings kept on this laptop (caseload target, contact threshold, local offer). */
  readonly settings: TeamSettings;
}

export function useTeamData(): TeamData | undefined {
  const rows = useTeamRows();
  const settings = useTeamSettings();
  return useMemo(() => {
    if (rows === undefined) return undefined;
    const byId = new Map(rows.map((row) => [row.id, row]));
    return { rows, byId, kpis: teamKpis(rows, settings), settings };
  }, [rows, settings]);
}

/**
 * When this laptop last finished syncing: the live status of the running sync, or else the latest
 * per-record sync time kept in Dexie (so it is known offline and after a restart). Null if never.
 */
export function useLastSynced(): string | null {
  const status = useSyncStatus();
  const { db } = useRecordStore();
  const stored = useLiveQuery(
    async () => (await db.syncState.orderBy('lastSyncedAt').last())?.lastSyncedAt ?? null,
    [db],
  );
  const candidates = [status.lastSyncedAt, stored ?? null].filter((value): value is string => value !== null);
  return candidates.length === 0
    ? null
    : candidates.reduce((a, b) => (Date.parse(a) >= Date.parse(b) ? a : b));
}
