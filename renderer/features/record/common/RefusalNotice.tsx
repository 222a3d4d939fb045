import { ukDateTime } from '../../../ui/format.ts';
import { useRecordRefusal } from '../../../sync/refusals.ts';

/**
 * Says that the sync server did not accept the latest change to this record, and why (the server's
 * plain-English reason). The change stays on this laptop, unconfirmed, until it is corrected.
 */
export function RefusalNotice({ recordId }: { recordId: string }) {
  const refusal = useRecordRefusal(recordId);
  if (!refusal) return null;
  return (
    <section className="notice" role="alert" aria-labelledby="refusal-title">
      <h2 id="refusal-title">The sync server did not accept a change to this record</h2>
      <p>{refusal.message}</p>
      <p>
        The change is kept on this laptop and is not confirmed. It has not been shared with your team. Refused
        on {ukDateTime(refusal.at)}.
      </p>
    </section>
  );
}
