import { useEffect, useRef, type ReactNode } from 'react';
import type { LockUser } from '../../sync/local-lock.ts';
import type { UnconfirmedWorkError } from '../../sync/unconfirmed-work.ts';
import { usePageTitle } from '../../ui/use-page-title.ts';
import { CredentialsForm } from './CredentialsForm.tsx';
import { SignInForm } from './SignInForm.tsx';
import { AlertNotice } from '../../ui/AlertNotice.tsx';

/** The frame of both screens: no navigation and no case data, the heading focused when it appears. */
function LockFrame({ title, children }: { title: string; children: ReactNode }) {
  usePageTitle(title);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [title]);
  return (
    <>
      <header className="banner no-print">
        <p className="banner__title">Waymark</p>
      </header>
      <main id="main" className="main">
        <h1 ref={heading} tabIndex={-1}>
          {title}
        </h1>
        {children}
      </main>
    </>
  );
}

/** Why the lock screen shows, in words for the user. */
export type LockReason = 'start' | 'idle' | 'screen-locked' | 'suspend';

const REASON_TEXT: Record<LockReason, string> = {
  start: 'Enter your password to see your records.',
  idle: 'Records are hidden because the laptop was left idle. Your work is saved.',
  'screen-locked': 'Records are hidden because the laptop was locked. Your work is saved.',
  suspend: 'Records are hidden because the laptop went to sleep. Your work is saved.',
};

/** The lock screen: the password of the person who last signed in, checked on the laptop (works offline). */
export function UnlockScreen({
  user,
  reason,
  unlock,
  signInInstead,
}: {
  user: LockUser;
  reason: LockReason;
  /** Resolves to a problem to show, or null once unlocked. */
  unlock: (password: string) => Promise<string | null>;
  signInInstead: () => void;
}) {
  return (
    <LockFrame title="Waymark is locked">
      <p>{REASON_TEXT[reason]}</p>
      <p>Signed in on this laptop: {user.displayName}.</p>
      <CredentialsForm
        askUsername={false}
        passwordLabel="Your password"
        submitLabel="Unlock"
        check={(_, password) => unlock(password)}
      />
      <p>
        <button type="button" className="button button--secondary" onClick={signInInstead}>
          Sign in as someone else
        </button>
      </p>
    </LockFrame>
  );
}

/**
 * A full sign-in to the sync server: the first screen on a laptop where no one has signed in, after too
 * many wrong passwords at the lock screen, and for another person. It needs the network.
 */
export function FullSignInScreen({
  serverUrl,
  notice,
  username,
  signIn,
  back,
}: {
  serverUrl: string | null;
  /** Why a full sign-in is needed, or what happened (shown as an alert). */
  notice: string | null;
  /** The username to fill in (the person who last signed in), if any. */
  username: string;
  /**
   * Resolves to a problem to show, null once signed in, or the last person's unconfirmed work when
   * signing in would delete it (then asked, and retried with `discardUnconfirmed`).
   */
  signIn: (
    username: string,
    password: string,
    discardUnconfirmed: boolean,
  ) => Promise<string | UnconfirmedWorkError | null>;
  /** Back to the lock screen, when there is one to go back to. */
  back: (() => void) | null;
}) {
  return (
    <LockFrame title="Sign in">
      <AlertNotice message={notice} />
      {serverUrl ? (
        <p>
          Sign in with your Waymark username and password. This laptop must be connected to{' '}
          {new URL(serverUrl).host}.
        </p>
      ) : (
        <p className="notice">No sync server is set for this laptop, so no one can sign in. Contact IT.</p>
      )}
      <SignInForm username={username} disabled={!serverUrl} signIn={signIn} />
      {back ? (
        <p>
          <button type="button" className="button button--secondary" onClick={back}>
            Back to the lock screen
          </button>
        </p>
      ) : null}
    </LockFrame>
  );
}
