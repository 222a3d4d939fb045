/**
 * Signing in with a username and password, for the sign-in page and the lock screen's full sign-in:
 * the form, the problem a try returns and, when signing in would delete the last person's unconfirmed
 * changes, the question about them first (then a retry that deletes them).
 */
import { useState } from 'react';
import { UnconfirmedWorkError } from '../../sync/unconfirmed-work.ts';
import { CredentialsForm } from './CredentialsForm.tsx';
import { UnconfirmedSignInChoice } from './UnconfirmedSignInChoice.tsx';

/** A problem with retrying a sign-in after the question about unconfirmed work. */
function Problem({ text }: { text: string | null }) {
  return text ? (
    <p className="error-summary" role="alert">
      {text}
    </p>
  ) : null;
}

export type SignIn = (
  username: string,
  password: string,
  discardUnconfirmed: boolean,
) => Promise<string | UnconfirmedWorkError | null>;

export function SignInForm({
  username,
  disabled,
  signIn,
}: {
  /** The username to fill in, if any. */
  username?: string;
  disabled: boolean;
  /** Resolves to a problem to show, null once signed in, or the unconfirmed work signing in would delete. */
  signIn: SignIn;
}) {
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [pending, setPending] = useState<{
    username: string;
    password: string;
    work: UnconfirmedWorkError;
  } | null>(null);

  async function attempt(name: string, password: string, discardUnconfirmed: boolean) {
    setBusy(true);
    setProblem(null);
    const answer = await signIn(name, password, discardUnconfirmed);
    setBusy(false);
    if (answer instanceof UnconfirmedWorkError) {
      setPending({ username: name, password, work: answer });
      return null;
    }
    setPending(null);
    return answer;
  }

  return (
    <>
      {pending ? (
        <UnconfirmedSignInChoice
          work={pending.work}
          busy={busy}
          onDelete={() => void attempt(pending.username, pending.password, true).then(setProblem)}
          onCancel={() => setPending(null)}
        />
      ) : null}
      <Problem text={problem} />
      <CredentialsForm
        askUsername
        username={username}
        submitLabel="Sign in"
        disabled={busy || disabled}
        check={(name, password) => attempt(name, password, false)}
      />
    </>
  );
}
