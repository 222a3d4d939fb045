import { useRef, useState } from 'react';
import { useSession } from '../../sync/session-context.tsx';
import { LosableWorkNotice } from '../../ui/LosableWorkNotice.tsx';
import { notYetOnServer, type PausedVisit, type UnconfirmedRecord } from '../../sync/unconfirmed-work.ts';

interface LosableWork {
  readonly records: readonly UnconfirmedRecord[];
  readonly visits: readonly PausedVisit[];
}

/**
 * Removes every record and setting from this laptop, after a confirmation that says what is lost:
 * records holding changes the sync server has not confirmed and paused home visits are named, and
 * removing them too needs its own, explicit choice.
 */
export function WipeSettings() {
  const session = useSession();
  const [unconfirmed, setUnconfirmed] = useState<LosableWork | null>(null);
  const losable = async (): Promise<LosableWork> => {
    const [records, visits] = await Promise.all([session.unconfirmedWork(), session.pausedVisits()]);
    return { records, visits };
  };
  const [done, setDone] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const confirmRef = useRef<HTMLDivElement>(null);

  async function askFirst() {
    setProblem(null);
    setUnconfirmed(await losable());
    requestAnimationFrame(() => confirmRef.current?.focus());
  }

  async function wipe(discardUnconfirmed: boolean) {
    try {
      await session.wipe(null, { discardUnconfirmed });
      setDone(true);
    } catch (error) {
      // New unconfirmed changes appeared since the question was asked: ask again, with them listed.
      setProblem((error as Error).message);
      setUnconfirmed(await losable());
    }
  }

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
        Use this before the laptop is passed to someone else. Records the sync server has confirmed stay safe
        on the server; changes it has not confirmed exist only on this laptop.
      </p>
      {unconfirmed ? (
        <div ref={confirmRef} tabIndex={-1} className="warning" role="group" aria-labelledby="wipe-confirm">
          {problem ? (
            <p className="error-summary" role="alert">
              {problem}
            </p>
          ) : null}
          {unconfirmed.records.length > 0 || unconfirmed.visits.length > 0 ? (
            <>
              <LosableWorkNotice
                titleId="wipe-confirm"
                lead={`${notYetOnServer(unconfirmed.records, unconfirmed.visits)}. Removing the data deletes them for good`}
                records={unconfirmed.records}
                visits={unconfirmed.visits}
                toKeepThem="To keep them, finish or discard any paused home visit, connect to the network and wait until the laptop shows “Online — in sync”, then come back here."
              />
              <button type="button" className="button button--warning" onClick={() => void wipe(true)}>
                Remove everything and lose these changes
              </button>{' '}
            </>
          ) : (
            <>
              <p id="wipe-confirm">
                <strong>
                  The sync server holds every change made on this laptop. Remove every record and setting from
                  this laptop and sign out?
                </strong>
              </p>
              <button type="button" className="button button--warning" onClick={() => void wipe(false)}>
                Yes, remove everything
              </button>{' '}
            </>
          )}
          <button type="button" className="button button--secondary" onClick={() => setUnconfirmed(null)}>
            No, keep it
          </button>
        </div>
      ) : (
        <button type="button" className="button button--warning" onClick={() => void askFirst()}>
          Remove all Waymark data from this laptop
        </button>
      )}
    </section>
  );
}
