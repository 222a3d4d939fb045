import { useId, useState, type FormEvent } from 'react';
import { useLocation } from 'wouter';
import { useSession, useSessionState } from '../../sync/session-context.tsx';
import { usePageTitle } from '../../ui/use-page-title.ts';
import { UnconfirmedWorkError, type UnconfirmedRecord } from '../../sync/unconfirmed-work.ts';
import { UnconfirmedSignInChoice } from './UnconfirmedSignInChoice.tsx';

interface PendingSignIn {
  readonly username: string;
  readonly password: string;
  readonly records: readonly UnconfirmedRecord[];
}

/** Sign in to the sync server. Records already on the laptop stay usable without signing in. */
export function SignInPage() {
  usePageTitle('Sign in');
  const session = useSession();
  const { user, serverUrl, notice } = useSessionState();
  const [, navigate] = useLocation();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** Signing in as someone else would delete the last user's unconfirmed changes: asked first. */
  const [pending, setPending] = useState<PendingSignIn | null>(null);
  const usernameId = useId();
  const passwordId = useId();
  const problemId = useId();

  async function signIn(username: string, password: string, discardUnconfirmed: boolean) {
    setBusy(true);
    setProblem(null);
    try {
      await session.signIn(username, password, { discardUnconfirmed });
      setPending(null);
      navigate('/');
    } catch (error) {
      if (error instanceof UnconfirmedWorkError) {
        setPending({ username, password, records: error.records });
      } else {
        setPending(null);
        setProblem((error as Error).message);
      }
    } finally {
      setBusy(false);
    }
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void signIn(String(form.get('username') ?? ''), String(form.get('password') ?? ''), false);
  }

  if (user) {
    return (
      <>
        <h1>Signed in</h1>
        <p>
          You are signed in as {user.displayName}.{' '}
          <button type="button" className="button button--secondary" onClick={() => void session.signOut()}>
            Sign out
          </button>
        </p>
      </>
    );
  }
  return (
    <>
      <h1>Sign in</h1>
      {notice ? (
        <p className="notice" role="alert">
          {notice}
        </p>
      ) : null}
      {serverUrl ? (
        <p>Sign in to sync your caseload with {new URL(serverUrl).host}.</p>
      ) : (
        <p className="notice">No sync server is set for this laptop, so you can work only on this device.</p>
      )}
      {pending ? (
        <UnconfirmedSignInChoice
          records={pending.records}
          busy={busy}
          onDelete={() => void signIn(pending.username, pending.password, true)}
          onCancel={() => setPending(null)}
        />
      ) : null}
      <form className="form" onSubmit={submit} noValidate>
        {problem ? (
          <p id={problemId} className="error-summary" role="alert">
            {problem}
          </p>
        ) : null}
        <div className="field">
          <label htmlFor={usernameId}>Username</label>
          <input
            id={usernameId}
            name="username"
            autoComplete="username"
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
    </>
  );
}
