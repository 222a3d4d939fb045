import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { LockUser } from '../../sync/local-lock.ts';
import { UnconfirmedWorkError, type UnconfirmedRecord } from '../../sync/unconfirmed-work.ts';
import { usePageTitle } from '../../ui/use-page-title.ts';
import { UnconfirmedSignInChoice } from './UnconfirmedSignInChoice.tsx';

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

function Problem({ id, text }: { id: string; text: string | null }) {
  return text ? (
    <p id={id} className="error-summary" role="alert">
      {text}
    </p>
  ) : null;
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
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const passwordId = useId();
  const problemId = useId();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const password = String(new FormData(form).get('password') ?? '');
    if (password === '') {
      setProblem('Enter your password.');
      return;
    }
    setBusy(true);
    const answer = await unlock(password);
    setBusy(false);
    setProblem(answer);
    if (answer !== null) form.reset();
  }

  return (
    <LockFrame title="Waymark is locked">
      <p>{REASON_TEXT[reason]}</p>
      <p>Signed in on this laptop: {user.displayName}.</p>
      <form className="form" onSubmit={(event) => void submit(event)} noValidate>
        <Problem id={problemId} text={problem} />
        <div className="field">
          <label htmlFor={passwordId}>Your password</label>
          <input
            id={passwordId}
            name="password"
            type="password"
            autoComplete="current-password"
            aria-describedby={problem ? problemId : undefined}
          />
        </div>
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Checking…' : 'Unlock'}
        </button>
      </form>
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
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const usernameId = useId();
  const passwordId = useId();
  const problemId = useId();

  const [pending, setPending] = useState<{
    username: string;
    password: string;
    records: readonly UnconfirmedRecord[];
  } | null>(null);

  async function attempt(username: string, password: string, discardUnconfirmed: boolean) {
    setBusy(true);
    setProblem(null);
    const answer = await signIn(username, password, discardUnconfirmed);
    setBusy(false);
    if (answer instanceof UnconfirmedWorkError) {
      setPending({ username, password, records: answer.records });
    } else {
      setPending(null);
      setProblem(answer);
    }
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void attempt(String(form.get('username') ?? ''), String(form.get('password') ?? ''), false);
  }

  return (
    <LockFrame title="Sign in">
      {notice ? (
        <p className="notice" role="alert">
          {notice}
        </p>
      ) : null}
      {serverUrl ? (
        <p>
          Sign in with your Waymark username and password. This laptop must be connected to{' '}
          {new URL(serverUrl).host}.
        </p>
      ) : (
        <p className="notice">No sync server is set for this laptop, so no one can sign in. Contact IT.</p>
      )}
      {pending ? (
        <UnconfirmedSignInChoice
          records={pending.records}
          busy={busy}
          onDelete={() => void attempt(pending.username, pending.password, true)}
          onCancel={() => setPending(null)}
        />
      ) : null}
      <form className="form" onSubmit={submit} noValidate>
        <Problem id={problemId} text={problem} />
        <div className="field">
          <label htmlFor={usernameId}>Username</label>
          <input
            id={usernameId}
            name="username"
            autoComplete="username"
            defaultValue={username}
            required
            aria-describedby={problem ? problemId : undefined}
          />
        </div>
        <div className="field">
          <label htmlFor={passwordId}>Password</label>
          <input id={passwordId} name="password" type="password" autoComplete="current-password" required />
        </div>
        <button type="submit" className="button" disabled={busy || !serverUrl}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
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
