/**
 * Work on this laptop that the sync server has not confirmed holding: what a wipe or another user's
 * sign-in would destroy, said in plain English so the user can choose knowingly. That is records with
 * unconfirmed changes and paused home visits (which never leave the laptop until they are saved).
 */
import type { WaymarkDatabase } from '../db/local-database.ts';
import type { PausedVisitEntry } from '../db/visit-drafts.ts';
import { ukDate } from '../ui/uk-date.ts';

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

/** A home visit paused on this laptop: the young person's name and when the visit was started. */
export interface PausedVisit {
  readonly recordId: string;
  /** The young person's name as shown on the caseload ("a record not yet opened" when unknown). */
  readonly name: string;
  /** ISO date-time the visit was started. */
  readonly startedAt: string;
}

/** The paused visits, named from the caseload. */
export async function pausedVisits(
  db: WaymarkDatabase,
  entries: readonly PausedVisitEntry[],
): Promise<PausedVisit[]> {
  const rows = await db.caseload.bulkGet(entries.map((entry) => entry.recordId));
  return entries.map((entry, i) => ({
    recordId: entry.recordId,
    name: rows[i]?.displayName ?? 'a record not yet opened',
    startedAt: entry.startedAt,
  }));
}

/** "Paused home visit with Sam Example, started 5 Jul 2026". */
export function describePausedVisit(visit: PausedVisit): string {
  return `Paused home visit with ${visit.name}, started ${ukDate(visit.startedAt)}`;
}

/** "1 paused home visit is" / "2 paused home visits are". */
function pausedVisitsAre(count: number): string {
  return `${count} paused home visit${count === 1 ? ' is' : 's are'}`;
}

/** Everything a wipe would lose, one line each: the records first, then the paused visits. */
export function describeLosableWork(
  records: readonly UnconfirmedRecord[],
  visits: readonly PausedVisit[],
): string[] {
  return [...records.map(describeUnconfirmedRecord), ...visits.map(describePausedVisit)];
}

/**
 * "1 record has changes not yet on the sync server, and 1 paused home visit is kept only on this laptop"
 * (either part alone when the other is empty).
 */
export function notYetOnServer(
  records: readonly UnconfirmedRecord[],
  visits: readonly PausedVisit[],
): string {
  const parts = [
    records.length > 0 ? `${recordsHave(records.length)} changes not yet on the sync server` : null,
    visits.length > 0 ? `${pausedVisitsAre(visits.length)} kept only on this laptop` : null,
  ];
  return parts.filter((part) => part !== null).join(', and ');
}

/** The same, said of the last person to use the laptop (before signing in as someone else). */
export function lastPersonsWork(
  records: readonly UnconfirmedRecord[],
  visits: readonly PausedVisit[],
): string {
  const visitsPart = `${pausedVisitsAre(visits.length)} kept only on this laptop`;
  if (records.length === 0) return `The last person to use this laptop left work: ${visitsPart}`;
  const changes = `${recordsHave(records.length)} changes that the last person to use this laptop made and that are not yet on the sync server`;
  return visits.length > 0 ? `${changes}, and ${visitsPart}` : changes;
}

/** "2 records have" / "1 record has". */
export function recordsHave(count: number): string {
  return `${count} record${count === 1 ? ' has' : 's have'}`;
}

/**
 * Thrown by a wipe or another user's sign-in when records hold unconfirmed changes or home visits are
 * paused, and the caller did not explicitly choose to lose them. Nothing was changed.
 */
export class UnconfirmedWorkError extends Error {
  readonly records: readonly UnconfirmedRecord[];
  readonly pausedVisits: readonly PausedVisit[];
  constructor(records: readonly UnconfirmedRecord[], what: string, visits: readonly PausedVisit[] = []) {
    super(
      `${notYetOnServer(records, visits)}, which ${what} would delete: ` +
        `${describeLosableWork(records, visits).join(', ')}.`,
    );
    this.name = 'UnconfirmedWorkError';
    this.records = records;
    this.pausedVisits = visits;
  }
}
