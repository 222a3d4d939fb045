import { useId, useState, type FormEvent } from 'react';
import { useLocation } from 'wouter';
import { useSession, useSessionState } from '../../sync/session-context.tsx';
import { usePageTitle } from '../../ui/use-page-title.ts';

/** Sign in to the sync server. Records already on the laptop stay usable without signing in. */
export function SignInPage() {
  usePageTitle('Sign in');
  const session = useSession();
  const { user, serverUrl, notice } = useSessionState();
  const [, navigate] = useLocation();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const usernameId = useId();
  const passwordId = useId();
  const problemId = useId();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setProblem(null);
    try {
      await session.signIn(String(form.get('username') ?? ''), String(form.get('password') ?? ''));
      navigate('/');
    } catch (error) {
      setProblem((error as Error).message);
    } finally {
      setBusy(false);
    }
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
      <form className="form" onSubmit={(event) => void submit(event)} noValidate>
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
