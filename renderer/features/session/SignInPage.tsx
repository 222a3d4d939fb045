import { useLocation } from 'wouter';
import { useSession, useSessionState } from '../../sync/session-context.tsx';
import { usePageTitle } from '../../ui/use-page-title.ts';
import { UnconfirmedWorkError } from '../../sync/unconfirmed-work.ts';
import { SignInForm } from './SignInForm.tsx';
import { AlertNotice } from '../../ui/AlertNotice.tsx';

/** Sign in to the sync server. Records already on the laptop stay usable without signing in. */
export function SignInPage() {
  usePageTitle('Sign in');
  const session = useSession();
  const { user, serverUrl, notice } = useSessionState();
  const [, navigate] = useLocation();

  /** Signs in; resolves to a problem, the unconfirmed work signing in would delete, or null once in. */
  async function signIn(username: string, password: string, discardUnconfirmed: boolean) {
    try {
      await session.signIn(username, password, { discardUnconfirmed });
      navigate('/');
      return null;
    } catch (error) {
      return error instanceof UnconfirmedWorkError ? error : (error as Error).message;
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
      <AlertNotice message={notice} />
      {serverUrl ? (
        <p>Sign in to sync your caseload with {new URL(serverUrl).host}.</p>
      ) : (
        <p className="notice">No sync server is set for this laptop, so you can work only on this device.</p>
      )}
      <SignInForm disabled={!serverUrl} signIn={signIn} />
    </>
  );
}
