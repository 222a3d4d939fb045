/**
 * Who is writing: the signed-in user, or a placeholder on a laptop used without signing in. Every
 * write to a record carries the writer's id and today's date (shared/ydoc/contested.ts).
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useRecordStore } from '../../db/store-context.tsx';
import { useSessionState } from '../../sync/session-context.tsx';
import { cachedTeamMembersSchema, TEAM_MEMBERS_KEY } from '../team/team-members.ts';

/** Writer id used when nobody is signed in on this laptop. */
export const LOCAL_USER_ID = 'local-user';
/** Team id used for records created without signing in (the server assigns the real team on sync). */
export const LOCAL_TEAM_ID = 'local-team';

export interface CurrentUser {
  readonly id: string;
  readonly displayName: string;
  readonly teamId: string;
  readonly signedIn: boolean;
  /** Names of colleagues known on this laptop (the team list a manager's laptop keeps), by user id. */
  readonly knownNames: ReadonlyMap<string, string>;
}

const NO_NAMES: ReadonlyMap<string, string> = new Map();

export function useCurrentUser(): CurrentUser {
  const { user } = useSessionState();
  const { db } = useRecordStore();
  const knownNames =
    useLiveQuery(async () => {
      const cached = cachedTeamMembersSchema.safeParse((await db.settings.get(TEAM_MEMBERS_KEY))?.value);
      return cached.success ? new Map(cached.data.members.map((m) => [m.id, m.displayName])) : NO_NAMES;
    }, [db]) ?? NO_NAMES;
  if (user === null)
    return {
      id: LOCAL_USER_ID,
      displayName: 'You (not signed in)',
      teamId: LOCAL_TEAM_ID,
      signedIn: false,
      knownNames,
    };
  return {
    id: user.id,
    displayName: user.displayName,
    teamId: user.teamId ?? LOCAL_TEAM_ID,
    signedIn: true,
    knownNames,
  };
}

/**
 * A person's name for display: the signed-in user, or a colleague known on this laptop. Never a user
 * id: someone the laptop's team list does not hold is "a former colleague" (they have left the team),
 * or "a colleague" on a laptop that holds no team list.
 */
export function displayNameOf(user: CurrentUser, userId: string | null): string {
  if (userId === null) return 'Nobody allocated';
  if (userId === user.id) return user.displayName;
  if (userId === LOCAL_USER_ID) return 'Someone not signed in on this laptop';
  const known = user.knownNames.get(userId);
  if (known !== undefined) return known;
  return user.knownNames.size > 0 ? 'A former colleague' : 'A colleague';
}
