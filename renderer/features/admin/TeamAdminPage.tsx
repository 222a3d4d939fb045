import { useState } from 'react';
import { Link } from 'wouter';
import { ukDate } from '../../ui/format.ts';
import { usePageTitle } from '../../ui/use-page-title.ts';
import { AdminPageHead, AdminPageWaiting } from './admin-parts.tsx';
import { TeamNameForm } from './TeamNameForm.tsx';
import { useAdminLoad, useAdminServer } from './use-admin.ts';

/** One team: its name (rename) and a way to its settings. */
export function TeamAdminPage({ teamId }: { teamId: string }) {
  const server = useAdminServer();
  const teams = useAdminLoad((s) => s.teams(), `team:${teamId}`);
  const team = teams.data?.find((t) => t.id === teamId);
  usePageTitle(team ? team.name : 'Team');
  const [saved, setSaved] = useState<string | null>(null);
  if (teams.data === undefined) return <AdminPageWaiting title="Team" problem={teams.problem} />;
  if (!team || !server)
    return (
      <AdminPageWaiting title="Team not found" problem={null}>
        <p>
          <Link href="/teams">Back to teams</Link>
        </p>
      </AdminPageWaiting>
    );
  return (
    <>
      <AdminPageHead back="/teams" backLabel="Back to teams" title={team.name} message={saved} />
      <dl className="facts">
        <dt>Active people</dt>
        <dd>{team.members}</dd>
        <dt>Added</dt>
        <dd>{ukDate(team.createdAt)}</dd>
      </dl>
      <h2>Team settings</h2>
      <p>
        The team’s contact threshold, caseload target, local targets and local offer:{' '}
        <Link href={`/teams/${team.id}/settings`}>change {team.name}’s settings</Link>.
      </p>
      <h2>Rename the team</h2>
      <TeamNameForm
        key={team.name}
        title="New team name"
        initial={team.name}
        submitLabel="Rename team"
        save={async (name) => {
          const renamed = await server.renameTeam(team.id, name);
          setSaved(`The team is now called ${renamed.name}.`);
          teams.reload();
        }}
      />
    </>
  );
}
