/**
 * Who is writing: the signed-in user, or a placeholder on a laptop used without signing in. Every
 * write to a record carries the writer's id and today's date (shared/ydoc/contested.ts).
 */
import { useSessionState } from '../../sync/session-context.tsx';

/** Writer id used when nobody is signed in on this laptop. */
export const LOCAL_USER_ID = 'local-user';
/** Team id used for records created without signing in (the server assigns the real team on sync). */
export const LOCAL_TEAM_ID = 'local-team';

export interface CurrentUser {
  readonly id: string;
  readonly displayName: string;
  readonly teamId: string;
  readonly signedIn: boolean;
}

export function useCurrentUser(): CurrentUser {
  const { user } = useSessionState();
  if (user === null)
    return { id: LOCAL_USER_ID, displayName: 'You (not signed in)', teamId: LOCAL_TEAM_ID, signedIn: false };
  return { id: user.id, displayName: user.displayName, teamId: user.teamId ?? LOCAL_TEAM_ID, signedIn: true };
}

/** A person's name for display: the signed-in user's name when it is them, otherwise their id. */
export function displayNameOf(user: CurrentUser, userId: string | null): string {
  if (userId === null) return 'Nobody allocated';
  if (userId === user.id) return user.displayName;
  if (userId === LOCAL_USER_ID) return 'Someone not signed in on this laptop';
  return userId;
}
