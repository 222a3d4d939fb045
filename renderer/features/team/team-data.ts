/**
 * The team view's data: the Dexie caseload projection (never the Y.Docs), the team KPIs computed from it
 * by shared/kpi, and when this laptop last synced, so the view can say how old its figures are.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { DEFAULT_SETTINGS } from '../../../shared/domain/settings.ts';
import { teamKpis, type TeamKpis } from '../../../shared/kpi/team-kpis.ts';
import type { CaseloadRow } from '../../db/caseload-row.ts';
import { useRecordStore } from '../../db/store-context.tsx';
import { useSyncStatus } from '../../sync/session-context.tsx';

/** The team's settings; team-level settings are not synced yet, so these are the defaults (target 22). */
export const TEAM_SETTINGS = DEFAULT_SETTINGS;

/** Every caseload row held on this laptop (a team manager's device holds the team's records). */
export function useTeamRows(): CaseloadRow[] | undefined {
  const { db } = useRecordStore();
  return useLiveQuery(() => db.caseload.toArray(), [db]);
}

export interface TeamData {
  readonly rows: readonly CaseloadRow[];
  readonly byId: ReadonlyMap<string, CaseloadRow>;
  readonly kpis: TeamKpis;
}

export function useTeamData(): TeamData | undefined {
  const rows = useTeamRows();
  return useMemo(() => {
    if (rows === undefined) return undefined;
    return { rows, byId: new Map(rows.map((row) => [row.id, row])), kpis: teamKpis(rows, TEAM_SETTINGS) };
  }, [rows]);
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
