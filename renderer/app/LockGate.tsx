import { useCallback, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useBridge } from '../bridge/bridge-context.tsx';
import { FullSignInScreen, UnlockScreen, type LockReason } from '../features/session/LockScreens.tsx';
import { UNLOCK_ATTEMPT_LIMIT, type LockState } from '../sync/local-lock.ts';
import type { LockSession } from '../sync/lock-session.ts';
import { UnconfirmedWorkError } from '../sync/unconfirmed-work.ts';

/** How the lock was lifted: the offline password check, or a full sign-in to the sync server. */
export type UnlockedBy = 'password' | 'sign-in';

type View =
  | { readonly kind: 'unlocked' }
  | { readonly kind: 'locked'; readonly reason: LockReason }
  | {
      readonly kind: 'sign-in';
      readonly notice: string | null;
      readonly back: boolean;
      /** Shown because the laptop was wiped while the app was open. */
      readonly afterWipe?: boolean;
    };

const TOO_MANY = `You entered the wrong password ${UNLOCK_ATTEMPT_LIMIT} times. Sign in with your username and password to open Waymark.`;
const WIPED = 'All Waymark records and settings were removed from this laptop.';
const TOO_MANY_WIPED = `You entered the wrong password ${UNLOCK_ATTEMPT_LIMIT} times, so the records on this laptop were deleted. Sign in to download your caseload again.`;

function viewAtStart(state: LockState): View {
  switch (state.kind) {
    case 'no-one-signed-in':
      return { kind: 'sign-in', notice: null, back: false };
    case 'locked':
      return { kind: 'locked', reason: 'start' };
    case 'sign-in-required':
      return { kind: 'sign-in', notice: TOO_MANY, back: false };
  }
}

const tries = (n: number) => (n === 1 ? '1 more time' : `${n} more times`);

/**
 * Nothing of the caseload is read or mounted until the person at the laptop proves who they are: on
 * every start the lock screen (or, where no one has signed in yet, the sign-in page) shows first, and
 * `children` (the app, which opens the case databases) mount only once it is lifted. The host's idle,
 * screen-lock and sleep events bring the lock screen back and unmount the app again.
 */
export function LockGate({
  session,
  onUnlocked,
  children,
}: {
  /** The lock and the session's state, at once; sign-in and wipe once the session's code has loaded. */
  session: LockSession;
  /** Called each time the lock is lifted, before the app mounts. */
  onUnlocked: (by: UnlockedBy) => void;
  children: ReactNode;
}) {
  const bridge = useBridge();
  const { serverUrl } = useSyncExternalStore(session.state.subscribe, session.state.get);
  const [view, setView] = useState<View>(() => viewAtStart(session.lock.state()));

  /** After too many wrong passwords: the policy's action, and what to tell the user. */
  const afterTooManyAttempts = useCallback(async (): Promise<string> => {
    const policy = await bridge.policy();
    if (policy.unlockFailureAction.value !== 'wipe') return TOO_MANY;
    await session.wipe(TOO_MANY_WIPED);
    return TOO_MANY_WIPED;
  }, [bridge, session]);

  useEffect(() => {
    void session.readServerUrl();
    // A reload after the limit was reached: apply the policy's action now (a wipe may not have finished).
    if (session.lock.state().kind !== 'sign-in-required') return;
    void afterTooManyAttempts().then((notice) => setView({ kind: 'sign-in', notice, back: false }));
  }, [session, afterTooManyAttempts]);

  useEffect(
    () =>
      bridge.onIdleLock((event) =>
        setView((current) =>
          current.kind === 'unlocked' ? { kind: 'locked', reason: event.reason } : current,
        ),
      ),
    [bridge],
  );

  // The laptop was wiped while open (revoked by IT, or from Settings): no one is signed in here any more.
  // A sign-in in the app as someone else wipes the last person's records first, then signs in: once it
  // has, the app comes back.
  useEffect(
    () =>
      session.state.subscribe(() => {
        const { user, notice } = session.state.get();
        const lock = session.lock.state();
        if (lock.kind === 'no-one-signed-in' && user === null) {
          setView((current) =>
            current.kind === 'sign-in'
              ? current
              : { kind: 'sign-in', notice: notice ?? WIPED, back: false, afterWipe: true },
          );
        } else if (lock.kind === 'locked' && user !== null) {
          setView((current) =>
            current.kind === 'sign-in' && current.afterWipe ? { kind: 'unlocked' } : current,
          );
        }
      }),
    [session],
  );

  const unlock = async (password: string): Promise<string | null> => {
    const outcome = await session.lock.tryUnlock(password);
    switch (outcome.kind) {
      case 'unlocked':
        // For the first-render benchmark (bench/first-paint.bench.ts): when the case data may open.
        performance.mark('waymark-unlocked');
        onUnlocked('password');
        setView({ kind: 'unlocked' });
        return null;
      case 'wrong-password':
        return `That password is not right. You can try ${tries(outcome.attemptsLeft)} before you must sign in again with your username.`;
      case 'limit-reached':
        setView({ kind: 'sign-in', notice: await afterTooManyAttempts(), back: false });
        return null;
    }
  };

  const signIn = async (
    username: string,
    password: string,
    discardUnconfirmed: boolean,
  ): Promise<string | UnconfirmedWorkError | null> => {
    try {
      await session.signIn(username, password, { discardUnconfirmed });
    } catch (error) {
      if (error instanceof UnconfirmedWorkError) return error;
      return error instanceof Error ? error.message : String(error);
    }
    onUnlocked('sign-in');
    // Signed in from the sign-in page's own address: go on to the caseload, as the sign-in page does.
    if (window.location.hash.startsWith('#/sign-in')) window.location.hash = '#/';
    setView({ kind: 'unlocked' });
    return null;
  };

  if (view.kind === 'unlocked') return <>{children}</>;
  const lock = session.lock.state();
  if (view.kind === 'locked' && lock.kind === 'locked') {
    return (
      <UnlockScreen
        user={lock.user}
        reason={view.reason}
        unlock={unlock}
        signInInstead={() => setView({ kind: 'sign-in', notice: null, back: true })}
      />
    );
  }
  return (
    <FullSignInScreen
      serverUrl={serverUrl}
      notice={view.kind === 'sign-in' ? view.notice : lock.kind === 'sign-in-required' ? TOO_MANY : null}
      username={lock.kind === 'no-one-signed-in' ? '' : lock.user.username}
      signIn={signIn}
      back={
        view.kind === 'sign-in' && view.back && lock.kind === 'locked'
          ? () => setView({ kind: 'locked', reason: 'start' })
          : null
      }
    />
  );
}
