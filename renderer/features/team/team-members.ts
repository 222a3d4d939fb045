/**
 * The team's PAs and managers, fetched from the sync server when online and kept in the device's local
 * settings, so names (on every laptop of the team) and the manager's reassignment choices are there
 * offline too.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { administratorNameSchema, teamMemberSchema, type TeamMember } from '../../../shared/team-api.ts';
import { z } from 'zod';
import { useBridge } from '../../bridge/bridge-context.tsx';
import { useRecordStore } from '../../db/store-context.tsx';
import { useSessionState } from '../../sync/session-context.tsx';
import { fetchTeamMembers } from './team-server.ts';
import { personName } from '../../../shared/person-name.ts';

/** The local settings key the member list is kept under. */
export const TEAM_MEMBERS_KEY = 'teamMembers';

export const cachedTeamMembersSchema = z.object({
  teamId: z.string(),
  teamName: z.string(),
  members: z.array(teamMemberSchema),
  /** Administrators by name (older kept lists have none). */
  administrators: z.array(administratorNameSchema).default([]),
  /** When the list was fetched (ISO date-time). */
  fetchedAt: z.string(),
});
export type CachedTeamMembers = z.infer<typeof cachedTeamMembersSchema>;

export interface TeamMembersState {
  /** undefined while loading; null when never fetched on this laptop. */
  readonly cached: CachedTeamMembers | null | undefined;
  readonly problem: string | null;
  refresh(): Promise<void>;
}

export function useTeamMembers(): TeamMembersState {
  const { db } = useRecordStore();
  const bridge = useBridge();
  const { user, serverUrl } = useSessionState();
  const [problem, setProblem] = useState<string | null>(null);
  const cached = useLiveQuery(async () => {
    const parsed = cachedTeamMembersSchema.safeParse((await db.settings.get(TEAM_MEMBERS_KEY))?.value);
    return parsed.success ? parsed.data : null;
  }, [db]);

  const fetchAndKeep = useCallback(async (): Promise<string | null> => {
    // PAs and managers alike: every laptop of the team names its people (an administrator has no team).
    if (!serverUrl || !user || user.role === 'admin' || user.teamId === null) return null;
    try {
      const answer = await fetchTeamMembers(bridge, serverUrl);
      const value: CachedTeamMembers = { ...answer, fetchedAt: new Date().toISOString() };
      await db.settings.put({ key: TEAM_MEMBERS_KEY, value });
      return null;
    } catch (error) {
      return (error as Error).message;
    }
  }, [bridge, db, serverUrl, user]);

  const refresh = useCallback(async () => setProblem(await fetchAndKeep()), [fetchAndKeep]);

  useEffect(() => {
    let live = true;
    void fetchAndKeep().then((outcome) => {
      if (live) setProblem(outcome);
    });
    return () => {
      live = false;
    };
  }, [fetchAndKeep]);

  return { cached, problem, refresh };
}

/** A PA's name from the team list; never their id (features/people/person-name.ts). */
export function usePaNames(members: readonly TeamMember[] | undefined): (paId: string | null) => string {
  return useMemo(() => {
    const directory = { self: null, known: new Map((members ?? []).map((m) => [m.id, m.displayName])) };
    return (paId: string | null) => personName(directory, paId, 'Not allocated');
  }, [members]);
}
