/**
 * Who may open which young person's document (DESIGN.md §3):
 * - a PA reads and writes their own caseload; a young person the server has never seen, first synced
 *   by a PA (created offline), is assigned to that PA in their team;
 * - a team manager reads and writes every young person assigned within their team;
 * - an administrator reads no case documents;
 * - a PA the young person was reassigned away from may still sync that record for a grace period, so
 *   changes made on their laptop before the move are not lost (former-holder.ts); afterwards the record
 *   is refused with `grace-period-ended`.
 */
import { SERVER_REASONS, docNameFor } from '../../shared/protocol.ts';
import type { Assignment, Store, User } from '../store/types.ts';
import { DEFAULT_HANDOVER_GRACE_MS, formerHolderStatus } from './former-holder.ts';

/** The handover grace period and the clock (tests pass a short period). */
export interface HandoverPolicy {
  readonly graceMs: number;
  readonly now: () => number;
}

export const DEFAULT_HANDOVER_POLICY: HandoverPolicy = {
  graceMs: DEFAULT_HANDOVER_GRACE_MS,
  now: () => Date.now(),
};

export type AccessDecision =
  | {
      readonly allowed: true;
      readonly autoAssigned: boolean;
      /** A former PA within the handover grace period: their changes are late changes. */
      readonly formerHolder: boolean;
    }
  | {
      readonly allowed: false;
      readonly reason:
        | typeof SERVER_REASONS.forbidden
        | typeof SERVER_REASONS.accountDisabled
        | typeof SERVER_REASONS.newRecordLimit
        | typeof SERVER_REASONS.gracePeriodEnded;
    };

/** Access under an existing assignment (no side effects). */
export function mayAccess(user: User, assignment: Assignment | null): boolean {
  if (user.disabled || !assignment) return false;
  switch (user.role) {
    case 'pa':
      return assignment.paUserId === user.id;
    case 'team_manager':
      return user.teamId !== null && assignment.teamId === user.teamId;
    case 'admin':
      return false;
  }
}

/**
 * Decides access when a user opens a document, auto-assigning a brand-new young person to a PA.
 * `mayClaimNew` is asked (and counts the claim) before a new record is claimed: it caps how many unseen
 * ids one PA can claim (sync/limits.ts). New records get random UUIDs in the app
 * (renderer/features/young-person/CreateYoungPersonPage.tsx), so real ids are not guessable.
 */
export async function decideAccess(
  store: Store,
  user: User,
  youngPersonId: string,
  mayClaimNew: () => boolean | Promise<boolean> = () => true,
  handover: HandoverPolicy = DEFAULT_HANDOVER_POLICY,
): Promise<AccessDecision> {
  if (user.disabled) return { allowed: false, reason: SERVER_REASONS.accountDisabled };
  if (user.role === 'admin') return { allowed: false, reason: SERVER_REASONS.forbidden };
  const assignment = await store.getAssignment(youngPersonId);
  if (assignment) {
    if (mayAccess(user, assignment)) return { allowed: true, autoAssigned: false, formerHolder: false };
    return formerHolderAccess(store, user, youngPersonId, handover);
  }
  // Unassigned: only a PA may claim it, and only if no record exists under that name yet (a record
  // created offline on the PA's device). An existing unassigned record stays closed until assigned.
  if (user.role !== 'pa' || user.teamId === null) return { allowed: false, reason: SERVER_REASONS.forbidden };
  if (await store.hasDoc(docNameFor(youngPersonId)))
    return { allowed: false, reason: SERVER_REASONS.forbidden };
  if (!(await mayClaimNew())) return { allowed: false, reason: SERVER_REASONS.newRecordLimit };
  const result = await store.assignIfUnassigned(youngPersonId, user.id, user.teamId);
  return result.paUserId === user.id
    ? { allowed: true, autoAssigned: true, formerHolder: false }
    : { allowed: false, reason: SERVER_REASONS.forbidden };
}

/** A PA who is not the record's PA now: allowed as its former PA within the grace period. */
export async function formerHolderAccess(
  store: Store,
  user: User,
  youngPersonId: string,
  handover: HandoverPolicy,
): Promise<AccessDecision> {
  if (user.role !== 'pa') return { allowed: false, reason: SERVER_REASONS.forbidden };
  switch (await formerHolderStatus(store, user.id, youngPersonId, handover.graceMs, handover.now())) {
    case 'within-grace':
      return { allowed: true, autoAssigned: false, formerHolder: true };
    case 'grace-ended':
      return { allowed: false, reason: SERVER_REASONS.gracePeriodEnded };
    case 'never':
      return { allowed: false, reason: SERVER_REASONS.forbidden };
  }
}

/** The document names a user may sync: a PA's caseload, a team manager's team, nothing for admins. */
export async function accessibleDocNames(store: Store, user: User): Promise<string[]> {
  if (user.disabled) return [];
  switch (user.role) {
    case 'pa':
      return (await store.listAssignmentsForPa(user.id)).map((a) => docNameFor(a.youngPersonId));
    case 'team_manager':
      return user.teamId
        ? (await store.listAssignmentsForTeam(user.teamId)).map((a) => docNameFor(a.youngPersonId))
        : [];
    case 'admin':
      return [];
  }
}
