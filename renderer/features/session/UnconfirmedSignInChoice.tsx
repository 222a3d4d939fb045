import { useEffect, useId, useRef } from 'react';
import {
  describeUnconfirmedRecord,
  recordsHave,
  type UnconfirmedRecord,
} from '../../sync/unconfirmed-work.ts';

/**
 * Signing in as someone else would delete the last person's changes that the sync server has not
 * confirmed holding (issue 12): this names each record and asks for an explicit choice. Used by the
 * sign-in page and by the lock screen's "Sign in as someone else".
 */
export function UnconfirmedSignInChoice({
  records,
  busy,
  onDelete,
  onCancel,
}: {
  records: readonly UnconfirmedRecord[];
  busy: boolean;
  /** Sign in and delete these changes. */
  onDelete: () => void;
  onCancel: () => void;
}) {
  const id = useId();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div ref={ref} tabIndex={-1} className="warning" role="group" aria-labelledby={`${id}-title`}>
      <p id={`${id}-title`}>
        <strong>
          {recordsHave(records.length)} changes that the last person to use this laptop made and that are not
          yet on the sync server. Signing in as someone else deletes them for good:
        </strong>
      </p>
      <ul>
        {records.map((record) => (
          <li key={record.id}>{describeUnconfirmedRecord(record)}</li>
        ))}
      </ul>
      <p>
        To keep them, the last person should sign in on this laptop while it is online and wait until it shows
        “Online — in sync”.
      </p>
      <button type="button" className="button button--warning" disabled={busy} onClick={onDelete}>
        Sign in and delete these changes
      </button>{' '}
      <button type="button" className="button button--secondary" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
