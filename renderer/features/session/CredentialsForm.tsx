/**
 * The username and password form of the sign-in page and the lock screens (one form, on the form
 * layer). A problem the check returns (a wrong password, no network) shows in the error summary.
 */
import { z } from 'zod';
import { Form, requiredText, SubmitButton, TextField, useSchemaForm } from '../../ui/form/index.ts';

const credentialsSchema = z.object({
  username: z.string(),
  password: z.string().min(1, { error: 'Enter your password' }),
});

const withUsernameSchema = credentialsSchema.extend({
  username: requiredText('Enter your username', { label: 'Username', max: 200 }),
});

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
  const form = useSchemaForm(askUsername ? withUsernameSchema : credentialsSchema, {
    username,
    password: '',
  });

  async function submit(values: z.output<typeof credentialsSchema>) {
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
