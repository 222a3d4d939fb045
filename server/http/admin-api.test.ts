/**
 * The administrator's API against a real server over HTTP and websockets: who may call it, accounts,
 * teams, devices and the audit log, each change audited, every bad input a 4xx naming the problem.
 */
import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_API_PATHS,
  adminDevicesResponseSchema,
  adminMoveRecordResponseSchema,
  adminRecordPath,
  adminRecordResponseSchema,
  adminOneTimePasswordSchema,
  adminRevokeResponseSchema,
  adminTeamResponseSchema,
  adminTeamsResponseSchema,
  adminTeamRenamePath,
  adminUserPath,
  adminUserResponseSchema,
  adminUsersResponseSchema,
  auditSearchResponseSchema,
  auditVerifyResponseSchema,
} from '../../shared/admin-api.ts';
import * as Y from 'yjs';
import { API_PATHS, SERVER_REASONS, apiErrorSchema } from '../../shared/protocol.ts';
import { recordReference } from '../../shared/record-reference.ts';
import { emergencyPlacementRecord } from '../../shared/testing/builders.ts';
import { readRecord } from '../../shared/ydoc/read-record.ts';
import { createRecordDoc } from '../../shared/ydoc/write-record.ts';
import { signIn, TestDevice } from '../testing/device-identity.ts';
import { getJson, login, makeWorld, openDoc, openSocket, postJson, type World } from '../testing/fixtures.ts';

