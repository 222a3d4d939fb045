/**
 * Team settings over the HTTP API against a real server process (issue 14): the team's PAs and manager
 * read them, the manager and the administrator change them, bad input is a 400 naming the field with
 * nothing written, and every change is audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings.ts';
import { SERVER_REASONS, apiErrorSchema } from '../../shared/protocol.ts';
import { TEAM_SETTINGS_PATH, teamSettingsResponseSchema } from '../../shared/team-settings-api.ts';
import { getJson, login, makeWorld, postJson, type World } from '../testing/fixtures.ts';

describe('team settings API', () => {
  let world: World;
  const tokens = new Map<string, string>();
  const tokenOf = async (username: string): Promise<string> => {
    const known = tokens.get(username);
    if (known) return known;
    const { token } = await login(world.server, username);
    tokens.set(username, token);
    return token;
  };
  const url = (teamId?: string) =>
    world.server.url + TEAM_SETTINGS_PATH + (teamId ? `?teamId=${encodeURIComponent(teamId)}` : '');
  const read = async (username: string, teamId?: string) => getJson(url(teamId), await tokenOf(username));
  const change = async (username: string, body: unknown, teamId?: string) =>
    postJson(url(teamId), body, await tokenOf(username));
  const refusal = (res: { status: number; body: unknown }) => apiErrorSchema.parse(res.body);

  beforeAll(async () => {
    world = await makeWorld();
  });
  afterAll(async () => {
    await world.close();
  });

  it('gives the team’s PAs the defaults until a manager changes them', async () => {
    const res = await read('pa.n1');
    expect(res.status).toBe(200);
    expect(teamSettingsResponseSchema.parse(res.body)).toEqual({
      teamId: world.teams.north,
      settings: DEFAULT_SETTINGS,
      updatedAt: null,
    });
  });

  it('lets a team manager change one setting, keeps the others, serves it to the team’s PA and audits it', async () => {
    const res = await change('tm.n', { contactThresholdWeeks: 6 });
    expect(res.status).toBe(200);
    const answer = teamSettingsResponseSchema.parse(res.body);
    expect(answer.settings).toEqual({ ...DEFAULT_SETTINGS, contactThresholdWeeks: 6 });
    expect(answer.updatedAt).not.toBeNull();
    const seenByPa = teamSettingsResponseSchema.parse((await read('pa.n2')).body);
    expect(seenByPa.settings.contactThresholdWeeks).toBe(6);
    // The other team is untouched.
    expect(teamSettingsResponseSchema.parse((await read('pa.s1')).body).settings).toEqual(DEFAULT_SETTINGS);
    const audit = await world.store.queryAudit({ event: 'team.settings-changed' });
    expect(audit[0]).toMatchObject({
      userId: world.users.tmN.id,
      detail: `team=${world.teams.north} changed=contactThresholdWeeks`,
    });
  });

  it('refuses bad input with a 400 naming the field, and writes nothing', async () => {
    const before = teamSettingsResponseSchema.parse((await read('tm.n')).body);
    const auditBefore = (await world.store.queryAudit({ event: 'team.settings-changed' })).length;
    const cases: [unknown, RegExp][] = [
      [{ contactThresholdWeeks: 0 }, /^contactThresholdWeeks: must be a whole number of weeks from 1 to 52$/],
      [{ contactThresholdWeeks: 2.5 }, /^contactThresholdWeeks: must be a whole number of weeks/],
      [{ caseloadTarget: '20' }, /^caseloadTarget: must be a whole number of young people from 1 to 200$/],
      [{ caseloadTarget: 20, colour: 'red' }, /^colour: not a team setting$/],
      [{}, /^body: name at least one setting/],
      [[1, 2], /^body: must be an object/],
      [
        { entitlementChecklist: [{ key: 'bus pass', label: 'Bus pass', amountPence: null }] },
        /^entitlementChecklist\[0\]\.key: must be an id/,
      ],
      [
        { entitlementChecklist: [{ key: 'sha', label: 'Setting Up Home Allowance', amountPence: -1 }] },
        /^entitlementChecklist\[0\]\.amountPence: must be a whole number of pence/,
      ],
    ];
    for (const [body, message] of cases) {
      const res = await change('tm.n', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(refusal(res)).toMatchObject({
        error: SERVER_REASONS.badRequest,
        message: expect.stringMatching(message),
      });
    }
    const notJson = await fetch(url(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenOf('tm.n')}` },
      body: '{"caseloadTarget": 1',
    });
    expect(notJson.status).toBe(400);
    expect(teamSettingsResponseSchema.parse((await read('tm.n')).body)).toEqual(before);
    expect((await world.store.queryAudit({ event: 'team.settings-changed' })).length).toBe(auditBefore);
  });

  it('refuses a PA changing settings, a manager changing another team’s, and callers without a token', async () => {
    const byPa = await change('pa.n1', { contactThresholdWeeks: 12 });
    expect(byPa.status).toBe(403);
    expect(refusal(byPa).error).toBe(SERVER_REASONS.forbidden);
    const otherTeam = await change('tm.s', { caseloadTarget: 10 }, world.teams.north);
    expect(otherTeam.status).toBe(403);
    expect((await read('pa.s1', world.teams.north)).status).toBe(403);
    expect((await getJson(url())).status).toBe(401);
    expect((await postJson(url(), { caseloadTarget: 10 })).status).toBe(401);
    const north = teamSettingsResponseSchema.parse((await read('tm.n')).body).settings;
    expect(north.contactThresholdWeeks).toBe(6);
    expect(north.caseloadTarget).toBe(DEFAULT_SETTINGS.caseloadTarget);
  });

  it('lets the administrator read and change any team’s settings by naming it', async () => {
    expect(refusal(await read('admin')).message).toBe('teamId: name the team');
    expect((await read('admin', 'no-such-team')).status).toBe(404);
    const offer = [{ key: 'gym-pass', label: 'Gym membership', amountPence: 15_000 }];
    const res = await change('admin', { caseloadTarget: 18, entitlementChecklist: offer }, world.teams.south);
    expect(res.status).toBe(200);
    const south = teamSettingsResponseSchema.parse((await read('tm.s')).body).settings;
    expect(south).toEqual({ ...DEFAULT_SETTINGS, caseloadTarget: 18, entitlementChecklist: offer });
    const audit = await world.store.queryAudit({
      event: 'team.settings-changed',
      userId: world.users.admin.id,
    });
    expect(audit[0]?.detail).toBe(`team=${world.teams.south} changed=caseloadTarget,entitlementChecklist`);
  });
});
