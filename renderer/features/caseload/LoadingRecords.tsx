import { useSyncStatus } from '../../sync/session-context.tsx';

/**
 * While the laptop's records come down in bulk (renderer/sync/bulk-sync.ts), says how far it has got.
 * The caseload list below stays usable and fills as records are stored.
 */
export function LoadingRecords() {
  const { loading } = useSyncStatus();
  if (!loading) return null;
  return (
    <div className="loading-records">
      <p role="status" aria-live="polite">
        Loading records: {loading.done} of {loading.total}
      </p>
      <progress max={loading.total} value={loading.done} aria-label="Records loaded" />
    </div>
  );
}