describe('administrator API', () => {
  let world: World;
  let adminToken: string;
  beforeAll(async () => {
    world = await makeWorld();
    adminToken = (await login(world.server, 'admin')).token;
  });
  afterAll(async () => {
    await world.close();
  });

  const url = (path: string) => world.server.url + path;
  const get = (path: string, token: string | null = adminToken) => getJson(url(path), token ?? undefined);
  const post = (path: string, body: unknown = {}, token: string | null = adminToken) =>
    postJson(url(path), body, token ?? undefined);
  /** Signs `username` in and opens one of their records over a websocket (synced). */
  const openRecord = async (username: string, docName: string) => {
    const session = await login(world.server, username);
    const socket = openSocket(world.server);
    const open = await openDoc(socket, docName, session.token);
    if (open.status !== 'synced') throw new Error(`${docName} refused to ${username}: ${open.reason}`);
    return { session, socket, open };
  };
  const refusal = (res: { status: number; body: unknown }) => ({
    status: res.status,
    message: apiErrorSchema.parse(res.body).message,
  });

  it('answers only administrators: 401 without a token, 403 to PAs and team managers, nothing changed', async () => {
    const calls: readonly [string, string, unknown][] = [
      ['GET', ADMIN_API_PATHS.users, null],
      ['POST', ADMIN_API_PATHS.users, { username: 'x.y', displayName: 'X', role: 'admin', teamId: null }],
      ['POST', adminUserPath('pa.n2', 'update'), { displayName: 'X', role: 'pa', teamId: world.teams.north }],
      ['POST', adminUserPath('pa.n2', 'disable'), {}],
      ['POST', adminUserPath('pa.n2', 'enable'), {}],
      ['POST', adminUserPath('pa.n2', 'reset-password'), {}],
      ['GET', adminUserPath('pa.n2', 'devices'), null],
      ['GET', ADMIN_API_PATHS.teams, null],
      ['POST', ADMIN_API_PATHS.teams, { name: 'Sneaky' }],
      ['POST', adminTeamRenamePath(world.teams.north), { name: 'Sneaky' }],
      ['POST', `${API_PATHS.adminDeviceRevokePrefix}dev-none-0001/revoke`, {}],
      ['GET', `${ADMIN_API_PATHS.audit}?record=ypN1`, null],
      ['GET', adminRecordPath(recordReference('ypN1')), null],
      ['POST', adminRecordPath(recordReference('ypN1'), 'move'), { paUsername: 'pa.s1' }],
      ['POST', ADMIN_API_PATHS.auditVerify, {}],
    ];
    const pa = (await login(world.server, 'pa.n1')).token;
    const tm = (await login(world.server, 'tm.n')).token;
    for (const [method, path, body] of calls) {
      for (const [who, token, status] of [
        ['nobody', null, 401],
        ['pa', pa, 403],
        ['team manager', tm, 403],
      ] as const) {
        const res = method === 'GET' ? await get(path, token) : await post(path, body, token);
        expect({ call: `${method} ${path}`, who, status: res.status }).toEqual({
          call: `${method} ${path}`,
          who,
          status,
        });
        if (status === 403) expect(apiErrorSchema.parse(res.body).error).toBe(SERVER_REASONS.forbidden);
      }
    }
    expect(await world.store.getUserByUsername('x.y')).toBeNull();
    expect(await world.store.getTeamByName('Sneaky')).toBeNull();
    expect((await world.store.getUserByUsername('pa.n2'))?.disabled).toBe(false);
    expect((await world.store.getAssignment('ypN1'))?.paUserId).toBe(world.users.paN1.id);
  });

  it('adds a person with a one-time password that signs in, shown once, and audits it', async () => {
    const res = await post(ADMIN_API_PATHS.users, {
      username: 'Jo.New',
      displayName: ' Jo Newton ',
      role: 'pa',
      teamId: world.teams.north,
    });
    expect(res.status).toBe(200);
    const { user, oneTimePassword } = adminOneTimePasswordSchema.parse(res.body);
    expect(user).toMatchObject({ username: 'jo.new', displayName: 'Jo Newton', role: 'pa', disabled: false });
    const signedIn = await signIn(world.server.url, 'jo.new', oneTimePassword, await TestDevice.create());
    expect(signedIn.user.displayName).toBe('Jo Newton');
    const list = adminUsersResponseSchema.parse((await get(ADMIN_API_PATHS.users)).body);
    expect(list.users.find((u) => u.username === 'jo.new')).toMatchObject({ teamId: world.teams.north });
    expect(JSON.stringify(list)).not.toMatch(/scrypt|passwordHash|oneTimePassword/);
    const audit = await world.store.queryAudit({ event: 'user.created', userId: world.users.admin.id });
    expect(audit[0]?.detail).toBe(`user=${user.id} role=pa`);
  });

  it.each([
    [{ username: 'pa.n1', displayName: 'Dup', role: 'pa', teamId: null }, /a pa needs a team|already exists/],
    [{ username: 'pa.n1', displayName: 'Dup', role: 'admin', teamId: null }, /user "pa.n1" already exists/],
    [{ username: 'x', displayName: 'X', role: 'admin', teamId: null }, /username must be 2–64 characters/],
    [
      { username: 'new.tm', displayName: 'T', role: 'team_manager', teamId: null },
      /team_manager needs a team/,
    ],
    [{ username: 'new.pa', displayName: 'P', role: 'pa', teamId: 'no-such-team' }, /team: no such team/],
    [
      { username: 'new.pa', displayName: '  ', role: 'pa', teamId: null },
      /displayName: enter the person’s full name/,
    ],
    [{ username: 'new.pa', displayName: 'P', role: 'boss', teamId: null }, /^role: /],
    [{ displayName: 'P', role: 'pa', teamId: null }, /^username: /],
  ])('refuses to add %j with a specific 400', async (body, message) => {
    const res = refusal(await post(ADMIN_API_PATHS.users, body));
    expect(res.status).toBe(400);
    expect(res.message).toMatch(message);
    expect(await world.store.getUserByUsername('new.pa')).toBeNull();
  });

  it('changes a name, role and team; refuses what would strand a caseload or lock the administrator out', async () => {
    const tmS = await login(world.server, 'tm.s');
    const renamed = await post(adminUserPath('tm.s', 'update'), {
      displayName: 'Sasha South',
      role: 'team_manager',
      teamId: world.teams.south,
    });
    expect(adminUserResponseSchema.parse(renamed.body).user.displayName).toBe('Sasha South');
    // a name change alone keeps their session
    expect((await get(API_PATHS.myDocuments, tmS.token)).status).toBe(200);
    const moved = await post(adminUserPath('tm.s', 'update'), {
      displayName: 'Sasha South',
      role: 'team_manager',
      teamId: world.teams.north,
    });
    expect(moved.status).toBe(200);
    // a change of team ends their sessions, so their laptop signs in again with the new team
    expect((await get(API_PATHS.myDocuments, tmS.token)).status).toBe(401);
    const rows = await world.store.queryAudit({ event: 'user.updated', userId: world.users.admin.id });
    expect(rows.map((r) => r.detail)).toEqual([
      `user=${world.users.tmS.id} role=team_manager team=${world.teams.north} name-changed=false`,
      `user=${world.users.tmS.id} role=team_manager team=${world.teams.south} name-changed=true`,
    ]);

    const caseload = refusal(
      await post(adminUserPath('pa.n1', 'update'), {
        displayName: 'pa.n1',
        role: 'pa',
        teamId: world.teams.south,
      }),
    );
    expect(caseload).toEqual({
      status: 400,
      message:
        'pa.n1 has 1 young person allocated: their team manager must reassign them before the role or team changes',
    });
    for (const [username, body, message] of [
      [
        'admin',
        { displayName: 'A', role: 'pa', teamId: world.teams.north },
        'you cannot change your own role',
      ],
      [
        'pa.n2',
        { displayName: 'B', role: 'admin', teamId: world.teams.north },
        'an administrator has no team',
      ],
    ] as const)
      expect(refusal(await post(adminUserPath(username, 'update'), body))).toEqual({ status: 400, message });
    expect(
      refusal(
        await post(adminUserPath('nobody.here', 'update'), { displayName: 'N', role: 'admin', teamId: null }),
      ).message,
    ).toBe('user "nobody.here" does not exist');
    expect(refusal(await post(`${ADMIN_API_PATHS.users}/%E0%A4%A/disable`)).message).toBe(
      'the username in the address is not valid',
    );
    expect((await world.store.getUserByUsername('pa.n1'))?.teamId).toBe(world.teams.north);
  });

  it('disables (ending sessions and closing sockets) and enables an account; never the caller’s own', async () => {
    const { socket, open } = await openRecord('pa.n2', 'yp:ypN2');
    try {
      const res = await post(adminUserPath('pa.n2', 'disable'));
      expect(adminUserResponseSchema.parse(res.body).user.disabled).toBe(true);
      await expect.poll(() => open.opened.closeReasons.length).toBeGreaterThan(0);
    } finally {
      socket.destroy();
    }
    await expect(login(world.server, 'pa.n2')).rejects.toThrow(/401/);
    expect(refusal(await post(adminUserPath('pa.n2', 'disable'))).message).toBe(
      'user "pa.n2" is already disabled',
    );
    expect(refusal(await post(adminUserPath('admin', 'disable'))).message).toBe(
      'you cannot disable your own account',
    );
    expect((await post(adminUserPath('pa.n2', 'enable'))).status).toBe(200);
    expect(refusal(await post(adminUserPath('pa.n2', 'enable'))).message).toBe(
      'user "pa.n2" is not disabled',
    );
    expect((await login(world.server, 'pa.n2')).user.id).toBe(world.users.paN2.id);
    const events = (await world.store.queryAudit({ userId: world.users.admin.id })).map((r) => r.event);
    expect(events).toEqual(expect.arrayContaining(['user.disabled', 'user.enabled']));
  });

  it('resets a password to a one-time password: the old one and its sessions stop working', async () => {
    const before = await login(world.server, 'tm.n');
    const res = await post(adminUserPath('tm.n', 'reset-password'));
    const { oneTimePassword } = adminOneTimePasswordSchema.parse(res.body);
    expect((await get(API_PATHS.myDocuments, before.token)).status).toBe(401);
    await expect(login(world.server, 'tm.n')).rejects.toThrow(/401/);
    const after = await signIn(world.server.url, 'tm.n', oneTimePassword, await TestDevice.create());
    expect(after.user.id).toBe(world.users.tmN.id);
    const rows = await world.store.queryAudit({ event: 'user.password-set', userId: world.users.admin.id });
    expect(rows[0]?.detail).toBe(`user=${world.users.tmN.id}`);
  });

  it('lists, adds and renames teams; a name must be new and not blank', async () => {
    const added = adminTeamResponseSchema.parse((await post(ADMIN_API_PATHS.teams, { name: 'East' })).body);
    expect(added.team).toMatchObject({ name: 'East', members: 0 });
    const renamed = await post(adminTeamRenamePath(added.team.id), { name: 'East Coast' });
    expect(adminTeamResponseSchema.parse(renamed.body).team.name).toBe('East Coast');
    expect(refusal(await post(adminTeamRenamePath(added.team.id), { name: 'North' })).message).toBe(
      'team "North" already exists',
    );
    expect(refusal(await post(ADMIN_API_PATHS.teams, { name: '  ' })).message).toBe(
      'name: enter a team name',
    );
    expect(refusal(await post(adminTeamRenamePath('no-such-team'), { name: 'X' })).message).toBe(
      'team: no such team',
    );
    const teams = adminTeamsResponseSchema.parse((await get(ADMIN_API_PATHS.teams)).body).teams;
    expect(teams.map((t) => t.name)).toEqual(['East Coast', 'North', 'South']);
    expect(teams.find((t) => t.name === 'South')?.members).toBe(1);
    const events = (await world.store.queryAudit({ userId: world.users.admin.id })).map((r) => r.event);
    expect(events).toEqual(expect.arrayContaining(['team.created', 'team.renamed']));
  });

  it('lists a person’s devices and revokes one: its socket closes and its owner needs a new password', async () => {
    const { session: pa, socket, open } = await openRecord('pa.s1', 'yp:ypS1');
    const devices = adminDevicesResponseSchema.parse((await get(adminUserPath('pa.s1', 'devices'))).body);
    expect(devices.devices.map((d) => d.id)).toContain(pa.deviceId);
    try {
      const res = await post(`${API_PATHS.adminDeviceRevokePrefix}${pa.deviceId}/revoke`);
      expect(adminRevokeResponseSchema.parse(res.body)).toEqual({
        revoked: pa.deviceId,
        owner: { username: 'pa.s1', displayName: 'pa.s1' },
      });
      expect(open.opened.closeReasons).toContain(SERVER_REASONS.deviceRevoked);
    } finally {
      socket.destroy();
    }
    const users = adminUsersResponseSchema.parse((await get(ADMIN_API_PATHS.users)).body).users;
    expect(users.find((u) => u.username === 'pa.s1')?.passwordResetRequired).toBe(true);
    const after = adminDevicesResponseSchema.parse((await get(adminUserPath('pa.s1', 'devices'))).body);
    expect(after.devices.find((d) => d.id === pa.deviceId)?.revokedAt).not.toBeNull();
    expect(refusal(await post(`${API_PATHS.adminDeviceRevokePrefix}dev-none-0001/revoke`)).message).toBe(
      'device "dev-none-0001" does not exist',
    );
    expect(refusal(await get(adminUserPath('nobody.here', 'devices'))).message).toBe(
      'user "nobody.here" does not exist',
    );
  });

  it('searches the audit log by record, by person and by date: who, what and when, never contents', async () => {
    // By the record's reference, as the team manager reads it out (typed any old way); never its id.
    const reference = recordReference('ypS1');
    const typed = encodeURIComponent(` ${reference.replace(/-/g, ' ').toLowerCase()} `);
    const byRecord = auditSearchResponseSchema.parse(
      (await get(`${ADMIN_API_PATHS.audit}?record=${typed}`)).body,
    );
    expect(byRecord.rows.length).toBeGreaterThan(0);
    expect(byRecord.rows.every((r) => r.record === reference)).toBe(true);
    expect(JSON.stringify(byRecord)).not.toContain('ypS1');
    const load = byRecord.rows.find((r) => r.event === 'doc.load');
    expect(load).toMatchObject({ actor: { username: 'pa.s1', displayName: 'pa.s1' }, via: 'app' });
    expect(JSON.stringify(byRecord)).not.toMatch(/seed-S1|updates=|bytes=|user=/);

    const byUser = auditSearchResponseSchema.parse((await get(`${ADMIN_API_PATHS.audit}?user=admin`)).body);
    expect(byUser.rows.every((r) => r.actor?.username === 'admin')).toBe(true);
    const created = byUser.rows.find((r) => r.event === 'user.created');
    expect(created?.about).toEqual({ username: 'jo.new', displayName: 'Jo Newton' });
    const revoked = byUser.rows.find((r) => r.event === 'device.revoked');
    expect(revoked?.about).toEqual({ username: 'pa.s1', displayName: 'pa.s1' });

    const today = new Date().toISOString().slice(0, 10);
    const inRange = auditSearchResponseSchema.parse(
      (await get(`${ADMIN_API_PATHS.audit}?from=${today}&to=${today}`)).body,
    );
    expect(inRange.rows.length).toBeGreaterThan(0);
    const past = auditSearchResponseSchema.parse(
      (await get(`${ADMIN_API_PATHS.audit}?from=2020-01-01&to=2020-12-31`)).body,
    );
    expect(past).toEqual({ rows: [], nextBefore: null });

    // the searches themselves are audited, with what was looked for
    const searches = await world.store.queryAudit({ event: 'audit.searched', docName: 'yp:ypS1' });
    expect(searches[0]?.userId).toBe(world.users.admin.id);

    for (const [query, message] of [
      ['record=not%20valid', /^record: a record reference is 9 letters and digits/],
      ['record=ypS1', /^record: a record reference is 9 letters and digits/],
      ['record=BBB-BBB-BBB', /^record: no record has the reference BBB-BBB-BBB/],
      ['user=nobody.here', /^user: no account with the username "nobody.here"$/],
      ['from=2026-02-30', /^from: enter a real date as YYYY-MM-DD$/],
      ['to=tomorrow', /^to: enter a real date/],
      ['from=2026-03-02&to=2026-03-01', /^to: the end date must be on or after the start date$/],
      ['before=-4', /^before: /],
    ] as const) {
      const res = refusal(await get(`${ADMIN_API_PATHS.audit}?${query}`));
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      expect(res.message).toMatch(message);
    }
  });

  it('pages a long search with nextBefore', async () => {
    await world.store.setAssignment('ypPage', world.users.paN2.id, world.teams.north);
    for (let i = 0; i < 120; i++)
      await world.store.appendAudit({ event: 'doc.load', userId: world.users.paN1.id, docName: 'yp:ypPage' });
    const page = `${ADMIN_API_PATHS.audit}?record=${recordReference('ypPage')}`;
    const first = auditSearchResponseSchema.parse((await get(page)).body);
    expect(first.rows.length).toBe(100);
    const second = auditSearchResponseSchema.parse((await get(`${page}&before=${first.nextBefore}`)).body);
    expect(second.rows.length).toBe(20);
    expect(second.nextBefore).toBeNull();
  });

  it('finds a record by its reference and moves it to another team’s PA: access, record and audit follow', async () => {
    const doc = createRecordDoc(
      emergencyPlacementRecord({
        id: 'ypMove',
        allocatedPaId: world.users.paN1.id,
        teamId: world.teams.north,
      }),
      { writer: world.users.paN1.id, today: '2026-07-05' },
      new Y.Doc({ gc: false }),
    );
    await world.store.setAssignment('ypMove', world.users.paN1.id, world.teams.north);
    await world.store.appendUpdate('yp:ypMove', Y.encodeStateAsUpdate(doc));
    const reference = recordReference('ypMove');
    const added = adminOneTimePasswordSchema.parse(
      (
        await post(ADMIN_API_PATHS.users, {
          username: 'pa.s2',
          displayName: 'Sol South',
          role: 'pa',
          teamId: world.teams.south,
        })
      ).body,
    );

    const place = adminRecordResponseSchema.parse((await get(adminRecordPath(reference))).body);
    expect(place.record).toEqual({
      reference,
      team: { id: world.teams.north, name: 'North' },
      pa: { username: 'pa.n1', displayName: 'pa.n1' },
    });
    // Where the record sits, never what it says.
    expect(JSON.stringify(place)).not.toMatch(/ypMove|Zevqua|Graxubo|Emergency/);

    const oldPa = await openRecord('pa.n1', 'yp:ypMove');
    try {
      const res = await post(adminRecordPath(reference, 'move'), { paUsername: 'PA.S2 ' });
      expect(res.status).toBe(200);
      expect(adminMoveRecordResponseSchema.parse(res.body)).toEqual({
        from: place.record,
        to: {
          reference,
          team: { id: world.teams.south, name: 'South' },
          pa: { username: 'pa.s2', displayName: 'Sol South' },
        },
      });
      expect(oldPa.open.opened.closeReasons).toContain(SERVER_REASONS.accessRevoked);
    } finally {
      oldPa.socket.destroy();
    }
    expect(await world.store.getAssignment('ypMove')).toMatchObject({
      paUserId: added.user.id,
      teamId: world.teams.south,
    });
    // The record itself now names its new PA and team, so the receiving team's laptops show them.
    const stored = new Y.Doc();
    Y.applyUpdate(stored, (await world.store.loadDoc('yp:ypMove')) ?? new Uint8Array());
    expect(readRecord(stored).profile).toMatchObject({
      allocatedPaId: added.user.id,
      teamId: world.teams.south,
    });
    const newPa = await signIn(world.server.url, 'pa.s2', added.oneTimePassword, await TestDevice.create());
    const socket = openSocket(world.server);
    try {
      expect((await openDoc(socket, 'yp:ypMove', newPa.token)).status).toBe('synced');
    } finally {
      socket.destroy();
    }
    const [audit] = await world.store.queryAudit({ event: 'assignment.set', docName: 'yp:ypMove' });
    expect(audit).toMatchObject({ userId: world.users.admin.id });
    expect(audit?.detail).toBe(`pa=${added.user.id} previous=${world.users.paN1.id}`);
  });

  it.each([
    ['a team manager', 'BBB-BBB-BBB', { paUsername: 'tm.s' }, /^record: no record has the reference/],
    ['nobody', 'ypN2', { paUsername: 'pa.s1' }, /^record: a record reference is/],
    ['a team manager', null, { paUsername: 'tm.s' }, /^paUsername: choose an active personal adviser/],
    ['the same PA', null, { paUsername: 'pa.n2' }, /^paUsername: pa.n2 already supports this young person$/],
    ['no one', null, {}, /^paUsername: /],
    ['an unknown person', null, { paUsername: 'no.body' }, /^paUsername: choose an active personal adviser/],
  ])(
    'refuses a move to %s (%s) with a 400 naming the problem, changing nothing',
    async (_, ref, body, message) => {
      const res = refusal(await post(adminRecordPath(ref ?? recordReference('ypN2'), 'move'), body));
      expect(res.status).toBe(400);
      expect(res.message).toMatch(message);
      expect(await world.store.getAssignment('ypN2')).toMatchObject({
        paUserId: world.users.paN2.id,
        teamId: world.teams.north,
      });
    },
  );

  it('verifies the audit chain, and names the first row changed behind the database’s back', async () => {
    const ok = auditVerifyResponseSchema.parse((await post(ADMIN_API_PATHS.auditVerify)).body);
    expect(ok).toMatchObject({ intact: true, broken: null });
    expect(ok.rows).toBeGreaterThan(10);
    const seq = (await world.store.auditPage(0, 5))[3]?.seq ?? -1;
    const db = new DatabaseSync(join(world.dir, 'waymark.sqlite'));
    db.exec(`DROP TRIGGER audit_no_update; UPDATE audit SET detail = 'someone else' WHERE seq = ${seq}`);
    db.close();
    const broken = auditVerifyResponseSchema.parse((await post(ADMIN_API_PATHS.auditVerify)).body);
    expect(broken).toMatchObject({ intact: false, broken: { seq } });
    const rows = await world.store.queryAudit({ event: 'audit.verified', userId: world.users.admin.id });
    expect(rows.map((r) => r.detail)).toEqual([
      `broken-at=${seq}`,
      expect.stringMatching(/^intact rows=\d+$/),
    ]);
  });
});
