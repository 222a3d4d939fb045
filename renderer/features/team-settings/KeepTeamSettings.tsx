import { useEffect } from 'react';
import { useBridge } from '../../bridge/bridge-context.tsx';
import { useRecordStore } from '../../db/store-context.tsx';
import { keepTeamSettings } from '../../db/team-settings.ts';
import { useSessionState, useSyncStatus } from '../../sync/session-context.tsx';
import { fetchTeamSettings } from './settings-server.ts';

/**
 * Fetches the team's settings from the sync server when someone of a team signs in and after every sync
 * round, and keeps them on the laptop (renderer/db/team-settings.ts): a manager's new contact threshold
 * reaches every PA's caseload at their next sync. Renders nothing; mounted once by the app frame.
 */
export function KeepTeamSettings() {
  const { db } = useRecordStore();
  const bridge = useBridge();
  const { user, serverUrl } = useSessionState();
  const { lastSyncedAt } = useSyncStatus();
  const teamId = user?.role === 'admin' ? null : (user?.teamId ?? null);
  useEffect(() => {
    if (!serverUrl || teamId === null) return;
    let live = true;
    fetchTeamSettings(bridge, serverUrl)
      .then(async (answer) => {
        // Only the signed-in user's own team's settings are kept (never another team's after a switch).
        if (live && answer.teamId === teamId) await keepTeamSettings(db, answer);
      })
      // Offline or refused: the settings kept on this laptop stay in use until the next sync.
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [bridge, db, serverUrl, teamId, lastSyncedAt]);
  return null;
}
