/**
 * What the lock screen (and the sign-in screen shown instead of it) needs of the session, without the
 * case data: who signed in on this laptop and the offline password check (local-lock.ts), the session's
 * state (user, sync server, notice) and, once the session's code has loaded, signing in and wiping.
 * The app's first screen loads only this; the session, Dexie and the caseload load while it shows
 * (renderer/main.tsx, renderer/app/case-data.tsx).
 */
import { LocalLock } from './local-lock.ts';
import type { Session, SessionState } from './session.ts';
import { StatusStore } from './sync-status.ts';

export type LockSession = Pick<Session, 'lock' | 'state' | 'readServerUrl' | 'wipe' | 'signIn'>;

/** No one signed in, no sync server known yet, nothing to tell. */
export const SIGNED_OUT: SessionState = { user: null, serverUrl: null, notice: null };

/**
 * The lock and state the session will use, available at once; the rest waits for the session (whose
 * code loads separately) to be created with this same lock and state.
 */
export class DeferredLockSession implements LockSession {
  readonly lock: LocalLock;
  readonly state: StatusStore<SessionState>;
  private readonly session: Promise<Session>;

  constructor(lock: LocalLock, state: StatusStore<SessionState>, session: Promise<Session>) {
    this.lock = lock;
    this.state = state;
    this.session = session;
  }

  async readServerUrl(): Promise<void> {
    await (await this.session).readServerUrl();
  }

  async wipe(...args: Parameters<Session['wipe']>): Promise<void> {
    await (await this.session).wipe(...args);
  }

  async signIn(...args: Parameters<Session['signIn']>): Promise<void> {
    await (await this.session).signIn(...args);
  }
}
