/**
 * The username and password form of the sign-in page and the lock screens. It is the app's first screen,
 * so it keeps its two fields in React state rather than on the form layer (react-hook-form was 46 KB of
 * the lock screen's JavaScript) and checks them itself rather than load zod. The GOV.UK error pattern is
 * the form layer's: the error summary first (ui/form/ProblemSummary.tsx), linking to each field and
 * taking focus; the error beside its field; errors shown from the first submit and checked again as the
 * person types; a problem the check returns (a wrong password, no network) in the summary, with the
 * password cleared.
 */
import { useId, useState, type FormEvent } from 'react';
import { tooLongMessage } from '../../ui/form/messages.ts';
import { ProblemSummary, type Problem } from '../../ui/form/ProblemSummary.tsx';

export interface Credentials {
  readonly username: string;
  readonly password: string;
}

export type CredentialErrors = Partial<Record<keyof Credentials, string>>;

/** The longest username the sign-in form takes. */
const USERNAME_MAX = 200;

/**
 * Checks the two fields as typed: the username (trimmed) when it is asked for, and the password (as
 * typed). The values to sign in with, or the error for each field in the way.
 */
export function checkCredentials(
  values: Credentials,
  askUsername: boolean,
):
  | { readonly values: Credentials; readonly errors: null }
  | { readonly values: null; readonly errors: CredentialErrors } {
  const username = values.username.trim();
  const errors: CredentialErrors = {};
  if (askUsername && username === '') errors.username = 'Enter your username';
  else if (askUsername && username.length > USERNAME_MAX)
    errors.username = tooLongMessage('Username', USERNAME_MAX);
  if (values.password === '') errors.password = 'Enter your password';
  if (Object.keys(errors).length > 0) return { values: null, errors };
  return {
    values: { username: askUsername ? username : values.username, password: values.password },
    errors: null,
  };
}

/** A labelled text input with its error message, tied to it with aria-describedby (ui/form/fields.tsx's markup). */
function CredentialField({
  id,
  name,
  label,
  type,
  autoComplete,
  value,
  error,
  onChange,
}: {
  id: string;
  name: keyof Credentials;
  label: string;
  type: 'text' | 'password';
  autoComplete: string;
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
}) {
  const errorId = `${id}-error`;
  return (
    <div className={error ? 'field field--error' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {error ? (
        <p id={errorId} className="field-error">
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
      <input
        id={id}
        name={name}
        type={type}
        autoComplete={autoComplete}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}

/** What the form shows once submitted: each field's error and a problem the check returned. */
interface Shown {
  readonly fields: CredentialErrors;
  readonly problem: string | null;
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
  const prefix = useId();
  const ids = { username: `${prefix}-username`, password: `${prefix}-password` } as const;
  const summaryId = `${prefix}-error-summary`;
  const [values, setValues] = useState<Credentials>({ username, password: '' });
  /** Null until the first submit: errors show from then on. */
  const [shown, setShown] = useState<Shown | null>(null);
  const [submitting, setSubmitting] = useState(false);

  /** Moves focus to the error summary once React has drawn it (after the current frame). */
  const focusSummary = () => requestAnimationFrame(() => document.getElementById(summaryId)?.focus());

  const change = (name: keyof Credentials) => (value: string) => {
    const next = { ...values, [name]: value };
    setValues(next);
    // After a submit, the field's error follows what is typed (the form layer's reValidateMode 'onChange').
    if (shown) {
      const errors = checkCredentials(next, askUsername).errors ?? {};
      setShown({ ...shown, fields: { ...shown.fields, [name]: errors[name] } });
    }
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const checked = checkCredentials(values, askUsername);
    if (checked.errors) {
      setShown({ fields: checked.errors, problem: null });
      focusSummary();
      return;
    }
    setShown({ fields: {}, problem: null });
    setSubmitting(true);
    let problem: string | null;
    try {
      problem = await check(checked.values.username, checked.values.password);
    } finally {
      setSubmitting(false);
    }
    if (problem === null) return;
    setValues((current) => ({ ...current, password: '' }));
    setShown({ fields: {}, problem });
    focusSummary();
  }

  const errors = shown?.fields ?? {};
  const problems: Problem[] = [
    ...(['username', 'password'] as const).flatMap((name) => {
      const message = errors[name];
      return message ? [{ id: ids[name], message }] : [];
    }),
    ...(shown?.problem ? [{ id: null, message: shown.problem }] : []),
  ];

  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)}>
      <ProblemSummary problems={problems} id={summaryId} />
      {askUsername ? (
        <CredentialField
          id={ids.username}
          name="username"
          label="Username"
          type="text"
          autoComplete="username"
          value={values.username}
          error={errors.username}
          onChange={change('username')}
        />
      ) : null}
      <CredentialField
        id={ids.password}
        name="password"
        label={passwordLabel}
        type="password"
        autoComplete="current-password"
        value={values.password}
        error={errors.password}
        onChange={change('password')}
      />
      <button type="submit" className="button" disabled={disabled || submitting}>
        {submitLabel}
      </button>
    </form>
  );
}
