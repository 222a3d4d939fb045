/** Pieces the console's pages share: the form wrapper, role and team fields, page headings. */
import type { ReactNode } from 'react';
import { Link } from 'wouter';
import type { AdminTeam } from '../../../shared/admin-api.ts';
import { SelectField, type FormApi } from '../../ui/forms.tsx';
import { ROLE_OPTIONS, teamOptions } from './people.ts';

/** A GOV.UK form: no browser validation bubbles (the error summary says it), submit runs `onSubmit`. */
export function AdminForm({
  label,
  onSubmit,
  children,
}: {
  label: string;
  onSubmit: () => Promise<void>;
  children: ReactNode;
}) {
  return (
    <form
      className="form"
      noValidate
      aria-label={label}
      onSubmit={(event) => {
        event.preventDefault();
        void onSubmit();
      }}
    >
      {children}
    </form>
  );
}

/** Role, then team (an administrator has none, so the team question goes away for them). */
export function RoleAndTeamFields<V extends { role: string; teamId: string }>({
  form,
  teams,
  roleHint,
}: {
  form: FormApi<V>;
  teams: readonly AdminTeam[] | undefined;
  roleHint?: string;
}) {
  return (
    <>
      <SelectField form={form} name="role" label="Role" hint={roleHint} options={ROLE_OPTIONS} />
      {form.values.role === 'admin' ? null : (
        <SelectField
          form={form}
          name="teamId"
          label="Team"
          placeholder="Select a team"
          options={teamOptions(teams ?? [])}
        />
      )}
    </>
  );
}

/** The top of a page about one thing: a way back, its name, and what was just done to it. */
export function AdminPageHead({
  back,
  backLabel,
  title,
  message,
}: {
  back: string;
  backLabel: string;
  title: string;
  message: string | null;
}) {
  return (
    <>
      <p>
        <Link href={back}>{backLabel}</Link>
      </p>
      <h1>{title}</h1>
      {message ? (
        <p className="saved" role="status">
          {message}
        </p>
      ) : null}
    </>
  );
}

/** While a page's data loads, or when it could not: its heading and the problem. */
export function AdminPageWaiting({
  title,
  problem,
  children,
}: {
  title: string;
  problem: string | null;
  children?: ReactNode;
}) {
  return (
    <>
      <h1>{title}</h1>
      {problem ? <p className="notice warning">{problem}</p> : (children ?? <p>Loading…</p>)}
    </>
  );
}
