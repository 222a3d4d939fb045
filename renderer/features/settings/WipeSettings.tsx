import { useRef, useState } from 'react';
import { useSession } from '../../sync/session-context.tsx';
import { useSyncStatus } from '../../sync/session-context.tsx';

/** Removes every record and setting from this laptop, after a confirmation that says what is lost. */
export function WipeSettings() {
  const session = useSession();
  const { waiting } = useSyncStatus();
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState(false);
  const confirmRef = useRef<HTMLDivElement>(null);

  if (done) {
    return (
      <section aria-labelledby="wipe-heading">
        <h2 id="wipe-heading">Remove Waymark data from this laptop</h2>
        <p className="notice" role="status">
          All Waymark records and settings were removed from this laptop.
        </p>
      </section>
    );
  }
  return (
    <section aria-labelledby="wipe-heading">
      <h2 id="wipe-heading">Remove Waymark data from this laptop</h2>
      <p>
        Use this before the laptop is passed to someone else. Records that have synced stay safe on the
        server; anything not yet synced is lost.
      </p>
      {confirming ? (
        <div ref={confirmRef} tabIndex={-1} className="warning" role="group" aria-labelledby="wipe-confirm">
          <p id="wipe-confirm">
            <strong>
              {waiting > 0
                ? `${waiting} record${waiting === 1 ? ' has' : 's have'} changes not yet synced, which will be lost. `
                : ''}
              Remove every record and setting from this laptop and sign out?
            </strong>
          </p>
          <button
            type="button"
            className="button button--warning"
            onClick={() => void session.wipe(null).then(() => setDone(true))}
          >
            Yes, remove everything
          </button>{' '}
          <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
            No, keep it
          </button>
        </div>
      ) : (
        <button
          type="button"
          className="button button--warning"
          onClick={() => {
            setConfirming(true);
            requestAnimationFrame(() => confirmRef.current?.focus());
          }}
        >
          Remove all Waymark data from this laptop
        </button>
      )}
    </section>
  );
}
