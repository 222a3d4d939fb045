import { lazy } from 'react';
import { Link, Redirect, Route } from 'wouter';
import { usePageTitle } from '../../ui/use-page-title.ts';

const AdminPage = lazy(() => import('./AdminPage.tsx').then((m) => ({ default: m.AdminPage })));

/** What an administrator sees at the address of case data (a record, a caseload, the team view). */
export function NoAccessPage() {
  usePageTitle('You do not have access');
  return (
    <>
      <h1>You do not have access</h1>
      <p>
        Administrators manage accounts, teams, devices and the audit log. They cannot see young people’s
        records or caseloads.
      </p>
      <p>
        <Link href="/admin">Go to administration</Link>
      </p>
    </>
  );
}

/**
 * The administrator's routes, placed first in the app's `<Switch>` for the administrator role only: the
 * landing page is the console, and every address of case data answers "You do not have access" (the
 * server refuses them the records too: server/sync/access.ts).
 */
export const ADMIN_ROUTES = (
  <>
    <Route path="/">
      <Redirect to="/admin" replace />
    </Route>
    <Route path="/admin" nest component={AdminPage} />
    <Route path="/young-people" component={NoAccessPage} />
    <Route path="/young-people/*" component={NoAccessPage} />
    <Route path="/record/*" component={NoAccessPage} />
    <Route path="/team" component={NoAccessPage} />
    <Route path="/team/*" component={NoAccessPage} />
  </>
);
