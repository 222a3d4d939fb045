/**
 * Demo accounts for the embedded demo mode only (never production). All data is synthetic.
 *
 * Every demo account's password is `waymark-demo` (DEMO_PASSWORD):
 *   pa.alex, pa.sam  — Personal Advisers, team "Demo Team North"
 *   pa.jo            — Personal Adviser, team "Demo Team South"
 *   tm.morgan        — team manager, "Demo Team North"
 *   tm.casey         — team manager, "Demo Team South"
 *   admin.riley      — administrator (no access to case data)
 * Young people demo-yp-001…003 are assigned to pa.alex, demo-yp-004 to pa.sam, demo-yp-005 to pa.jo.
 */
import { hashPassword } from './auth/passwords.ts';
import type { Store, Team } from './store/types.ts';
import type { Role } from '../shared/protocol.ts';
import { seedDemoCaseload } from './seed-demo-caseload.ts';

export const DEMO_PASSWORD = 'waymark-demo';

interface DemoUser {
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly team: 'north' | 'south' | null;
}

export const DEMO_USERS: readonly DemoUser[] = [
  { username: 'pa.alex', displayName: 'Alex Demo (PA)', role: 'pa', team: 'north' },
  { username: 'pa.sam', displayName: 'Sam Demo (PA)', role: 'pa', team: 'north' },
  { username: 'pa.jo', displayName: 'Jo Demo (PA)', role: 'pa', team: 'south' },
  { username: 'tm.morgan', displayName: 'Morgan Demo (Team manager)', role: 'team_manager', team: 'north' },
  { username: 'tm.casey', displayName: 'Casey Demo (Team manager)', role: 'team_manager', team: 'south' },
  { username: 'admin.riley', displayName: 'Riley Demo (Administrator)', role: 'admin', team: null },
];

const DEMO_ASSIGNMENTS: readonly (readonly [string, string])[] = [
  ['demo-yp-001', 'pa.alex'],
  ['demo-yp-002', 'pa.alex'],
  ['demo-yp-003', 'pa.alex'],
  ['demo-yp-004', 'pa.sam'],
  ['demo-yp-005', 'pa.jo'],
];

async function ensureTeam(store: Store, name: string): Promise<Team> {
  return (await store.getTeamByName(name)) ?? (await store.createTeam(name));
}

/** Idempotent: creates whatever demo team, account or assignment is missing. */
export async function seedDemo(store: Store): Promise<void> {
  const teams = {
    north: await ensureTeam(store, 'Demo Team North'),
    south: await ensureTeam(store, 'Demo Team South'),
  };
  const hash = await hashPassword(DEMO_PASSWORD);
  for (const u of DEMO_USERS) {
    if (await store.getUserByUsername(u.username)) continue;
    await store.createUser({
      username: u.username,
      displayName: u.displayName,
      role: u.role,
      teamId: u.team ? teams[u.team].id : null,
      passwordHash: hash,
    });
  }
  for (const [youngPersonId, username] of DEMO_ASSIGNMENTS) {
    const pa = await store.getUserByUsername(username);
    if (pa?.teamId) await store.assignIfUnassigned(youngPersonId, pa.id, pa.teamId);
  }
}

/** The demo accounts plus a synthetic caseload for each demo PA (the embedded `npm start` mode). */
export async function seedDemoWithCaseload(store: Store): Promise<void> {
  await seedDemo(store);
  const pas = [];
  const managers = new Map<string, string>();
  for (const u of DEMO_USERS) {
    const user = await store.getUserByUsername(u.username);
    if (user?.role === 'pa') pas.push(user);
    if (user?.role === 'team_manager' && user.teamId !== null) managers.set(user.teamId, user.id);
  }
  await seedDemoCaseload(store, pas, new Map(DEMO_ASSIGNMENTS), managers);
}
