import { Link, Route, Router, Switch, useRoute } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';
import { lazy, Suspense, type ReactNode } from 'react';
import { ConnectionIndicator } from '../ui/ConnectionIndicator.tsx';
import { CaseloadPage } from '../features/caseload/CaseloadPage.tsx';
import { AboutPage } from '../features/about/AboutPage.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';
import { SignInPage } from '../features/session/SignInPage.tsx';
import { ADMIN_ROUTES } from '../features/admin/admin-routes.tsx';
import { KeepTeamPeople } from '../features/people/KeepTeamPeople.tsx';
import { KeepTeamSettings } from '../features/team-settings/KeepTeamSettings.tsx';

// Pages other than the caseload load on first use, so the caseload (what a PA opens first) starts fast.
const CreateYoungPersonPage = lazy(() =>
  import('../features/young-person/CreateYoungPersonPage.tsx').then((m) => ({
    default: m.CreateYoungPersonPage,
  })),
);
const RecordPage = lazy(() =>
  import('../features/record/RecordPage.tsx').then((m) => ({ default: m.RecordPage })),
);
const MyPlanPage = lazy(() =>
  import('../features/record/MyPlanPage.tsx').then((m) => ({ default: m.MyPlanPage })),
);
const VisitPage = lazy(() =>
  import('../features/visit/VisitPage.tsx').then((m) => ({ default: m.VisitPage })),
);
const SettingsPage = lazy(() =>
  import('../features/settings/SettingsPage.tsx').then((m) => ({ default: m.SettingsPage })),
);
const TeamPage = lazy(() => import('../features/team/index.ts').then((m) => ({ default: m.TeamPage })));
import { useSessionState } from '../sync/session-context.tsx';

function NavLink({ href, children }: { href: string; children: ReactNode }) {
  const [exact] = useRoute(href);
  // A section's link stays current on its inner pages (/admin/teams, /team/exceptions).
  const [within] = useRoute(href === '/' ? '/' : `${href}/*`);
  return (
    <Link href={href} className="nav__link" aria-current={exact || within ? 'page' : undefined}>
      {children}
    </Link>
  );
}

/** The app frame: skip link, banner with the connection state, primary navigation and the page. */
export function App() {
  const { user } = useSessionState();
  // An administrator has no case data: the console instead of the caseload, no sync status (admin-routes.tsx).
  const isAdmin = user?.role === 'admin';
  return (
    <Router hook={useHashLocation}>
      {user ? <KeepTeamPeople /> : null}
      {user ? <KeepTeamSettings /> : null}
      <a
        className="skip-link"
        href="#main"
        onClick={(event) => {
          // Hash routing: move focus to the page without treating "#main" as a route.
          event.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        Skip to main content
      </a>
      <header className="banner no-print">
        <p className="banner__title">Waymark</p>
        {isAdmin ? null : <ConnectionIndicator />}
      </header>
      <nav className="nav no-print" aria-label="Main">
        <ul className="nav__list">
          <li>
            {isAdmin ? (
              <NavLink href="/admin">Administration</NavLink>
            ) : (
              <NavLink href="/">{user?.role === 'team_manager' ? 'Team caseload' : 'My caseload'}</NavLink>
            )}
          </li>
          {user?.role === 'team_manager' ? (
            <li>
              <NavLink href="/team">My team</NavLink>
            </li>
          ) : null}
          <li>
            <NavLink href="/about">About this app</NavLink>
          </li>
          <li>
            <NavLink href="/settings">Settings</NavLink>
          </li>
          <li>
            <NavLink href="/sign-in">{user ? `Signed in: ${user.displayName}` : 'Sign in'}</NavLink>
          </li>
        </ul>
      </nav>
      <main id="main" className="main" tabIndex={-1}>
        <Suspense fallback={<p>Loading…</p>}>
          <Switch>
            {isAdmin ? ADMIN_ROUTES : null}
            <Route path="/" component={CaseloadPage} />
            <Route path="/young-people/new" component={CreateYoungPersonPage} />
            <Route path="/young-people/:id/my-plan" component={MyPlanPage} />
            <Route path="/young-people/:id/visit" component={VisitPage} />
            <Route path="/young-people/:id/:section?" component={RecordPage} />
            <Route path="/team" nest component={TeamPage} />
            <Route path="/settings" component={SettingsPage} />
            <Route path="/about" component={AboutPage} />
            <Route path="/sign-in" component={SignInPage} />
            <Route component={NotFoundPage} />
          </Switch>
        </Suspense>
      </main>
    </Router>
  );
}
