/** Words and options the console uses for people and teams (never ids). */
import type { AdminTeam, AdminUser } from '../../../shared/admin-api.ts';
import { ROLE_LABELS, ROLES } from '../../../shared/protocol.ts';
import type { Option } from '../../ui/forms.tsx';

export const ROLE_OPTIONS: readonly Option[] = ROLES.map((role) => ({
  value: role,
  label: ROLE_LABELS[role],
}));

export function teamOptions(teams: readonly AdminTeam[]): Option[] {
  return teams.map((team) => ({ value: team.id, label: team.name }));
}

export function teamNameOf(teams: readonly AdminTeam[] | undefined, teamId: string | null): string {
  if (teamId === null) return 'No team';
  return teams?.find((team) => team.id === teamId)?.name ?? 'Unknown team';
}

export function statusOf(user: AdminUser): string {
  if (user.disabled) return 'Disabled';
  if (user.passwordResetRequired) return 'Needs a new password';
  return 'Active';
}

/** The form's team choice for the server: an administrator has no team. */
export function teamForRole(role: string, teamId: string): string | null {
  return role === 'admin' || teamId === '' ? null : teamId;
}
