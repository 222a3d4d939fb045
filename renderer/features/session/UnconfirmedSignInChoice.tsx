import { useEffect, useId, useRef } from 'react';
import {
  describeLosableWork,
  lastPersonsWork,
  type UnconfirmedWorkError,
} from '../../sync/unconfirmed-work.ts';

/**
 * Signing in as someone else would delete the last person's changes that the sync server has not
 * confirmed holding (issue 12) and their paused home visits: this names each one and asks for an
 * explicit choice. Used by the sign-in page and by the lock screen's "Sign in as someone else".
 */
export function UnconfirmedSignInChoice({
  work,
  busy,
  onDelete,
  onCancel,
}: {
  /** What signing in would lose. */
  work: Pick<UnconfirmedWorkError, 'records' | 'pausedVisits'>;
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
          {lastPersonsWork(work.records, work.pausedVisits)}. Signing in as someone else deletes them for
          good:
        </strong>
      </p>
      <ul>
        {describeLosableWork(work.records, work.pausedVisits).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <p>
        To keep them, the last person should sign in on this laptop while it is online and wait until it shows
        “Online — in sync”, and finish or discard any paused home visit.
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
