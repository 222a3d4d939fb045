/**
 * Work on this laptop that the sync server has not confirmed holding: what a wipe or another user's
 * sign-in would destroy, said in plain English so the user can choose knowingly.
 */
import type { WaymarkDatabase } from '../db/local-database.ts';
import { ukDate } from '../ui/format.ts';

/** One record holding changes the server has not confirmed. */
export interface UnconfirmedRecord {
  readonly id: string;
  /** The young person's name as shown on the caseload ("a record not yet opened" when unknown). */
  readonly name: string;
  /** When the server last confirmed this record (ISO date-time), or null if it never has. */
  readonly lastSyncedAt: string | null;
  /** The server refused the record to this user (reassigned, access removed) while it held changes. */
  readonly heldBack: boolean;
}

/** Records with unconfirmed changes: the persisted pending flags plus `extraIds` (known in memory). */
export async function unconfirmedWork(
  db: WaymarkDatabase,
  extraIds: Iterable<string> = [],
): Promise<UnconfirmedRecord[]> {
  const states = await db.syncState.filter((s) => s.pending).toArray();
  const byId = new Map(states.map((s) => [s.id, s]));
  const ids = [...new Set([...byId.keys(), ...extraIds])];
  const rows = await db.caseload.bulkGet(ids);
  return ids
    .map((id, i) => ({
      id,
      name: rows[i]?.displayName ?? 'a record not yet opened',
      lastSyncedAt: byId.get(id)?.lastSyncedAt ?? null,
      heldBack: Boolean(byId.get(id)?.heldBack),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** "Sam Example (changes since 5 Jul 2026)" or "Sam Example (never on the server)". */
export function describeUnconfirmedRecord(record: UnconfirmedRecord): string {
  return record.lastSyncedAt
    ? `${record.name} (changes made since ${ukDate(record.lastSyncedAt)})`
    : `${record.name} (never on the server)`;
}

/** "2 records have" / "1 record has". */
export function recordsHave(count: number): string {
  return `${count} record${count === 1 ? ' has' : 's have'}`;
}

/**
 * Thrown by a wipe or another user's sign-in when records hold unconfirmed changes and the caller did
 * not explicitly choose to lose them. Nothing was changed.
 */
export class UnconfirmedWorkError extends Error {
  readonly records: readonly UnconfirmedRecord[];
  constructor(records: readonly UnconfirmedRecord[], what: string) {
    super(
      `${recordsHave(records.length)} changes not yet on the sync server, which ${what} would delete: ` +
        `${records.map(describeUnconfirmedRecord).join(', ')}.`,
    );
    this.name = 'UnconfirmedWorkError';
    this.records = records;
  }
}
