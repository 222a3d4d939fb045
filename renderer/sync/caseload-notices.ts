/**
 * Notices about young people who left this laptop's caseload (reassigned, access removed): "Sam Example
 * is now supported by Alex Smith". Kept in the device's settings until the user dismisses them, so a
 * young person never silently vanishes. The sync client writes them (sync-client.ts); the caseload page
 * shows them (renderer/ui/CaseloadNotices.tsx).
 */
import type { WaymarkDatabase } from '../db/local-database.ts';

export const CASELOAD_NOTICES_KEY = 'caseloadNotices';

export interface CaseloadNotice {
  readonly youngPersonId: string;
  /** The young person's name as this laptop last showed it. */
  readonly name: string;
  /** The PA who supports them now, when the server said (handedOver in the sync listing). */
  readonly toPaName: string | null;
  /** When the laptop noticed (ISO date-time). */
  readonly at: string;
}

/** The handovers a sync listing reports (shared/protocol.ts `handedOver`). */
export interface ListedHandover {
  readonly youngPersonId: string;
  readonly toPaName: string;
}

function isNotice(value: unknown): value is CaseloadNotice {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v['youngPersonId'] === 'string' &&
    typeof v['name'] === 'string' &&
    (v['toPaName'] === null || typeof v['toPaName'] === 'string') &&
    typeof v['at'] === 'string'
  );
}

export async function caseloadNotices(db: WaymarkDatabase): Promise<CaseloadNotice[]> {
  const value = (await db.settings.get(CASELOAD_NOTICES_KEY))?.value;
  return Array.isArray(value) ? value.filter(isNotice) : [];
}

async function update(db: WaymarkDatabase, change: (notices: CaseloadNotice[]) => CaseloadNotice[]) {
  await db.transaction('rw', db.settings, async () => {
    await db.settings.put({ key: CASELOAD_NOTICES_KEY, value: change(await caseloadNotices(db)) });
  });
}

/**
 * Notes that a young person left this laptop's caseload; `handover` names their new PA when known.
 * One notice per young person (a newer one replaces an older).
 */
export async function noticeRemoved(
  db: WaymarkDatabase,
  youngPersonId: string,
  name: string,
  at: string,
  handover: ListedHandover | undefined,
): Promise<void> {
  await update(db, (notices) => [
    ...notices.filter((n) => n.youngPersonId !== youngPersonId),
    { youngPersonId, name, toPaName: handover?.toPaName ?? null, at },
  ]);
}

/** Fills in the new PA of notices the server's listing now explains. */
export async function applyHandovers(
  db: WaymarkDatabase,
  handovers: readonly ListedHandover[],
): Promise<void> {
  if (handovers.length === 0) return;
  const byId = new Map(handovers.map((h) => [h.youngPersonId, h.toPaName]));
  const notices = await caseloadNotices(db);
  if (!notices.some((n) => n.toPaName === null && byId.has(n.youngPersonId))) return;
  await update(db, (current) =>
    current.map((n) =>
      n.toPaName === null && byId.has(n.youngPersonId)
        ? { ...n, toPaName: byId.get(n.youngPersonId) ?? null }
        : n,
    ),
  );
}

export async function dismissNotice(db: WaymarkDatabase, youngPersonId: string): Promise<void> {
  await update(db, (notices) => notices.filter((n) => n.youngPersonId !== youngPersonId));
}

/** "Sam Example is now supported by Alex Smith." / "Sam Example is no longer on your caseload." */
export function noticeText(notice: CaseloadNotice): string {
  return notice.toPaName
    ? `${notice.name} is now supported by ${notice.toPaName}.`
    : `${notice.name} is no longer on your caseload.`;
}
