import { formatDistanceStrict } from 'date-fns';
import { useOnlineStatus } from '../sync/use-online-status.ts';
import { useSyncStatus } from '../sync/session-context.tsx';
import type { SyncStatus } from '../sync/sync-status.ts';
import { useNow } from './use-now.ts';

function describe(online: boolean, sync: SyncStatus): string {
  if (!online) return 'Offline — changes are saved on this laptop';
  switch (sync.connection) {
    case 'signed-out':
      return 'Online — not signed in to sync';
    case 'connecting':
    case 'offline':
      return 'Online — connecting to the sync server';
    case 'online':
      if (sync.total > 0 && sync.done < sync.total) return `Syncing ${sync.done} of ${sync.total}`;
      // "In sync" only when the server has confirmed holding every change made on this laptop.
      if (sync.waiting > 0) return 'Online — sending changes';
      return 'Online — in sync';
  }
}

/** "less than a minute ago", "3 minutes ago" (a laptop clock a little behind the server's counts as now). */
export function lastSyncedText(lastSyncedAt: string, now: Date): string {
  const at = new Date(lastSyncedAt);
  if (now.getTime() - at.getTime() < 60_000) return 'less than a minute ago';
  return formatDistanceStrict(at, now, { addSuffix: true });
}

/**
 * A visible, announced connection and sync indicator. Colour is never the only signal: the text says
 * it, with records waiting to send and when the laptop last synced.
 */
export function ConnectionIndicator() {
  const online = useOnlineStatus();
  const sync = useSyncStatus();
  // "Last synced 3 minutes ago" keeps up while the laptop stays on one page.
  const now = useNow(15_000);
  const state = online ? 'online' : 'offline';
  return (
    <div className={`connection connection--${state}`}>
      <p className="connection__line" role="status" aria-live="polite">
        <span className="connection__dot" aria-hidden="true" />
        {describe(online, sync)}
      </p>
      <p className="connection__detail">
        {sync.waiting > 0 ? `${sync.waiting} record${sync.waiting === 1 ? '' : 's'} waiting to send. ` : ''}
        {sync.heldBack > 0
          ? `${sync.heldBack} record${sync.heldBack === 1 ? ' is' : 's are'} no longer on your caseload but ${sync.heldBack === 1 ? 'has' : 'have'} changes not yet on the server. `
          : ''}
        {sync.lastSyncedAt ? `Last synced ${lastSyncedText(sync.lastSyncedAt, now)}.` : ''}
        {sync.problem ? ` ${sync.problem}` : ''}
      </p>
    </div>
  );
}
