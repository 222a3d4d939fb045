import { useLiveQuery } from 'dexie-react-hooks';
import { Link } from 'wouter';
import { useRecordStore } from '../db/store-context.tsx';

/**
 * Records the server no longer lets this user sync (reassigned, access removed) while they hold
 * changes it has not confirmed: kept on the laptop and flagged, never deleted (renderer/sync).
 */
interface HeldBackRecord {
  readonly id: string;
  readonly name: string;
}

function useHeldBack(): HeldBackRecord[] | undefined {
  const { db } = useRecordStore();
  return useLiveQuery(async () => {
    const states = await db.syncState.filter((s) => s.pending && Boolean(s.heldBack)).toArray();
    const rows = await db.caseload.bulkGet(states.map((s) => s.id));
    return states
      .map((s, i) => ({ id: s.id, name: rows[i]?.displayName ?? 'A record not yet opened' }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }, [db]);
}

const WHAT_TO_DO =
  'They are kept on this laptop and will not be deleted. For 14 days after a young person is moved to ' +
  'another Personal Adviser, the changes are sent to their record the next time this laptop is online, ' +
  'and your team manager is told. After that, your team manager is told that the changes are on this ' +
  'laptop: they can give the record back to you for a moment so the changes reach the server.';

/** Above the caseload: the records whose changes are not on the server and no longer on the caseload. */
export function HeldBackList() {
  const held = useHeldBack();
  if (!held || held.length === 0) return null;
  return (
    <section className="warning" aria-labelledby="held-back-heading">
      <h2 id="held-back-heading">Changes not yet on the server</h2>
      <p>
        {held.length === 1 ? 'This record is' : 'These records are'} no longer on your caseload, but this
        laptop holds changes you made that the sync server does not have. {WHAT_TO_DO}
      </p>
      <ul>
        {held.map((record) => (
          <li key={record.id}>
            <Link href={`/young-people/${encodeURIComponent(record.id)}`}>{record.name}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** On a record: says that its changes are not on the server and it is no longer on the caseload. */
export function HeldBackNotice({ recordId }: { recordId: string }) {
  const held = useHeldBack();
  if (!held?.some((record) => record.id === recordId)) return null;
  return (
    <p className="warning" role="status">
      <strong>Changes not yet on the server.</strong> This young person is no longer on your caseload, but
      this laptop holds changes you made to their record that the sync server does not have. {WHAT_TO_DO}
    </p>
  );
}
