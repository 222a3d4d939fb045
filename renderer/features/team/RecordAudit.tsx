import { useId, useState } from 'react';
import type { AuditSearchResponse } from '../../../shared/admin-api.ts';
import { useBridge } from '../../bridge/bridge-context.tsx';
import { useSessionState } from '../../sync/session-context.tsx';
import { useBusyAction } from '../../ui/use-busy-action.ts';
import { AuditResults, withOlder } from '../admin/AuditResults.tsx';
import { fetchRecordAudit } from './team-server.ts';
import { problemText } from './write-context.ts';

/**
 * On the manager's view of a young person: who has opened or changed the record, from the server's audit
 * log (names, "5 Jul 2026 at 14:05", what was done in words). The server answers the manager of the team
 * that holds the record only, and records that they looked.
 */
export function RecordAudit({ id }: { id: string }) {
  const bridge = useBridge();
  const { serverUrl } = useSessionState();
  const [page, setPage] = useState<AuditSearchResponse | null>(null);
  const { busy, problem, setProblem, run } = useBusyAction(problemText);
  const headingId = useId();

  async function load(before?: number) {
    if (serverUrl === null)
      return setProblem('Connect to the sync server to see who has seen or changed this record.');
    await run(async () => {
      const next = await fetchRecordAudit(bridge, serverUrl, id, before);
      setPage((current) => (before && current ? withOlder(current, next) : next));
    });
  }

  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>Who has seen or changed this record</h2>
      <p>
        From the server’s audit log: who opened or changed this record, and when. To search it further or to
        move the record to another team, give IT the record reference above.
      </p>
      <button type="button" className="button button--secondary" disabled={busy} onClick={() => void load()}>
        {page ? 'Check again' : 'Show who has seen or changed this record'}
      </button>
      <div role="status" aria-live="polite">
        {problem ? <p className="notice warning">{problem}</p> : null}
      </div>
      {page ? (
        <AuditResults page={page} acrossRecords={false} testId="record-audit" onOlder={(b) => void load(b)} />
      ) : null}
    </section>
  );
}
