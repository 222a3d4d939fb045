/**
 * The people a laptop can name: the signed-in user and the team list kept in the device's local settings
 * (fetched from the sync server by features/team/team-members.ts, for PAs and managers alike).
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useMemo } from 'react';
import { useRecordStore } from '../../db/store-context.tsx';
import { useSessionState } from '../../sync/session-context.tsx';
import { cachedTeamMembersSchema, TEAM_MEMBERS_KEY } from '../team/team-members.ts';
import { personName, type PeopleDirectory } from '../../../shared/person-name.ts';

const NO_NAMES: ReadonlyMap<string, string> = new Map();

/** Names of the team's people kept on this laptop, by user id (empty when no list has been fetched). */
export function useKnownNames(): ReadonlyMap<string, string> {
  const { db } = useRecordStore();
  return (
    useLiveQuery(async () => {
      const cached = cachedTeamMembersSchema.safeParse((await db.settings.get(TEAM_MEMBERS_KEY))?.value);
      if (!cached.success) return NO_NAMES;
      return new Map([
        ...cached.data.members.map((m) => [m.id, m.displayName] as const),
        ...cached.data.administrators.map((a) => [a.id, `${a.displayName} (administrator)`] as const),
      ]);
    }, [db]) ?? NO_NAMES
  );
}

export function usePeopleDirectory(): PeopleDirectory {
  const { user } = useSessionState();
  const known = useKnownNames();
  const self = user ? { id: user.id, displayName: user.displayName } : null;
  const selfId = self?.id;
  const selfName = self?.displayName;
  return useMemo(
    () => ({ self: selfId && selfName ? { id: selfId, displayName: selfName } : null, known }),
    [selfId, selfName, known],
  );
}

/** A function naming anyone by user id (or by a stored name), never showing the id. */
export function usePeopleNamer(): (who: string | null, nobody?: string) => string {
  const directory = usePeopleDirectory();
  return useCallback((who, nobody) => personName(directory, who, nobody), [directory]);
}

/** One person's name by user id; `nobody` when there is no one (e.g. no PA allocated). */
export function usePersonName(who: string | null, nobody?: string): string {
  return usePeopleNamer()(who, nobody);
}
