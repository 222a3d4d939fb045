/**
 * The team manager's view (issue 7). Wire it as a nested route: `<Route path="/team" nest component={TeamPage} />`.
 */
export { TeamPage } from './TeamPage.tsx';
export { TeamTodayProvider } from './team-today.tsx';
export { TEAM_MEMBERS_KEY, type CachedTeamMembers } from './team-members.ts';
