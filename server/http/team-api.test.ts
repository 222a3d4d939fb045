/** The team manager's API against a real server: team members and reassignment within the team. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditSearchResponseSchema } from '../../shared/admin-api.ts';
import { SERVER_REASONS, apiErrorSchema } from '../../shared/protocol.ts';
import {
  TEAM_API_PATHS,
  teamAssignResponseSchema,
  teamMembersResponseSchema,
} from '../../shared/team-api.ts';
import { getJson, login, makeWorld, openDoc, openSocket, postJson, type World } from '../testing/fixtures.ts';

describe('team manager API', () => {
  let world: World;
  beforeAll(async () => {
    world = await makeWorld();
  });
  afterAll(async () => {
    await world.close();
  });

  const reassign = async (username: string, body: unknown) =>
    postJson(
      world.server.url + TEAM_API_PATHS.assignments,
      body,
      (await login(world.server, username)).token,
    );

  /** Whether `username` can open a record over a websocket: its open status. */
  const opensAs = async (username: string, docName: string) => {
    const { token } = await login(world.server, username);
    const socket = openSocket(world.server);
    try {
      return (await openDoc(socket, docName, token)).status;
    } finally {
      socket.destroy();
    }
  };

  /** The member list as `username` gets it (a 200 is expected). */
  const membersAs = async (username: string) => {
    const res = await getJson(
      world.server.url + TEAM_API_PATHS.members,
      (await login(world.server, username)).token,
    );
    expect(res.status).toBe(200);
    return teamMembersResponseSchema.parse(res.body);
  };

  it('lists the active members of the manager’s own team only', async () => {
    const body = await membersAs('tm.n');
    expect(body.teamId).toBe(world.teams.north);
    expect(body.teamName).toBe('North');
    expect(body.members.map((m) => m.username).sort()).toEqual(['pa.n1', 'pa.n2', 'tm.n']);
    expect(body.members.find((m) => m.username === 'pa.n1')).toEqual({
      id: world.users.paN1.id,
      username: 'pa.n1',
      displayName: 'pa.n1',
      role: 'pa',
    });
  });

  it('gives a PA their own team’s names and roles only, without sign-in names', async () => {
    const body = await membersAs('pa.s1');
    expect(body.teamId).toBe(world.teams.south);
    expect(body.members.map((m) => m.displayName).sort()).toEqual(['pa.s1', 'tm.s']);
    for (const member of body.members)
      expect(Object.keys(member).sort()).toEqual(['displayName', 'id', 'role']);
    // Administrators are named (for what they write into a record) but are not among the team.
    expect(body.administrators).toEqual([{ id: world.users.admin.id, displayName: 'admin' }]);
  });

  it('refuses the member list to administrators and callers without a token', async () => {
    for (const username of ['admin']) {
      const { token } = await login(world.server, username);
      const res = await getJson(world.server.url + TEAM_API_PATHS.members, token);
      expect(res.status).toBe(403);
      expect(apiErrorSchema.parse(res.body).error).toBe(SERVER_REASONS.forbidden);
    }
    expect((await getJson(world.server.url + TEAM_API_PATHS.members)).status).toBe(401);
  });

  it('moves a young person between PAs of the manager’s team, moves access at once and audits it', async () => {
    const oldPa = await login(world.server, 'pa.n1');
    const socket = openSocket(world.server);
    try {
      const before = await openDoc(socket, 'yp:ypN1', oldPa.token);
      expect(before.status).toBe('synced');
      const res = await reassign('tm.n', { youngPersonId: 'ypN1', paUsername: 'pa.n2' });
      expect(res.status).toBe(200);
      const body = teamAssignResponseSchema.parse(res.body);
      expect(body.assignment).toMatchObject({ youngPersonId: 'ypN1', paUserId: world.users.paN2.id });
      expect(body.previousPaUserId).toBe(world.users.paN1.id);
      expect(before.opened.closeReasons).toContain(SERVER_REASONS.accessRevoked);
    } finally {
      socket.destroy();
    }
    expect(await opensAs('pa.n2', 'yp:ypN1')).toBe('synced');
    const audit = await world.store.queryAudit({ event: 'assignment.set', docName: 'yp:ypN1' });
    expect(audit.some((row) => row.userId === world.users.tmN.id)).toBe(true);
  });

  it('refuses a young person of another team, a PA of another team and non-managers', async () => {
    const otherTeamChild = await reassign('tm.n', { youngPersonId: 'ypS1', paUsername: 'pa.n1' });
    expect(otherTeamChild.status).toBe(403);
    expect(apiErrorSchema.parse(otherTeamChild.body).message).toMatch(/youngPersonId/);
    const otherTeamPa = await reassign('tm.n', { youngPersonId: 'ypN2', paUsername: 'pa.s1' });
    expect(otherTeamPa.status).toBe(400);
    expect(apiErrorSchema.parse(otherTeamPa.body).message).toMatch(/paUsername/);
    const toManager = await reassign('tm.n', { youngPersonId: 'ypN2', paUsername: 'tm.n' });
    expect(toManager.status).toBe(400);
    const unknown = await reassign('tm.n', { youngPersonId: 'no-such-child', paUsername: 'pa.n1' });
    expect(unknown.status).toBe(403);
    const byPa = await reassign('pa.n1', { youngPersonId: 'ypN2', paUsername: 'pa.n1' });
    expect(byPa.status).toBe(403);
    const bad = await reassign('tm.n', { youngPersonId: 'ypN2' });
    expect(bad.status).toBe(400);
    expect(apiErrorSchema.parse(bad.body).message).toMatch(/paUsername/);
    expect((await world.store.getAssignment('ypN2'))?.paUserId).toBe(world.users.paN2.id);
    expect((await world.store.getAssignment('ypS1'))?.paUserId).toBe(world.users.paS1.id);
  });

  describe('who has seen or changed a record', () => {
    const recordAuditAs = async (username: string, query: string) =>
      getJson(
        `${world.server.url}${TEAM_API_PATHS.recordAudit}?${query}`,
        (await login(world.server, username)).token,
      );

    it('shows the team manager who opened the record, by name, and audits the look', async () => {
      expect(await opensAs('pa.s1', 'yp:ypS1')).toBe('synced');
      const res = await recordAuditAs('tm.s', 'record=ypS1');
      expect(res.status).toBe(200);
      const body = auditSearchResponseSchema.parse(res.body);
      const opened = body.rows.find((row) => row.event === 'doc.load');
      expect(opened?.actor).toEqual({ username: 'pa.s1', displayName: 'pa.s1' });
      expect(body.rows.every((row) => row.record === body.rows[0]?.record)).toBe(true);
      // Names and the record's reference only: no user, device or record id leaves the server.
      const text = JSON.stringify(body);
      for (const id of [world.users.paS1.id, world.users.tmS.id, 'ypS1']) expect(text).not.toContain(id);
      const looks = await world.store.queryAudit({ event: 'audit.searched', docName: 'yp:ypS1' });
      expect(looks[0]?.userId).toBe(world.users.tmS.id);
    });

    it('refuses another team’s manager, the record’s own PA, the administrator and nobody', async () => {
      const before = (await world.store.queryAudit({ event: 'audit.searched', docName: 'yp:ypS1' })).length;
      for (const [username, status] of [
        ['tm.n', 403],
        ['pa.s1', 403],
        ['admin', 403],
      ] as const) {
        const res = await recordAuditAs(username, 'record=ypS1');
        expect({ username, status: res.status }).toEqual({ username, status });
        expect(apiErrorSchema.parse(res.body).error).toBe(SERVER_REASONS.forbidden);
      }
      const unknown = await recordAuditAs('tm.s', 'record=no-such-record');
      expect(unknown.status).toBe(403);
      expect((await getJson(`${world.server.url}${TEAM_API_PATHS.recordAudit}?record=ypS1`)).status).toBe(
        401,
      );
      expect((await world.store.queryAudit({ event: 'audit.searched', docName: 'yp:ypS1' })).length).toBe(
        before,
      );
    });

    it.each([
      ['', /^record: /],
      ['record=not%20an%20id', /^record: /],
      ['record=ypS1&before=-3', /^before: /],
      ['record=ypS1&before=soon', /^before: /],
    ])('answers %j with a 400 naming the problem', async (query, message) => {
      const res = await recordAuditAs('tm.s', query);
      expect(res.status).toBe(400);
      expect(apiErrorSchema.parse(res.body).message).toMatch(message);
    });
  });
});
