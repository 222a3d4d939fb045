/** Pieces the console's pages share: role and team fields, page headings. */
import type { ReactNode } from 'react';
import { Link } from 'wouter';
import type { AdminTeam } from '../../../shared/admin-api.ts';
import { useWatch } from 'react-hook-form';
import { SelectField } from '../../ui/form/index.ts';
import { ROLE_OPTIONS, teamOptions } from './people.ts';

/** Role, then team (an administrator has none, so the team question goes away for them). Inside a <Form>. */
export function RoleAndTeamFields({
  teams,
  roleHint,
}: {
  teams: readonly AdminTeam[] | undefined;
  roleHint?: string;
}) {
  const role: unknown = useWatch({ name: 'role' });
  return (
    <>
      <SelectField name="role" label="Role" hint={roleHint} options={ROLE_OPTIONS} />
      {role === 'admin' ? null : (
        <SelectField
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
