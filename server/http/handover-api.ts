/**
 * What the API says about handovers (server/sync/former-holder.ts): the former PA learns which young
 * people moved to whom (in `GET /api/me/documents`), and the team manager learns which records received
 * late changes from a former PA (`GET /api/team/late-changes`): stored within the grace period, or
 * refused after it (kept on the former PA's laptop, audited as `access.denied` grace-period-ended).
 */
import { SERVER_REASONS, parseDocName } from '../../shared/protocol.ts';
import type { LateChange, LateChangesResponse } from '../../shared/team-api.ts';
import type { Store, User } from '../store/types.ts';
import type { HandoverPolicy } from '../sync/access.ts';
import { recentHandovers } from '../sync/former-holder.ts';

/** Late-change audit rows read per report (the newest first). */
const MAX_LATE_CHANGE_ROWS = 10_000;

export interface HandedOver {
  readonly youngPersonId: string;
  readonly toPaName: string;
  readonly at: string;
}

/** The young people reassigned away from this PA within the grace period, newest first, once each. */
export async function handedOverFrom(
  store: Store,
  user: User,
  policy: HandoverPolicy,
): Promise<HandedOver[]> {
  if (user.role !== 'pa') return [];
  const names = new Map<string, string>();
  const seen = new Set<string>();
  const result: HandedOver[] = [];
  for (const handover of await recentHandovers(store, policy.graceMs, policy.now())) {
    if (handover.fromPaUserId !== user.id || seen.has(handover.youngPersonId)) continue;
    seen.add(handover.youngPersonId);
    const current = await store.getAssignment(handover.youngPersonId);
    if (!current || current.paUserId === user.id) continue; // moved back to this PA since
    if (!names.has(current.paUserId))
      names.set(current.paUserId, (await store.getUser(current.paUserId))?.displayName ?? 'another PA');
    result.push({
      youngPersonId: handover.youngPersonId,
      toPaName: names.get(current.paUserId) ?? 'another PA',
      at: handover.at,
    });
  }
  return result;
}

/**
 * Late changes to the young people of a team (assigned within it now), grouped per young person and
 * former PA, newest first. Rows older than `sinceMs` ago are left out.
 */
export async function lateChangesForTeam(
  store: Store,
  teamId: string,
  now: number,
  sinceMs: number,
): Promise<LateChangesResponse> {
  const stored = await store.queryAudit({ event: 'doc.late-change', limit: MAX_LATE_CHANGE_ROWS });
  const denied = await store.queryAudit({ event: 'access.denied', limit: MAX_LATE_CHANGE_ROWS });
  const heldBack = denied.filter((row) => row.detail === SERVER_REASONS.gracePeriodEnded);
  const rows = [
    ...stored.map((row) => ({ row, kind: 'stored' as const })),
    ...heldBack.map((row) => ({ row, kind: 'held-on-laptop' as const })),
  ].sort((a, b) => b.row.seq - a.row.seq);
  const groups = new Map<string, LateChange>();
  const teamOf = new Map<string, string | null>();
  const names = new Map<string, string>();
  for (const { row, kind } of rows) {
    if (Date.parse(row.at) < now - sinceMs) break;
    const youngPersonId = row.docName ? parseDocName(row.docName)?.youngPersonId : undefined;
    if (!youngPersonId || !row.userId) continue;
    if (!teamOf.has(youngPersonId))
      teamOf.set(youngPersonId, (await store.getAssignment(youngPersonId))?.teamId ?? null);
    if (teamOf.get(youngPersonId) !== teamId) continue;
    if (!names.has(row.userId))
      names.set(row.userId, (await store.getUser(row.userId))?.displayName ?? 'a former PA');
    const key = `${youngPersonId}\u0000${row.userId}\u0000${kind}`;
    const group = groups.get(key);
    groups.set(
      key,
      group
        ? { ...group, changes: group.changes + 1 }
        : {
            youngPersonId,
            formerPaName: names.get(row.userId) ?? 'a former PA',
            kind,
            changes: 1,
            lastAt: row.at,
          },
    );
  }
  return { lateChanges: [...groups.values()] };
}
