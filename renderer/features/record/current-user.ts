/**
 * Who is writing: the signed-in user, or a placeholder on a laptop used without signing in. Every
 * write to a record carries the writer's id and today's date (shared/ydoc/contested.ts).
 */
import { useSessionState } from '../../sync/session-context.tsx';
import { LOCAL_WRITER_ID, personName } from '../../../shared/person-name.ts';
import { useKnownNames } from '../people/use-people.ts';

/** Writer id used when nobody is signed in on this laptop. */
export const LOCAL_USER_ID = LOCAL_WRITER_ID;
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

export function useCurrentUser(): CurrentUser {
  const { user } = useSessionState();
  const knownNames = useKnownNames();
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
  const self = { id: user.id, displayName: user.displayName };
  return personName({ self, known: user.knownNames }, userId, 'Nobody allocated');
}
