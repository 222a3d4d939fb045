import { useState } from 'react';
import { Link } from 'wouter';
import { ukDate } from '../../ui/format.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { usePageTitle } from '../../ui/use-page-title.ts';
import { TeamNameForm } from './TeamNameForm.tsx';
import { useAdminLoad, useAdminServer } from './use-admin.ts';

/** The council's teams, with how many active people each has, and a form to add one. */
export function TeamsPage() {
  usePageTitle('Teams');
  const server = useAdminServer();
  const teams = useAdminLoad((s) => s.teams(), 'teams');
  const [added, setAdded] = useState<string | null>(null);
  return (
    <>
      <h1>Teams</h1>
      {added ? (
        <p className="saved" role="status">
          Team {added} added.
        </p>
      ) : null}
      {teams.problem ? <p className="notice warning">{teams.problem}</p> : null}
      {teams.data ? (
        <DataTable caption="Teams on the sync server" headings={['Team', 'Active people', 'Added']}>
          {teams.data.map((team) => (
            <tr key={team.id}>
              <th scope="row">
                <Link href={`/teams/${team.id}`}>{team.name}</Link>
              </th>
              <td>{team.members}</td>
              <td>{ukDate(team.createdAt)}</td>
            </tr>
          ))}
        </DataTable>
      ) : teams.problem ? null : (
        <p>Loading teams…</p>
      )}
      <h2>Add a team</h2>
      <TeamNameForm
        title="Team name"
        initial=""
        submitLabel="Add team"
        save={async (name) => {
          if (!server) return;
          setAdded((await server.addTeam(name)).name);
          teams.reload();
        }}
      />
    </>
  );
}
