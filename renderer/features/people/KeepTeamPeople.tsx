import { useEffect } from 'react';
import { useSyncStatus } from '../../sync/session-context.tsx';
import { useTeamMembers } from '../team/team-members.ts';

/**
 * Fetches the team's people (names and roles) from the sync server while someone is signed in and after
 * every sync round, and keeps them on the laptop so names show offline too. Renders nothing; mounted once
 * by the app frame.
 */
export function KeepTeamPeople() {
  const { refresh } = useTeamMembers();
  const { lastSyncedAt } = useSyncStatus();
  useEffect(() => {
    if (lastSyncedAt !== null) void refresh();
  }, [lastSyncedAt, refresh]);
  return null;
}
