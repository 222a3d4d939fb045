/** Team settings (issue 14): the page a team manager uses, embedded by the administrator's console. */
export { TeamSettingsPage } from './TeamSettingsPage.tsx';
export { KeepTeamSettings } from './KeepTeamSettings.tsx';
