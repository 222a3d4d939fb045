/** Words, options and form checks the console uses for people and teams (never ids). */
import { z } from 'zod';
import { adminCreateUserSchema, type AdminTeam, type AdminUser } from '../../../shared/admin-api.ts';
import { ROLE_LABELS, ROLES } from '../../../shared/protocol.ts';
import { choice, requiredText, type Option } from '../../ui/form/index.ts';

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

/** Where the server's refusals land: it names `displayName`, `username`, `role` or `team`. */
export const PERSON_FIELDS = {
  username: 'username',
  displayName: 'displayName',
  role: 'role',
  team: 'teamId',
  teamId: 'teamId',
};

const displayName = requiredText('Enter the person’s full name', {
  label: 'Full name',
  max: adminCreateUserSchema.shape.displayName,
});
const role = choice(ROLES, 'Select a role');

/** Everyone but an administrator belongs to a team. */
function teamUnlessAdmin(values: { role: string; teamId: string }, ctx: z.RefinementCtx): void {
  if (values.role !== 'admin' && values.teamId === '')
    ctx.addIssue({ code: 'custom', path: ['teamId'], message: 'Select a team' });
}

/** A person's name, role and team, as changed on their page. */
export const personDetailsSchema = z
  .object({ displayName, role, teamId: z.string() })
  .superRefine(teamUnlessAdmin);

/** A new account: the same, and the username they sign in with. */
export const newPersonSchema = z
  .object({
    displayName,
    username: requiredText('Enter a username', {
      label: 'Username',
      max: adminCreateUserSchema.shape.username,
    }),
    role,
    teamId: z.string(),
  })
  .superRefine(teamUnlessAdmin);
