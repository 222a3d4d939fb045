/**
 * What the lock screen (and the sign-in screen shown instead of it) needs of the session, without the
 * case data: who signed in on this laptop and the offline password check (local-lock.ts), the session's
 * state (user, sync server, notice) and, once the session's code has loaded, signing in and wiping.
 * The app's first screen loads only this; the session, Dexie and the caseload load while it shows
 * (renderer/main.tsx, renderer/app/case-data.tsx).
 */
import type { WaymarkBridge } from '../../shared/bridge.ts';
import type { LocalLock } from './local-lock.ts';
import type { Session, SessionState } from './session.ts';
import type { StatusStore } from './sync-status.ts';

export type LockSession = Pick<Session, 'lock' | 'state' | 'readServerUrl' | 'wipe' | 'signIn'>;

/** No one signed in, no sync server known yet, nothing to tell. */
export const SIGNED_OUT: SessionState = { user: null, serverUrl: null, notice: null };

/** Reads the sync server from policy only (no local data), so the lock screen can offer sign-in. */
export async function readServerUrl(bridge: WaymarkBridge, state: StatusStore<SessionState>): Promise<void> {
  state.update({ serverUrl: (await bridge.policy()).syncServerUrl.value });
}

/**
 * The lock and state the session will use, available at once; sign-in and wipe wait for `session` to
 * load the session (its code loads separately), created with this same lock and state.
 */
export function deferredLockSession(
  bridge: WaymarkBridge,
  lock: LocalLock,
  state: StatusStore<SessionState>,
  session: () => Promise<Session>,
): LockSession {
  return {
    lock,
    state,
    readServerUrl: () => readServerUrl(bridge, state),
    wipe: async (...args) => (await session()).wipe(...args),
    signIn: async (...args) => (await session()).signIn(...args),
  };
}
