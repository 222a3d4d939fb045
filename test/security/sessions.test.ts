/**
 * Finding 5 (sessions never ended) replayed against a real server process: sign-out ends the session,
 * a password reset ends every session and closes open sockets, a refresh after the absolute lifetime is
 * refused, and a reused refresh token ends the whole session (audited).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_PATHS, SERVER_REASONS, loginResponseSchema } from '../../shared/protocol.ts';
import { cliActor, setPassword } from '../../server/admin-ops.ts';
import { TestDevice, refreshWith, signIn } from '../../server/testing/device-identity.ts';
import { getJson, openDoc, postJson, waitFor } from '../../server/testing/fixtures.ts';
import { PASSWORD, startAuthWorld, type AuthWorld } from './support/auth-world.ts';

describe('sessions end (finding 5)', () => {
  let world: AuthWorld;

  beforeAll(async () => {
    world = await startAuthWorld();
  }, 90_000);
  afterAll(async () => {
    await world.close();
  }, 30_000);

  const documents = (token: string) => getJson(world.server.url + API_PATHS.myDocuments, token);

  it('sign-out ends the session: its access token, its refresh token and new sockets are refused', async () => {
    const device = await TestDevice.create();
    const s = await signIn(world.server.url, 'pa.alex', PASSWORD, device);
    expect((await documents(s.token)).status).toBe(200);
    const before = await openDoc(world.socket(), 'yp:ypAlex1', s.token);
    expect(before.status).toBe('synced');

    expect((await postJson(world.server.url + API_PATHS.logout, {}, s.token)).status).toBe(200);

    await waitFor(
      () => before.opened.closeReasons.includes(SERVER_REASONS.sessionEnded),
      'the open socket to close with session-ended',
      15_000,
    );

    expect(await documents(s.token)).toMatchObject({
      status: 401,
      body: { error: SERVER_REASONS.sessionEnded },
    });
    const opened = await openDoc(world.socket(), 'yp:ypAlex1', s.token);
    expect(opened.status === 'denied' && opened.reason).toBe(SERVER_REASONS.sessionEnded);
    expect(await refreshWith(world.server.url, s.refreshToken, device)).toMatchObject({
      status: 401,
      body: { error: SERVER_REASONS.sessionEnded },
    });
  });

  it('sign-out by refresh token (access token already expired) ends the session too', async () => {
    const device = await TestDevice.create();
    const s = await signIn(world.server.url, 'pa.alex', PASSWORD, device);
    expect(
      (await postJson(world.server.url + API_PATHS.logout, { refreshToken: s.refreshToken })).status,
    ).toBe(200);
    expect((await documents(s.token)).status).toBe(401);
  });

  it('a password reset ends every session of the user and closes their open sockets', async () => {
    const laptop = await signIn(world.server.url, 'pa.alex', PASSWORD, await TestDevice.create());
    const desktop = await signIn(world.server.url, 'pa.alex', PASSWORD, await TestDevice.create());
    const sam = await signIn(world.server.url, 'pa.sam', PASSWORD, await TestDevice.create());
    const open = await openDoc(world.socket(), 'yp:ypAlex1', laptop.token);
    expect(open.status).toBe('synced');

    // the administrator resets the password from the admin CLI (another process, same database)
    await setPassword(world.store, 'pa.alex', 'a brand new password', cliActor('ops.admin'));

    await waitFor(
      () => open.opened.closeReasons.includes(SERVER_REASONS.sessionEnded),
      'the open socket to close with session-ended',
      15_000,
    );
    for (const token of [laptop.token, desktop.token])
      expect(await documents(token)).toMatchObject({
        status: 401,
        body: { error: SERVER_REASONS.sessionEnded },
      });
    expect((await documents(sam.token)).status).toBe(200); // other people are not signed out
    await expect(signIn(world.server.url, 'pa.alex', PASSWORD, await TestDevice.create())).rejects.toThrow(
      /401/,
    );
    const fresh = await signIn(
      world.server.url,
      'pa.alex',
      'a brand new password',
      await TestDevice.create(),
    );
    expect((await documents(fresh.token)).status).toBe(200);
    await setPassword(world.store, 'pa.alex', PASSWORD, cliActor('ops.admin'));
  });

  it('a reused refresh token ends the whole session family and is audited', async () => {
    const device = await TestDevice.create();
    const first = await signIn(world.server.url, 'pa.sam', PASSWORD, device);
    const rotated = await refreshWith(world.server.url, first.refreshToken, device);
    expect(rotated.status).toBe(200);
    const second = loginResponseSchema.parse(rotated.body);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect((await documents(second.token)).status).toBe(200);

    // a copy of the first refresh token is presented again (stolen, replayed)
    expect(await refreshWith(world.server.url, first.refreshToken, device)).toMatchObject({
      status: 401,
      body: { error: SERVER_REASONS.sessionEnded },
    });
    // …and everything issued in that session stops working, the legitimate holder's too
    expect(await refreshWith(world.server.url, second.refreshToken, device)).toMatchObject({ status: 401 });
    expect((await documents(second.token)).status).toBe(401);
    const reused = await world.store.queryAudit({ event: 'token.reused', userId: world.users.sam.id });
    expect(reused).toHaveLength(1);
    expect(reused[0]?.deviceId).toBe(device.id);
  });
});

describe('absolute session lifetime (finding 5)', () => {
  let world: AuthWorld;

  beforeAll(async () => {
    world = await startAuthWorld({ sessionHours: 3 / 3600 }); // 3 seconds
  }, 90_000);
  afterAll(async () => {
    await world.close();
  }, 30_000);

  it('refuses a refresh after the session’s absolute lifetime, and the access token never outlives it', async () => {
    const device = await TestDevice.create();
    const s = await signIn(world.server.url, 'pa.alex', PASSWORD, device);
    const end = Date.parse(s.sessionExpiresAt);
    expect(end - Date.now()).toBeLessThanOrEqual(3000);
    expect(Date.parse(s.expiresAt)).toBeLessThanOrEqual(end);
    await waitFor(() => Date.now() > end + 100, 'the session to reach its lifetime', 10_000);
    expect(await refreshWith(world.server.url, s.refreshToken, device)).toMatchObject({
      status: 401,
      body: { error: SERVER_REASONS.sessionExpired },
    });
    expect((await getJson(world.server.url + API_PATHS.myDocuments, s.token)).status).toBe(401);
  });
});
