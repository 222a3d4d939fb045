/**
 * Handing over a young person without losing work (issue #12): after a reassignment the former PA's
 * laptop may still hold changes the server never confirmed (written offline before the move). For a
 * bounded grace period the former PA may still sync that one record, so those late changes are stored,
 * attributed to the former PA, audited as `doc.late-change` and listed for the team manager
 * (`GET /api/team/late-changes`). After the grace period the record is refused with
 * `grace-period-ended` and the laptop keeps the changes, flagged.
 *
 * Who held a record before, and since when, comes from the `assignment.set` audit rows
 * (`pa=<new> previous=<old>`, written by admin-ops.ts `assignYoungPerson` for the administrator's and
 * the team manager's reassignments). The app only opens a record it no longer holds while that record
 * holds unconfirmed changes (renderer/sync/sync-client.ts), and lets it go once they are confirmed.
 */
import { docNameFor } from '../../shared/protocol.ts';
import type { AuditRow, Store } from '../store/types.ts';

/** Default grace period for a former holder's late changes: 14 days. */
export const DEFAULT_HANDOVER_GRACE_MS = 14 * 24 * 60 * 60 * 1000;

/** Most `assignment.set` rows read per question (the newest first; a grace period holds few). */
const MAX_ASSIGNMENT_ROWS = 5000;

/** One reassignment read back from its audit row. */
export interface Handover {
  readonly youngPersonId: string;
  readonly fromPaUserId: string;
  readonly toPaUserId: string;
  /** When the reassignment happened (ISO date-time). */
  readonly at: string;
}

const DETAIL = /^pa=(\S+) previous=(\S+)/;

/** The reassignment an `assignment.set` row records, or null for a first assignment or another row. */
export function handoverOf(row: AuditRow): Handover | null {
  if (row.event !== 'assignment.set' || !row.docName?.startsWith('yp:')) return null;
  const match = DETAIL.exec(row.detail ?? '');
  if (!match || match[2] === 'none' || match[1] === match[2]) return null;
  return {
    youngPersonId: row.docName.slice(3),
    toPaUserId: match[1] ?? '',
    fromPaUserId: match[2] ?? '',
    at: row.at,
  };
}

/** Reassignments newer than the grace period, newest first (optionally of one record only). */
export async function recentHandovers(
  store: Store,
  graceMs: number,
  now: number,
  youngPersonId?: string,
): Promise<Handover[]> {
  const rows = await store.queryAudit({
    event: 'assignment.set',
    limit: MAX_ASSIGNMENT_ROWS,
    ...(youngPersonId === undefined ? {} : { docName: docNameFor(youngPersonId) }),
  });
  const since = now - graceMs;
  const handovers: Handover[] = [];
  for (const row of rows) {
    if (Date.parse(row.at) <= since) break; // newest first: the rest are older still
    const handover = handoverOf(row);
    if (handover) handovers.push(handover);
  }
  return handovers;
}

export type FormerHolderStatus = 'within-grace' | 'grace-ended' | 'never';

/**
 * Whether `userId` (not the record's PA now) held the record before: 'within-grace' if the newest
 * reassignment away from them is within the grace period, 'grace-ended' if it is older, 'never'.
 */
export async function formerHolderStatus(
  store: Store,
  userId: string,
  youngPersonId: string,
  graceMs: number,
  now: number,
): Promise<FormerHolderStatus> {
  const rows = await store.queryAudit({
    event: 'assignment.set',
    docName: docNameFor(youngPersonId),
    limit: MAX_ASSIGNMENT_ROWS,
  });
  for (const row of rows) {
    const handover = handoverOf(row);
    if (handover?.fromPaUserId !== userId) continue;
    return now - Date.parse(handover.at) < graceMs ? 'within-grace' : 'grace-ended';
  }
  return 'never';
}
