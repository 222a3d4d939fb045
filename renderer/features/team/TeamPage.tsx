import type { ReactNode } from 'react';
import { Link, Route, Switch, useRoute } from 'wouter';
import { useSessionState } from '../../sync/session-context.tsx';
import { ukDate } from '../../ui/format.ts';
import { usePageTitle } from '../../ui/use-page-title.ts';
import { TeamSettingsPage } from '../team-settings/TeamSettingsPage.tsx';
import { CaseNotesPage } from './CaseNotesPage.tsx';
import { ExceptionsPage } from './ExceptionsPage.tsx';
import { ExportPage } from './ExportPage.tsx';
import { ImportPage } from './ImportPage.tsx';
import { MeasurePeople, PaCaseloadPeople, UnallocatedPeople } from './PeopleListPage.tsx';
import { PersonPage } from './PersonPage.tsx';
import { ReturnsPage } from './ReturnsPage.tsx';
import { Scorecard } from './Scorecard.tsx';
import { useTeamData } from './team-data.ts';
import { usePaNames, useTeamMembers } from './team-members.ts';
import { TrendPage } from './TrendPage.tsx';
import './team.css';

function TeamNavLink({ href, children }: { href: string; children: ReactNode }) {
  const [active] = useRoute(href);
  return (
    <Link href={href} className="team-nav__link" aria-current={active ? 'page' : undefined}>
      {children}
    </Link>
  );
}

function TeamNav() {
  return (
    <nav className="team-nav no-print" aria-label="Team manager views">
      <ul className="team-nav__list">
        <li>
          <TeamNavLink href="/">Scorecard</TeamNavLink>
        </li>
        <li>
          <TeamNavLink href="/exceptions">Exception report</TeamNavLink>
        </li>
        <li>
          <TeamNavLink href="/returns">Returns</TeamNavLink>
        </li>
        <li>
          <TeamNavLink href="/trend">Trend</TeamNavLink>
        </li>
        <li>
          <TeamNavLink href="/import">Import</TeamNavLink>
        </li>
        <li>
          <TeamNavLink href="/export">Send work back</TeamNavLink>
        </li>
        <li>
          <TeamNavLink href="/settings">Team settings</TeamNavLink>
        </li>
      </ul>
    </nav>
  );
}

function TeamMessage({ title, children }: { title: string; children: ReactNode }) {
  usePageTitle(title);
  return (
    <>
      <h1>{title}</h1>
      {children}
    </>
  );
}

/**
 * The team manager's view, mounted under `/team` with wouter's `nest` (the routes below are relative):
 * `/` scorecard, `/exceptions`, `/returns`, `/trend`, `/measure/:measure/:part`, `/pa/:paId`,
 * `/unallocated` and `/person/:id` (oversight and reassignment). Reads the Dexie projection on this laptop,
 * so it works offline on the last synced data.
 */
export function TeamPage() {
  const data = useTeamData();
  const members = useTeamMembers();
  const paName = usePaNames(members.cached?.members);
  const { user } = useSessionState();
  const teamName = () => members.cached?.teamName ?? 'Your team';
  // Data exchange: the import works before any record is on this laptop (it is how records arrive).
  const [onImport] = useRoute('/import');
  const [onExport] = useRoute('/export');
  const [onSettings] = useRoute('/settings');
  let body: ReactNode;
  if (onSettings) body = <TeamSettingsPage />;
  else if (onImport) body = <ImportPage />;
  else if (onExport) body = <ExportPage />;
  else if (data === undefined) body = <TeamMessage title="Team">Loading the team’s records…</TeamMessage>;
  else if (data.rows.length === 0)
    body = (
      <TeamMessage title="Team">
        <p>
          No team records on this laptop yet. Sign in as a team manager and let the records sync; the team
          view then works offline too.
        </p>
      </TeamMessage>
    );
  else
    body = (
      <Switch>
        <Route path="/">
          <Scorecard data={data} paName={paName} />
        </Route>
        <Route path="/exceptions">
          <ExceptionsPage data={data} paName={paName} />
        </Route>
        <Route path="/returns">
          <ReturnsPage data={data} paName={paName} teamName={teamName} />
        </Route>
        <Route path="/trend">
          <TrendPage data={data} />
        </Route>
        <Route path="/measure/:measure/:part">
          {(params) => (
            <MeasurePeople data={data} paName={paName} measure={params.measure} part={params.part} />
          )}
        </Route>
        <Route path="/pa/:paId">
          {(params) => <PaCaseloadPeople data={data} paName={paName} paId={params.paId} />}
        </Route>
        <Route path="/unallocated">
          <UnallocatedPeople data={data} paName={paName} />
        </Route>
        <Route path="/person/:id/case-notes">
          {(params) => <CaseNotesPage key={params.id} id={params.id} />}
        </Route>
        <Route path="/person/:id">
          {(params) => (
            <PersonPage
              key={params.id}
              id={params.id}
              data={data}
              paName={paName}
              members={members.cached?.members ?? []}
            />
          )}
        </Route>
        <Route>
          <TeamMessage title="Page not found">
            <p>
              <Link href="/">Go to the team scorecard</Link>
            </p>
          </TeamMessage>
        </Route>
      </Switch>
    );
  return (
    <div className="team">
      <TeamNav />
      {user?.role === 'pa' ? (
        <p className="notice">
          This view is meant for team managers. It shows the records held on this laptop.
        </p>
      ) : null}
      {members.problem && members.cached ? (
        <p className="notice">
          Could not refresh the team list ({members.problem}); using the list from{' '}
          {ukDate(members.cached.fetchedAt.slice(0, 10))}.
        </p>
      ) : null}
      {body}
    </div>
  );
}
