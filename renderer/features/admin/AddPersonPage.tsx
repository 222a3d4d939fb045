import { useState } from 'react';
import { Link } from 'wouter';
import type { AdminOneTimePassword } from '../../../shared/admin-api.ts';
import { ErrorSummary, TextField, useForm } from '../../ui/forms.tsx';
import { AdminForm, RoleAndTeamFields } from './admin-parts.tsx';
import { usePageTitle } from '../../ui/use-page-title.ts';
import { OneTimePassword } from './OneTimePassword.tsx';
import { teamForRole } from './people.ts';
import { serverFormError } from './server-form-error.ts';
import { useAdminLoad, useAdminServer } from './use-admin.ts';

const FIELDS = {
  username: 'username',
  displayName: 'displayName',
  role: 'role',
  team: 'teamId',
  teamId: 'teamId',
};

/** Adds an account; the server makes a one-time password, shown here once. */
export function AddPersonPage() {
  usePageTitle('Add a person');
  const server = useAdminServer();
  const teams = useAdminLoad((s) => s.teams(), 'teams');
  const form = useForm({ displayName: '', username: '', role: 'pa', teamId: '' });
  const [added, setAdded] = useState<AdminOneTimePassword | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit() {
    const { displayName, username, role, teamId } = form.values;
    const errors = [
      ...(displayName.trim() ? [] : [{ field: 'displayName', message: 'Enter the person’s full name.' }]),
      ...(username.trim() ? [] : [{ field: 'username', message: 'Enter a username.' }]),
      ...(role !== 'admin' && !teamId ? [{ field: 'teamId', message: 'Select a team.' }] : []),
    ];
    if (errors.length > 0 || !server) return form.fail(errors);
    setBusy(true);
    try {
      const answer = await server.addUser({
        displayName,
        username,
        role: role as 'pa' | 'team_manager' | 'admin',
        teamId: teamForRole(role, teamId),
      });
      form.fail([]);
      setAdded(answer);
    } catch (error) {
      form.fail([serverFormError(error, FIELDS)]);
    } finally {
      setBusy(false);
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
      <h1>Add a person</h1>
      <AdminForm label="Add a person" onSubmit={submit}>
        <ErrorSummary form={form} />
        <TextField form={form} name="displayName" label="Full name" autoComplete="off" />
        <TextField
          form={form}
          name="username"
          label="Username"
          hint="What they type to sign in: lower-case letters, digits, dots or dashes, for example jo.bloggs"
          width="medium"
        />
        <RoleAndTeamFields form={form} teams={teams.data} />
        {teams.problem ? <p className="notice warning">{teams.problem}</p> : null}
        <button type="submit" className="button" disabled={busy}>
          Add person
        </button>
      </AdminForm>
    </>
  );
}
