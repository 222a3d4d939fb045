/**
 * Access that changes while documents are open: reassignment, device revocation (with the wipe
 * reason), disabled accounts, token expiry; and the offline-created record assigned at first sync.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { API_PATHS, CLOSE_CODES, SERVER_REASONS, clientActionFor } from '../../shared/protocol.ts';
import { cliActor, setPassword } from '../admin-ops.ts';
import { TestDevice, deviceFor, refreshWith, signIn } from '../testing/device-identity.ts';
import {
  acknowledged,
  login,
  makeWorld,
  openDoc,
  openSocket,
  postJson,
  textOf,
  waitFor,
  type World,
} from '../testing/fixtures.ts';

describe('access changes while documents are open', () => {
  let world: World;
  const sockets: HocuspocusProviderWebsocket[] = [];

  beforeEach(async () => {
    world = await makeWorld();
  });

  afterEach(async () => {
    for (const s of sockets.splice(0)) s.destroy();
    await world.close();
  });

  it('reassignment moves access at once: the old PA is closed with access-revoked, the new PA gets in', async () => {
    const admin = await login(world.server, 'admin');
    const oldPa = await login(world.server, 'pa.n1');
    const newPa = await login(world.server, 'pa.n2');
    const oldSocket = openSocket(world.server);
    sockets.push(oldSocket);
    const before = await openDoc(oldSocket, 'yp:ypN1', oldPa.token);
    expect(before.status).toBe('synced');

    const refusedFirst = await openDoc(openSocketTracked(), 'yp:ypN1', newPa.token);
    expect(refusedFirst.status).toBe('denied');

    const res = await postJson(
      world.server.url + API_PATHS.adminAssignments,
      { youngPersonId: 'ypN1', paUsername: 'pa.n2' },
      admin.token,
    );
    expect(res.status).toBe(200);
    // closed by the time the API answered
    expect(before.opened.closeReasons).toContain(SERVER_REASONS.accessRevoked);
    expect(clientActionFor(SERVER_REASONS.accessRevoked)).toBe('close-document');

    // an edit by the old PA after the reassignment never lands
    before.opened.doc.getText('t').insert(0, 'late-edit');
    await new Promise((r) => setTimeout(r, 150));
    expect(textOf(await world.store.loadDoc('yp:ypN1'))).not.toContain('late-edit');

    const after = await openDoc(openSocketTracked(), 'yp:ypN1', newPa.token);
    expect(after.status).toBe('synced');
    // the old PA may open it again only as its former PA, for the handover grace period
    // (handover-grace.test.ts); a PA who never held it is refused
    const reopened = await openDoc(openSocketTracked(), 'yp:ypN1', oldPa.token);
    expect(reopened.status).toBe('synced');
    const stranger = await openDoc(
      openSocketTracked(),
      'yp:ypN1',
      (await login(world.server, 'pa.s1')).token,
    );
    expect(stranger.status === 'denied' && stranger.reason).toBe(SERVER_REASONS.forbidden);

    const closed = await world.store.queryAudit({ event: 'access.closed', userId: world.users.paN1.id });
    expect(closed[0]?.detail).toBe(SERVER_REASONS.accessRevoked);
    expect((await world.store.queryAudit({ event: 'assignment.set' }))[0]?.userId).toBe(world.users.admin.id);
  });

  it('a non-admin cannot reassign', async () => {
    const tm = await login(world.server, 'tm.n');
    const res = await postJson(
      world.server.url + API_PATHS.adminAssignments,
      { youngPersonId: 'ypN1', paUsername: 'pa.n2' },
      tm.token,
    );
    expect(res.status).toBe(403);
    expect((await world.store.getAssignment('ypN1'))?.paUserId).toBe(world.users.paN1.id);
  });

  it('device revocation closes the socket with the wipe reason and refuses login and sync afterwards', async () => {
    const admin = await login(world.server, 'admin');
    const pa = await login(world.server, 'pa.n1');
    const socket = openSocket(world.server);
    sockets.push(socket);
    const socketCloses: { code: number; reason: string }[] = [];
    socket.on('close', ({ event }: { event: { code: number; reason: string } }) => socketCloses.push(event));
    const open = await openDoc(socket, 'yp:ypN1', pa.token);
    expect(open.status).toBe('synced');

    const res = await postJson(
      `${world.server.url}${API_PATHS.adminDeviceRevokePrefix}${pa.deviceId}/revoke`,
      {},
      admin.token,
    );
    expect(res.status).toBe(200);
    expect(open.opened.closeReasons).toContain(SERVER_REASONS.deviceRevoked);
    await waitFor(
      () =>
        socketCloses.some(
          (e) => e.code === CLOSE_CODES.forbidden && e.reason === SERVER_REASONS.deviceRevoked,
        ),
      'socket close 4403 device-revoked',
    );
    expect(clientActionFor(SERVER_REASONS.deviceRevoked)).toBe('wipe-local-data');

    // the still-unexpired token is refused on a new socket, with the wipe reason
    const again = await openDoc(openSocketTracked(), 'yp:ypN1', pa.token);
    expect(again.status === 'denied' && again.reason).toBe(SERVER_REASONS.deviceRevoked);
    // login from that device is refused with the wipe reason
    const device = await deviceFor(pa.deviceId);
    const relogin = await postJson(world.server.url + API_PATHS.login, {
      username: 'pa.n1',
      password: 'correct horse battery',
      deviceId: pa.deviceId,
      proof: await device.proof(world.server.url, 'sign-in'),
    });
    expect(relogin.status).toBe(403);
    expect(relogin.body).toMatchObject({ error: SERVER_REASONS.deviceRevoked });
    // refresh is refused too
    const refresh = await refreshWith(world.server.url, pa.refreshToken, device);
    expect(refresh).toMatchObject({ status: 403, body: { error: SERVER_REASONS.deviceRevoked } });
    // the same user on another device must first be given a new password (the old one may be known)
    await expect(login(world.server, 'pa.n1')).rejects.toThrow(/401/);
    await setPassword(world.store, 'pa.n1', 'a new password after revocation', cliActor('tester'));
    const other = await signIn(
      world.server.url,
      'pa.n1',
      'a new password after revocation',
      await TestDevice.create(),
    );
    expect((await openDoc(openSocketTracked(), 'yp:ypN1', other.token)).status).toBe('synced');
  });

  it('a revocation made by another process (the admin CLI) is enforced by the periodic re-check', async () => {
    await world.close();
    world = await makeWorld({ accessRecheckMs: 100 });
    const pa = await login(world.server, 'pa.n1');
    const open = await openDoc(openSocketTracked(), 'yp:ypN1', pa.token);
    expect(open.status).toBe('synced');
    await world.store.revokeDevice(pa.deviceId); // straight into the database, as the CLI does
    await waitFor(
      () => open.opened.closeReasons.includes(SERVER_REASONS.deviceRevoked),
      'revocation via re-check',
    );
  });

  it('disabling an account closes its open documents with account-disabled', async () => {
    const pa = await login(world.server, 'pa.n1');
    const open = await openDoc(openSocketTracked(), 'yp:ypN1', pa.token);
    expect(open.status).toBe('synced');
    await world.store.setUserDisabled(world.users.paN1.id, true);
    await world.server.recheckAccess();
    await waitFor(
      () => open.opened.closeReasons.includes(SERVER_REASONS.accountDisabled),
      'account-disabled close',
    );
  });

  it('an expired token is refused with token-expired, and open documents are closed with it', async () => {
    await world.close();
    world = await makeWorld({ tokenTtlSeconds: 1 });
    const pa = await login(world.server, 'pa.n1');
    const open = await openDoc(openSocketTracked(), 'yp:ypN1', pa.token);
    expect(open.status).toBe('synced');
    await new Promise((r) => setTimeout(r, 2100));
    await world.server.recheckAccess();
    await waitFor(
      () => open.opened.closeReasons.includes(SERVER_REASONS.tokenExpired),
      'token-expired close',
    );
    const again = await openDoc(openSocketTracked(), 'yp:ypN1', pa.token);
    expect(again.status === 'denied' && again.reason).toBe(SERVER_REASONS.tokenExpired);
    expect(clientActionFor(SERVER_REASONS.tokenExpired)).toBe('reauthenticate');
  });

  it('a record created offline by a PA is assigned to that PA at first sync, visible to their team manager only', async () => {
    const pa = await login(world.server, 'pa.n1');
    const socket = openSocketTracked();
    const created = await openDoc(socket, 'yp:offline-created-1', pa.token);
    expect(created.status).toBe('synced');
    created.opened.doc.getText('t').insert(0, 'new record');
    await acknowledged(created.opened);
    const assignment = await world.store.getAssignment('offline-created-1');
    expect(assignment).toMatchObject({ paUserId: world.users.paN1.id, teamId: world.teams.north });
    expect((await world.store.queryAudit({ event: 'assignment.auto' }))[0]?.docName).toBe(
      'yp:offline-created-1',
    );

    const tm = await login(world.server, 'tm.n');
    const tmOpen = await openDoc(openSocketTracked(), 'yp:offline-created-1', tm.token);
    expect(tmOpen.status).toBe('synced');
    expect(tmOpen.opened.doc.getText('t').toString()).toBe('new record');
    for (const who of ['pa.n2', 'tm.s', 'admin']) {
      const s = await login(world.server, who);
      const r = await openDoc(openSocketTracked(), 'yp:offline-created-1', s.token);
      expect(r.status, who).toBe('denied');
    }
  });

  it('a team manager or admin opening an unknown record does not claim it', async () => {
    for (const who of ['tm.n', 'admin']) {
      const s = await login(world.server, who);
      const r = await openDoc(openSocketTracked(), `yp:unknown-${who.replace('.', '')}`, s.token);
      expect(r.status, who).toBe('denied');
    }
    expect(await world.store.getAssignment('unknown-tmn')).toBeNull();
    expect(await world.store.getAssignment('unknown-admin')).toBeNull();
    expect(await world.store.hasDoc('yp:unknown-admin')).toBe(false);
  });

  function openSocketTracked(): HocuspocusProviderWebsocket {
    const socket = openSocket(world.server);
    sockets.push(socket);
    return socket;
  }
});
