/**
 * The username and password form of the sign-in page and the lock screens (one form, on the form
 * layer). A problem the check returns (a wrong password, no network) shows in the error summary.
 * It is on the app's first screen, so it checks its two fields itself rather than load zod
 * (the form layer's modules are imported directly, not through index.ts, for the same reason).
 */
import type { FieldErrors, Resolver, ResolverResult } from 'react-hook-form';
import { Form, SubmitButton } from '../../ui/form/Form.tsx';
import { TextField } from '../../ui/form/fields.tsx';
import { useResolvedForm } from '../../ui/form/form-state.ts';
import { tooLongMessage } from '../../ui/form/messages.ts';

interface Credentials {
  username: string;
  password: string;
}

/** The longest username the sign-in form takes. */
const USERNAME_MAX = 200;

/** Checks the two fields as typed: the username (trimmed) when it is asked for, and the password. */
export function credentialsResolver(askUsername: boolean): Resolver<Credentials, unknown, Credentials> {
  return (values): ResolverResult<Credentials, Credentials> => {
    const username = values.username.trim();
    const errors: FieldErrors<Credentials> = {};
    if (askUsername && username === '')
      errors.username = { type: 'required', message: 'Enter your username' };
    else if (askUsername && username.length > USERNAME_MAX)
      errors.username = { type: 'maxLength', message: tooLongMessage('Username', USERNAME_MAX) };
    if (values.password === '') errors.password = { type: 'required', message: 'Enter your password' };
    if (Object.keys(errors).length > 0) return { values: {}, errors };
    return {
      values: { username: askUsername ? username : values.username, password: values.password },
      errors: {},
    };
  };
}

export function CredentialsForm({
  username = '',
  askUsername,
  passwordLabel = 'Password',
  submitLabel,
  disabled = false,
  check,
}: {
  /** The username to fill in, if any. */
  username?: string;
  /** False on the lock screen, where only the password of the person signed in is asked. */
  askUsername: boolean;
  passwordLabel?: string;
  submitLabel: string;
  disabled?: boolean;
  /** Resolves to a problem to show, or null when it worked. */
  check: (username: string, password: string) => Promise<string | null>;
}) {
  const form = useResolvedForm(credentialsResolver(askUsername), { username, password: '' });

  async function submit(values: Credentials) {
    const problem = await check(values.username, values.password);
    if (problem === null) return;
    form.methods.resetField('password');
    form.fail([{ field: null, message: problem }]);
  }

  return (
    <Form form={form} onSubmit={submit}>
      {askUsername ? <TextField name="username" label="Username" autoComplete="username" /> : null}
      <TextField name="password" label={passwordLabel} type="password" autoComplete="current-password" />
      {disabled ? (
        <button type="submit" className="button" disabled>
          {submitLabel}
        </button>
      ) : (
        <SubmitButton>{submitLabel}</SubmitButton>
      )}
    </Form>
  );
}
