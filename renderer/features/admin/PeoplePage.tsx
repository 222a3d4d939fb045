import { Link } from 'wouter';
import { ROLE_LABELS } from '../../../shared/protocol.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { usePageTitle } from '../../ui/use-page-title.ts';
import { statusOf, teamNameOf } from './people.ts';
import { useAdminLoad } from './use-admin.ts';

/** Everyone with a Waymark account: name, username, role, team and status, each linking to manage them. */
export function PeoplePage() {
  usePageTitle('People');
  const people = useAdminLoad(
    async (server) => ({ users: await server.users(), teams: await server.teams() }),
    'people',
  );
  return (
    <>
      <h1>People</h1>
      <p>
        <Link href="/people/new" className="button">
          Add a person
        </Link>
      </p>
      {people.problem ? <p className="notice warning">{people.problem}</p> : null}
      {people.data === undefined ? (
        people.problem ? null : (
          <p>Loading people…</p>
        )
      ) : (
        <DataTable
          caption="Accounts on the sync server"
          headings={['Name', 'Username', 'Role', 'Team', 'Status']}
        >
          {people.data.users
            .toSorted((a, b) => a.displayName.localeCompare(b.displayName))
            .map((user) => (
              <tr key={user.username}>
                <th scope="row">
                  <Link href={`/people/${encodeURIComponent(user.username)}`}>{user.displayName}</Link>
                </th>
                <td>{user.username}</td>
                <td>{ROLE_LABELS[user.role]}</td>
                <td>{teamNameOf(people.data?.teams, user.teamId)}</td>
                <td>{statusOf(user)}</td>
              </tr>
            ))}
        </DataTable>
      )}
    </>
  );
}
