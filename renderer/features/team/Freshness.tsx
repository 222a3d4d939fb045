import { formatDistanceStrict } from 'date-fns';
import { useState } from 'react';
import type { CaseloadRow } from '../../db/caseload-row.ts';
import { useRecordStore } from '../../db/store-context.tsx';
import { useSyncStatus } from '../../sync/session-context.tsx';
import { ukDate, ukDateTime } from '../../ui/format.ts';
import { useLastSynced } from './team-data.ts';
import { useTeamToday } from './team-today.tsx';

/**
 * Says where the figures come from and how old they are: the records on this laptop as last synced,
 * whether the laptop is online now, and whether some rows were worked out on an earlier day.
 */
export function Freshness({ rows }: { rows: readonly CaseloadRow[] }) {
  const lastSynced = useLastSynced();
  const { connection } = useSyncStatus();
  const today = useTeamToday();
  const store = useRecordStore();
  const [recalculating, setRecalculating] = useState(false);
  const oldest = rows.reduce<string | null>(
    (min, row) => (min === null || row.asOf < min ? row.asOf : min),
    null,
  );
  const stale = oldest !== null && oldest < today;
  const synced =
    lastSynced === null
      ? 'not synced on this laptop yet'
      : `last synced ${ukDateTime(lastSynced)} (${formatDistanceStrict(new Date(lastSynced), new Date())} ago)`;
  const where =
    connection === 'online'
      ? 'Online'
      : connection === 'signed-out'
        ? 'Not signed in'
        : 'Offline: showing the data from the last sync';
  const recalculate = async () => {
    setRecalculating(true);
    try {
      await store.rebuildProjection();
    } finally {
      setRecalculating(false);
    }
  };
  return (
    <div className="team-freshness" data-testid="team-freshness">
      <p>
        {where}. Figures from the {rows.length} records on this laptop, {synced}.
      </p>
      {stale ? (
        <p>
          Some figures were worked out on {ukDate(oldest)}, before today.{' '}
          <button
            type="button"
            className="button button--secondary"
            disabled={recalculating}
            onClick={() => void recalculate()}
          >
            {recalculating ? 'Recalculating…' : 'Recalculate for today'}
          </button>
        </p>
      ) : null}
    </div>
  );
}
