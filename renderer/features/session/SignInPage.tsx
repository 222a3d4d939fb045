import { useState } from 'react';
import { useLocation } from 'wouter';
import { useSession, useSessionState } from '../../sync/session-context.tsx';
import { usePageTitle } from '../../ui/use-page-title.ts';
import { UnconfirmedWorkError } from '../../sync/unconfirmed-work.ts';
import { CredentialsForm } from './CredentialsForm.tsx';
import { Problem } from './LockScreens.tsx';
import { UnconfirmedSignInChoice } from './UnconfirmedSignInChoice.tsx';

interface PendingSignIn {
  readonly username: string;
  readonly password: string;
  readonly work: UnconfirmedWorkError;
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

  /** Signs in; resolves to a problem to show, or null (signed in, or asking about unconfirmed work). */
  async function signIn(username: string, password: string, discardUnconfirmed: boolean) {
    setBusy(true);
    setProblem(null);
    try {
      await session.signIn(username, password, { discardUnconfirmed });
      setPending(null);
      navigate('/');
      return null;
    } catch (error) {
      if (error instanceof UnconfirmedWorkError) {
        setPending({ username, password, work: error });
        return null;
      }
      setPending(null);
      return (error as Error).message;
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
      {pending ? (
        <UnconfirmedSignInChoice
          work={pending.work}
          busy={busy}
          onDelete={() => void signIn(pending.username, pending.password, true).then(setProblem)}
          onCancel={() => setPending(null)}
        />
      ) : null}
      <Problem text={problem} />
      <CredentialsForm
        askUsername
        submitLabel="Sign in"
        disabled={busy || !serverUrl}
        check={(username, password) => signIn(username, password, false)}
      />
    </>
  );
}
