import { useId, useState } from 'react';
import { Link } from 'wouter';
import type { z } from 'zod';
import type { AdminOneTimePassword } from '../../../shared/admin-api.ts';
import { Form, SubmitButton, TextField, useSchemaForm } from '../../ui/form/index.ts';
import { RoleAndTeamFields } from './admin-parts.tsx';
import { usePageTitle } from '../../ui/use-page-title.ts';
import { OneTimePassword } from './OneTimePassword.tsx';
import { newPersonSchema, PERSON_FIELDS, teamForRole } from './people.ts';
import { serverFormError } from './server-form-error.ts';
import { useAdminLoad, useAdminServer } from './use-admin.ts';

/** Adds an account; the server makes a one-time password, shown here once. */
export function AddPersonPage() {
  usePageTitle('Add a person');
  const server = useAdminServer();
  const teams = useAdminLoad((s) => s.teams(), 'teams');
  const form = useSchemaForm(newPersonSchema, { displayName: '', username: '', role: 'pa', teamId: '' });
  const [added, setAdded] = useState<AdminOneTimePassword | null>(null);
  const headingId = useId();

  async function submit({ displayName, username, role, teamId }: z.output<typeof newPersonSchema>) {
    if (!server) return;
    try {
      setAdded(await server.addUser({ displayName, username, role, teamId: teamForRole(role, teamId) }));
    } catch (error) {
      form.fail([serverFormError(error, PERSON_FIELDS)]);
    }
  }

  if (added)
    return (
      <>
        <h1>{added.user.displayName} can now sign in</h1>
        <OneTimePassword name={added.user.displayName} password={added.oneTimePassword} />
        <p>
          <Link href={`/people/${encodeURIComponent(added.user.username)}`}>
            Manage {added.user.displayName}
          </Link>
        </p>
        <p>
          <Link href="/">Back to people</Link>
        </p>
      </>
    );

  return (
    <>
      <h1 id={headingId}>Add a person</h1>
      <Form form={form} labelledBy={headingId} onSubmit={submit}>
        <TextField name="displayName" label="Full name" autoComplete="off" />
        <TextField
          name="username"
          label="Username"
          hint="What they type to sign in: lower-case letters, digits, dots or dashes, for example jo.bloggs"
          width="medium"
        />
        <RoleAndTeamFields teams={teams.data} />
        {teams.problem ? <p className="notice warning">{teams.problem}</p> : null}
        <SubmitButton>Add person</SubmitButton>
      </Form>
    </>
  );
}
