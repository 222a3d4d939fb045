import { useTeamMembers } from '../team/team-members.ts';

/**
 * Fetches the team's people (names and roles) from the sync server while someone is signed in, and keeps
 * them on the laptop so names show offline too. Renders nothing; mounted once by the app frame.
 */
export function KeepTeamPeople() {
  useTeamMembers();
  return null;
}
