import { useId, useState } from 'react';
import { Link } from 'wouter';
import type { z } from 'zod';
import type { AdminOneTimePassword, AdminUser } from '../../../shared/admin-api.ts';
import { ROLE_LABELS } from '../../../shared/protocol.ts';
import { Form, SubmitButton, TextField, useSchemaForm } from '../../ui/form/index.ts';
import { AdminPageHead, AdminPageWaiting, RoleAndTeamFields } from './admin-parts.tsx';
import { ukDate } from '../../ui/format.ts';
import { usePageTitle } from '../../ui/use-page-title.ts';
import { DevicesTable } from './DevicesTable.tsx';
import { OneTimePassword } from './OneTimePassword.tsx';
import { personDetailsSchema, PERSON_FIELDS, statusOf, teamForRole, teamNameOf } from './people.ts';
import { serverFormError } from './server-form-error.ts';
import { problemOf, useAdminLoad, useAdminServer } from './use-admin.ts';

function DetailsForm({ user, onSaved }: { user: AdminUser; onSaved: (message: string) => void }) {
  const server = useAdminServer();
  const teams = useAdminLoad((s) => s.teams(), 'teams');
  const headingId = useId();
  const form = useSchemaForm(personDetailsSchema, {
    displayName: user.displayName,
    role: user.role as string,
    teamId: user.teamId ?? '',
  });
  async function submit({ displayName, role, teamId }: z.output<typeof personDetailsSchema>) {
    if (!server) return;
    try {
      const saved = await server.updateUser(user.username, {
        displayName,
        role,
        teamId: teamForRole(role, teamId),
      });
      onSaved(
        `Saved. ${saved.displayName} is a ${ROLE_LABELS[saved.role].toLowerCase()} in ${teamNameOf(teams.data, saved.teamId)}.`,
      );
    } catch (error) {
      form.fail([serverFormError(error, PERSON_FIELDS)]);
    }
  }
  return (
    <Form
      form={form}
      labelledBy={headingId}
      heading={<h2 id={headingId}>Name, role and team</h2>}
      onSubmit={submit}
    >
      <TextField name="displayName" label="Full name" />
      <RoleAndTeamFields
        teams={teams.data}
        roleHint="Changing the role or team signs them out, so their laptop picks up the change."
      />
      <SubmitButton>Save changes</SubmitButton>
    </Form>
  );
}

/** One person: their details, access (disable, enable, reset password) and devices. */
export function PersonAdminPage({ username }: { username: string }) {
  const decoded = decodeURIComponent(username);
  const server = useAdminServer();
  const person = useAdminLoad(async (s) => {
    const user = (await s.users()).find((u) => u.username === decoded) ?? null;
    return { user, devices: user ? await s.devices(user.username) : [], teams: await s.teams() };
  }, `person:${decoded}`);
  const user = person.data?.user;
  usePageTitle(user ? user.displayName : 'Person');
  const [message, setMessage] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [password, setPassword] = useState<AdminOneTimePassword | null>(null);
  const [confirmDisable, setConfirmDisable] = useState(false);

  const done = (text: string) => {
    setMessage(text);
    setProblem(null);
    person.reload();
  };
  async function act(action: () => Promise<string>) {
    try {
      done(await action());
    } catch (error) {
      setProblem(problemOf(error));
    }
  }

  if (person.data === undefined) return <AdminPageWaiting title="Person" problem={person.problem} />;
  if (!user || !server)
    return (
      <AdminPageWaiting title="Person not found" problem={null}>
        <p>
          There is no account with this username. <Link href="/">Back to people</Link>
        </p>
      </AdminPageWaiting>
    );
  return (
    <>
      <AdminPageHead back="/" backLabel="Back to people" title={user.displayName} message={message} />
      {problem ? (
        <p className="notice warning" role="alert">
          {problem}
        </p>
      ) : null}
      {password ? <OneTimePassword name={user.displayName} password={password.oneTimePassword} /> : null}
      <dl className="facts">
        <dt>Username</dt>
        <dd>{user.username}</dd>
        <dt>Role</dt>
        <dd>{ROLE_LABELS[user.role]}</dd>
        <dt>Team</dt>
        <dd>{teamNameOf(person.data.teams, user.teamId)}</dd>
        <dt>Status</dt>
        <dd>{statusOf(user)}</dd>
        <dt>Signs in with</dt>
        <dd>{user.identityProviderOnly ? 'The council’s sign-in' : 'A Waymark password'}</dd>
        <dt>Account added</dt>
        <dd>{ukDate(user.createdAt)}</dd>
      </dl>

      <DetailsForm key={`${user.displayName}|${user.role}|${user.teamId ?? ''}`} user={user} onSaved={done} />

      <h2>Access</h2>
      <div className="admin-actions">
        {user.identityProviderOnly ? null : (
          <button
            type="button"
            className="button button--secondary"
            onClick={() =>
              void act(async () => {
                setPassword(await server.resetPassword(user.username));
                return `The password was reset. Every session ${user.displayName} had has ended.`;
              })
            }
          >
            Reset password
          </button>
        )}
        {user.disabled ? (
          <button
            type="button"
            className="button button--secondary"
            onClick={() =>
              void act(async () => {
                await server.enable(user.username);
                return `${user.displayName} can sign in again.`;
              })
            }
          >
            Enable account
          </button>
        ) : (
          <button type="button" className="button button--warning" onClick={() => setConfirmDisable(true)}>
            Disable account
          </button>
        )}
      </div>
      {confirmDisable && !user.disabled ? (
        <div className="warning" role="group" aria-labelledby="disable-confirm-title">
          <h3 id="disable-confirm-title">Disable {user.displayName}’s account?</h3>
          <p>They are signed out everywhere at once and cannot sign in until the account is enabled again.</p>
          <div className="admin-actions">
            <button
              type="button"
              className="button button--warning"
              onClick={() =>
                void act(async () => {
                  setConfirmDisable(false);
                  await server.disable(user.username);
                  return `${user.displayName}’s account is disabled.`;
                })
              }
            >
              Yes, disable the account
            </button>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => setConfirmDisable(false)}
            >
              Cancel
            </button>
          </div>
        </div>
      ) : null}

      <h2>Devices</h2>
      <DevicesTable personName={user.displayName} devices={person.data.devices} onRevoked={done} />
    </>
  );
}
