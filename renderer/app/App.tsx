import { Link, Route, Router, Switch, useRoute } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';
import { lazy, Suspense, type ReactNode } from 'react';
import { ConnectionIndicator } from '../ui/ConnectionIndicator.tsx';
import { CaseloadPage } from '../features/caseload/CaseloadPage.tsx';
import { AboutPage } from '../features/about/AboutPage.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';
import { SignInPage } from '../features/session/SignInPage.tsx';
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
const SettingsPage = lazy(() =>
  import('../features/settings/SettingsPage.tsx').then((m) => ({ default: m.SettingsPage })),
);
const TeamPage = lazy(() => import('../features/team/index.ts').then((m) => ({ default: m.TeamPage })));
import { useSessionState } from '../sync/session-context.tsx';

function NavLink({ href, children }: { href: string; children: ReactNode }) {
  const [active] = useRoute(href);
  return (
    <Link href={href} className="nav__link" aria-current={active ? 'page' : undefined}>
      {children}
    </Link>
  );
}

/** The app frame: skip link, banner with the connection state, primary navigation and the page. */
export function App() {
  const { user } = useSessionState();
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
        <ConnectionIndicator />
      </header>
      <nav className="nav no-print" aria-label="Main">
        <ul className="nav__list">
          <li>
            <NavLink href="/">My caseload</NavLink>
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
            <Route path="/" component={CaseloadPage} />
            <Route path="/young-people/new" component={CreateYoungPersonPage} />
            <Route path="/young-people/:id/my-plan" component={MyPlanPage} />
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
