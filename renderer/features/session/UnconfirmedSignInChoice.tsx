import { useEffect, useId, useRef } from 'react';
import { lastPersonsWork, type UnconfirmedWorkError } from '../../sync/unconfirmed-work.ts';
import { LosableWorkNotice } from '../../ui/LosableWorkNotice.tsx';

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
      <LosableWorkNotice
        titleId={`${id}-title`}
        lead={`${lastPersonsWork(work.records, work.pausedVisits)}. Signing in as someone else deletes them for good`}
        records={work.records}
        visits={work.pausedVisits}
        toKeepThem="To keep them, the last person should sign in on this laptop while it is online and wait until it shows “Online — in sync”, and finish or discard any paused home visit."
      />
      <button type="button" className="button button--warning" disabled={busy} onClick={onDelete}>
        Sign in and delete these changes
      </button>{' '}
      <button type="button" className="button button--secondary" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
