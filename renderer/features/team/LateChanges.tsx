import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import type { LateChange } from '../../../shared/team-api.ts';
import { useBridge } from '../../bridge/bridge-context.tsx';
import type { CaseloadRow } from '../../db/caseload-row.ts';
import { useSessionState } from '../../sync/session-context.tsx';
import { ukDate } from '../../ui/format.ts';
import { HANDOVER_GRACE_DAYS } from './ReassignForm.tsx';
import { fetchLateChanges } from './team-server.ts';
import { DataTable } from '../../ui/DataTable.tsx';

type Loaded =
  { state: 'loading' } | { state: 'failed'; message: string } | { state: 'loaded'; list: LateChange[] };

function whatHappened(change: LateChange): string {
  const changes = `${change.changes} ${change.changes === 1 ? 'change' : 'changes'}`;
  return change.kind === 'stored'
    ? `${changes} reached the record after the young person was moved`
    : `Changes are held on their laptop: the ${HANDOVER_GRACE_DAYS} days after the move have passed. ` +
        'Give the record back to them for a moment so the changes reach the server, then move it again';
}

/**
 * The exception report's list of late changes from a former personal adviser (from the sync server):
 * changes made on a PA's laptop before a young person was moved, which reached the record after the
 * move, or are still held on that laptop after the grace period.
 */
export function LateChanges({ byId }: { byId: ReadonlyMap<string, CaseloadRow> }) {
  const bridge = useBridge();
  const { user, serverUrl } = useSessionState();
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const signedIn = user?.role === 'team_manager' && serverUrl !== null;

  useEffect(() => {
    if (!signedIn || serverUrl === null) return;
    let live = true;
    fetchLateChanges(bridge, serverUrl).then(
      (answer) => live && setLoaded({ state: 'loaded', list: answer.lateChanges }),
      (error: unknown) => live && setLoaded({ state: 'failed', message: (error as Error).message }),
    );
    return () => {
      live = false;
    };
  }, [bridge, serverUrl, signedIn]);

  if (!signedIn) return null;
  return (
    <section aria-labelledby="late-changes-heading" data-testid="late-changes">
      <h2 id="late-changes-heading">Late changes from a former personal adviser</h2>
      {loaded.state === 'loading' ? (
        <p>Asking the sync server…</p>
      ) : loaded.state === 'failed' ? (
        <p>Not known on this laptop now: {loaded.message}</p>
      ) : loaded.list.length === 0 ? (
        <p>None.</p>
      ) : (
        <DataTable
          caption="Changes from a personal adviser after the young person was moved to someone else"
          headings={['Name', 'Former personal adviser', 'What happened', 'Latest']}
        >
          {loaded.list.map((change) => {
            const row = byId.get(change.youngPersonId);
            return (
              <tr key={`${change.youngPersonId}-${change.formerPaName}-${change.kind}`}>
                <th scope="row">
                  {row ? (
                    <Link href={`/person/${row.id}`}>{row.displayName}</Link>
                  ) : (
                    'A young person not on this laptop'
                  )}
                </th>
                <td>{change.formerPaName}</td>
                <td>{whatHappened(change)}</td>
                <td>{ukDate(change.lastAt)}</td>
              </tr>
            );
          })}
        </DataTable>
      )}
    </section>
  );
}
