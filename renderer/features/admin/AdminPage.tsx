import { useEffect, useRef, type ReactNode } from 'react';
import { Link, Route, Switch, useLocation, useRoute } from 'wouter';
import { usePageTitle } from '../../ui/use-page-title.ts';
import { TeamSettingsPage } from '../team-settings/index.ts';
import { AddPersonPage } from './AddPersonPage.tsx';
import { AuditPage } from './AuditPage.tsx';
import { MoveRecordPage } from './MoveRecordPage.tsx';
import { PeoplePage } from './PeoplePage.tsx';
import { PersonAdminPage } from './PersonAdminPage.tsx';
import { TeamAdminPage } from './TeamAdminPage.tsx';
import { TeamsPage } from './TeamsPage.tsx';
import './admin.css';

function AdminNavLink({
  href,
  within: under,
  children,
}: {
  href: string;
  within: string;
  children: ReactNode;
}) {
  const [exact] = useRoute(href);
  const [within] = useRoute(`${under}/*`);
  return (
    <Link href={href} className="subnav__link" aria-current={exact || within ? 'page' : undefined}>
      {children}
    </Link>
  );
}

function NotFound() {
  usePageTitle('Page not found');
  return (
    <>
      <h1>Page not found</h1>
      <p>
        <Link href="/">Go to the list of people</Link>
      </p>
    </>
  );
}

/**
 * The administrator's console, mounted under `/admin` with wouter's `nest`: people (`/`, `/people/new`,
 * `/people/:username` with their devices), teams (`/teams`, `/teams/:id`, and the team's settings at
 * `/teams/:id/settings`, the team-settings feature's page), moving a record to another team by its
 * reference (`/move-record`) and the audit log (`/audit`).
 * Online only: it works on the sync server's accounts, and shows no case data.
 */
export function AdminPage() {
  // Moving to another page of the console (a link, a saved form) puts focus at the start of the page's
  // content, not on the body where the link that was clicked used to be.
  const [location] = useLocation();
  const shown = useRef<string | null>(null);
  useEffect(() => {
    if (shown.current !== null && shown.current !== location) document.getElementById('main')?.focus();
    shown.current = location;
  }, [location]);
  return (
    <div className="admin">
      <nav className="subnav no-print" aria-label="Administration">
        <ul className="subnav__list">
          <li>
            <AdminNavLink href="/" within="/people">
              People
            </AdminNavLink>
          </li>
          <li>
            <AdminNavLink href="/teams" within="/teams">
              Teams
            </AdminNavLink>
          </li>
          <li>
            <AdminNavLink href="/move-record" within="/move-record">
              Move a record
            </AdminNavLink>
          </li>
          <li>
            <AdminNavLink href="/audit" within="/audit">
              Audit log
            </AdminNavLink>
          </li>
        </ul>
      </nav>
      <Switch>
        <Route path="/" component={PeoplePage} />
        <Route path="/people/new" component={AddPersonPage} />
        <Route path="/people/:username">
          {(params) => <PersonAdminPage key={params.username} username={params.username} />}
        </Route>
        <Route path="/teams" component={TeamsPage} />
        <Route path="/teams/:id/settings">
          {(params) => (
            <>
              <p>
                <Link href={`/teams/${params.id}`}>Back to the team</Link>
              </p>
              <TeamSettingsPage key={params.id} teamId={params.id} />
            </>
          )}
        </Route>
        <Route path="/teams/:id">{(params) => <TeamAdminPage key={params.id} teamId={params.id} />}</Route>
        <Route path="/move-record" component={MoveRecordPage} />
        <Route path="/audit" component={AuditPage} />
        <Route component={NotFound} />
      </Switch>
    </div>
  );
}
