/** The HTTP API against a real server: login, rate limiting, refresh, document lists, OIDC. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  API_PATHS,
  SERVER_REASONS,
  loginResponseSchema,
  myDocumentsResponseSchema,
  apiErrorSchema,
} from '../../shared/protocol.ts';
import { SCHEMA_VERSION } from '../../shared/domain/schema-version.ts';
import { TestDevice, deviceFor, fetchChallenge, refreshWith } from '../testing/device-identity.ts';
import {
  acknowledged,
  getJson,
  login,
  makeWorld,
  newDeviceId,
  openDoc,
  openSocket,
  PASSWORD,
  postJson,
  textUpdate,
  type World,
} from '../testing/fixtures.ts';

describe('HTTP API', () => {
  let world: World;
  let jwksServer: Server;
  let privateKey: CryptoKey;
  let issuerUrl: string;

  beforeAll(async () => {
    const keys = await generateKeyPair('RS256', { extractable: true });
    privateKey = keys.privateKey;
    const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
    jwksServer = createServer((req, res) => {
      if (req.url === '/jwks.json') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ keys: [jwk] }));
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((r) => jwksServer.listen(0, '127.0.0.1', r));
    issuerUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}`;
    world = await makeWorld({
      oidc: {
        issuer: issuerUrl,
        jwksUrl: `${issuerUrl}/jwks.json`,
        audience: 'waymark-client',
        userClaim: 'sub',
      },
    });
  });

  afterAll(async () => {
    await world.close();
    await new Promise((r) => jwksServer.close(r));
  });

  it('logs in with username and password and returns a token, expiry and user', async () => {
    const device = await TestDevice.create();
    const deviceId = device.id;
    const res = await postJson(world.server.url + API_PATHS.login, {
      username: 'PA.N1',
      password: PASSWORD,
      deviceId,
      proof: await device.proof(world.server.url, 'sign-in'),
      recordEncoding: SCHEMA_VERSION,
    });
    expect(res.status).toBe(200);
    const body = loginResponseSchema.parse(res.body);
    expect(body.user).toEqual({
      id: world.users.paN1.id,
      displayName: 'pa.n1',
      role: 'pa',
      teamId: world.teams.north,
    });
    const ttl = Date.parse(body.expiresAt) - Date.now();
    expect(ttl).toBeGreaterThan(14 * 60_000);
    expect(ttl).toBeLessThanOrEqual(15 * 60_000);
    expect((await world.store.getDevice(deviceId))?.userId).toBe(world.users.paN1.id);
    const ok = await world.store.queryAudit({ event: 'login.ok', userId: world.users.paN1.id });
    expect(ok[0]?.deviceId).toBe(deviceId);
  });

  it('refuses a wrong password and an unknown user alike, and audits both', async () => {
    const wrong = await postJson(world.server.url + API_PATHS.login, {
      username: 'pa.s1',
      password: 'wrong password',
      deviceId: newDeviceId(),
    });
    const unknown = await postJson(world.server.url + API_PATHS.login, {
      username: 'nobody',
      password: 'wrong password',
      deviceId: newDeviceId(),
    });
    expect(wrong).toMatchObject({ status: 401, body: { error: SERVER_REASONS.invalidCredentials } });
    expect(unknown).toMatchObject({ status: 401, body: { error: SERVER_REASONS.invalidCredentials } });
    const failed = await world.store.queryAudit({ event: 'login.failed', limit: 10 });
    expect(failed.some((r) => r.userId === world.users.paS1.id && r.detail === 'bad-password')).toBe(true);
    expect(failed.some((r) => r.userId === null && r.detail === 'unknown-user name="nobody"')).toBe(true);
  });

  it('names the bad field in a validation error', async () => {
    const res = await postJson(world.server.url + API_PATHS.login, {
      username: 'pa.n1',
      password: PASSWORD,
      deviceId: 'x',
    });
    expect(res.status).toBe(400);
    const body = apiErrorSchema.parse(res.body);
    expect(body.error).toBe(SERVER_REASONS.badRequest);
    expect(body.message).toMatch(/^deviceId: /);
  });

  it('rate-limits after 5 failures per username and address, even for the right password', async () => {
    const deviceId = newDeviceId();
    await world.store.createUser({
      username: 'pa.locked',
      displayName: 'l',
      role: 'pa',
      teamId: world.teams.south,
      passwordHash: world.users.paS1.passwordHash,
    });
    for (let i = 0; i < 5; i++) {
      const r = await postJson(world.server.url + API_PATHS.login, {
        username: 'pa.locked',
        password: `wrong-${i}-password`,
        deviceId,
      });
      expect(r.status).toBe(401);
    }
    const limited = await postJson(world.server.url + API_PATHS.login, {
      username: 'pa.locked',
      password: PASSWORD,
      deviceId,
    });
    expect(limited.status).toBe(429);
    const body = apiErrorSchema.parse(limited.body);
    expect(body.error).toBe(SERVER_REASONS.rateLimited);
    // a progressive delay (issue 13 finding 4), not a lock-out for the whole window
    expect(body.retryAfterSeconds).toBeGreaterThanOrEqual(30);
    // another username from the same address is unaffected
    expect((await login(world.server, 'pa.s1')).token).toBeTruthy();
    expect((await world.store.queryAudit({ event: 'login.rate-limited' })).length).toBe(1);
  });

  it('refuses a disabled account with the same 401 as a wrong password (issue 13 finding 8)', async () => {
    const pa = await world.store.createUser({
      username: 'pa.gone',
      displayName: 'g',
      role: 'pa',
      teamId: world.teams.north,
      passwordHash: world.users.paN1.passwordHash,
    });
    await world.store.setUserDisabled(pa.id, true);
    const res = await postJson(world.server.url + API_PATHS.login, {
      username: 'pa.gone',
      password: PASSWORD,
      deviceId: newDeviceId(),
    });
    expect(res).toMatchObject({ status: 401, body: { error: SERVER_REASONS.invalidCredentials } });
  });

  it('lists the documents each role may sync', async () => {
    const docs = async (username: string): Promise<string[]> => {
      const s = await login(world.server, username);
      const res = await getJson(world.server.url + API_PATHS.myDocuments, s.token);
      expect(res.status).toBe(200);
      return myDocumentsResponseSchema.parse(res.body).documents;
    };
    expect(await docs('pa.n1')).toEqual(['yp:ypN1']);
    expect(await docs('tm.n')).toEqual(['yp:ypN1', 'yp:ypN2']);
    expect(await docs('tm.s')).toEqual(['yp:ypS1']);
    // An administrator has no access to case records: the list is refused, not merely empty.
    const admin = await getJson(
      world.server.url + API_PATHS.myDocuments,
      (await login(world.server, 'admin')).token,
    );
    expect(admin.status).toBe(403);
    expect(apiErrorSchema.parse(admin.body)).toEqual({
      error: SERVER_REASONS.forbidden,
      message: 'administrators have no access to case records',
    });
    expect((await getJson(world.server.url + API_PATHS.myDocuments)).status).toBe(401);
  });

  it('answers ?since with the caller’s documents changed after the cursor, never another team’s', async () => {
    const feed = async (token: string, since?: number) => {
      const query = since === undefined ? '' : `?since=${since}`;
      const res = await getJson(world.server.url + API_PATHS.myDocuments + query, token);
      expect(res.status).toBe(200);
      return myDocumentsResponseSchema.parse(res.body);
    };
    const tm = await login(world.server, 'tm.n');
    const paN1 = await login(world.server, 'pa.n1');
    const tmS = await login(world.server, 'tm.s');

    // Without since: every listed document counts as changed, with the cursor now.
    const first = await feed(tm.token);
    expect(first.changed).toEqual(first.documents);
    expect(first.cursor).toBe(await world.store.changeCursor());
    const cursor = first.cursor ?? -1;
    expect(await feed(tm.token, cursor)).toMatchObject({ changed: [], cursor });

    // A change to ypN2 (north, pa.n2), one through a real websocket to ypN1, and one to ypS1 (south).
    await world.store.appendUpdate('yp:ypN2', textUpdate('north two'));
    await world.store.appendUpdate('yp:ypS1', textUpdate('south one'));
    const socket = openSocket(world.server);
    try {
      const opened = await openDoc(socket, 'yp:ypN1', paN1.token);
      if (opened.status !== 'synced') throw new Error(`yp:ypN1 refused: ${opened.reason}`);
      opened.opened.doc.getText('t').insert(0, 'north one');
      await acknowledged(opened.opened);
    } finally {
      socket.destroy();
    }

    const later = await feed(tm.token, cursor);
    expect([...(later.changed ?? [])].sort()).toEqual(['yp:ypN1', 'yp:ypN2']);
    expect(later.documents).toEqual(['yp:ypN1', 'yp:ypN2']);
    expect(later.cursor).toBeGreaterThan(cursor);
    expect((await feed(paN1.token, cursor)).changed).toEqual(['yp:ypN1']);
    expect((await feed(tmS.token, cursor)).changed).toEqual(['yp:ypS1']);
    expect(await feed(tm.token, later.cursor)).toMatchObject({ changed: [], cursor: later.cursor });
    // A cursor ahead of the server (a database restored from backup) gets every document again.
    expect((await feed(tm.token, (later.cursor ?? 0) + 1000)).changed).toEqual(['yp:ypN1', 'yp:ypN2']);
    const adminFeed = await getJson(
      `${world.server.url}${API_PATHS.myDocuments}?since=0`,
      (await login(world.server, 'admin')).token,
    );
    expect(adminFeed.status).toBe(403);
  });

  it('refuses a bad since with bad-request naming the field', async () => {
    const s = await login(world.server, 'pa.n1');
    for (const bad of ['-1', 'abc', '1.5', '', '1e3', '01', '9999999999999999']) {
      const res = await getJson(`${world.server.url}${API_PATHS.myDocuments}?since=${bad}`, s.token);
      expect(res.status, `since=${bad}`).toBe(400);
      const body = apiErrorSchema.parse(res.body);
      expect(body.error).toBe(SERVER_REASONS.badRequest);
      expect(body.message).toMatch(/^since: /);
    }
    expect((await getJson(`${world.server.url}${API_PATHS.myDocuments}?since=abc`)).status).toBe(401);
  });

  it('refreshes a valid token into a new one that works for sync', async () => {
    const s = await login(world.server, 'pa.n1');
    const res = await refreshWith(world.server.url, s.refreshToken, await deviceFor(s.deviceId));
    expect(res.status).toBe(200);
    const fresh = loginResponseSchema.parse(res.body);
    const socket = openSocket(world.server);
    try {
      expect((await openDoc(socket, 'yp:ypN1', fresh.token)).status).toBe('synced');
    } finally {
      socket.destroy();
    }
    expect((await postJson(world.server.url + API_PATHS.refresh, {}, 'garbage')).status).toBe(400);
    expect((await refreshWith(world.server.url, 'garbage', await deviceFor(s.deviceId))).status).toBe(401);
  });

  it('refuses an app older than its record encoding at sign-in and refresh, leaving nothing behind', async () => {
    const device = await TestDevice.create();
    const attempt = async (recordEncoding?: unknown) =>
      postJson(world.server.url + API_PATHS.login, {
        username: 'pa.n1',
        password: PASSWORD,
        deviceId: device.id,
        proof: await device.proof(world.server.url, 'sign-in'),
        ...(recordEncoding === undefined ? {} : { recordEncoding }),
      });
    // An app from before the field, and one that reads only an older encoding: told to update.
    for (const old of [undefined, SCHEMA_VERSION - 1]) {
      const refused = await attempt(old);
      expect(refused.status, `recordEncoding ${String(old)}`).toBe(426);
      expect(apiErrorSchema.parse(refused.body)).toMatchObject({
        error: SERVER_REASONS.appUpdateRequired,
        message: expect.stringMatching(/out of date.*IT updates it.*kept/),
      });
    }
    // Nothing half-done: the device was not enrolled, and the refusals are audited without the password.
    expect(await world.store.getDevice(device.id)).toBeNull();
    const audited = await world.store.queryAudit({ event: 'login.failed', userId: world.users.paN1.id });
    expect(audited.map((row) => row.detail)).toEqual(
      expect.arrayContaining([
        'app-update-required encoding=none',
        `app-update-required encoding=${SCHEMA_VERSION - 1}`,
      ]),
    );
    // A value that is not a version is a bad request naming the field.
    const malformed = await attempt('2');
    expect(malformed.status).toBe(400);
    expect(apiErrorSchema.parse(malformed.body).message).toMatch(/^recordEncoding: /);
    expect((await attempt(SCHEMA_VERSION)).status).toBe(200);

    // A refresh from an out-of-date app is refused before its refresh token is used: once updated, the
    // laptop refreshes with the same token.
    const s = await login(world.server, 'pa.n1');
    const staleDevice = await deviceFor(s.deviceId);
    const challenge = await fetchChallenge(world.server.url);
    const stale = await postJson(world.server.url + API_PATHS.refresh, {
      refreshToken: s.refreshToken,
      proof: { challenge, signature: await staleDevice.sign('refresh', challenge) },
    });
    expect(stale).toMatchObject({ status: 426, body: { error: SERVER_REASONS.appUpdateRequired } });
    expect((await refreshWith(world.server.url, s.refreshToken, staleDevice)).status).toBe(200);
  });

  it('exchanges a token from the configured OIDC issuer (JWKS) for a Waymark token', async () => {
    const sign = (
      claims: Record<string, unknown>,
      issuer = issuerUrl,
      audience = 'waymark-client',
    ): Promise<string> =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
        .setIssuer(issuer)
        .setAudience(audience)
        .setSubject(String(claims['sub'] ?? 'idp-subject-1'))
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(privateKey);
    await world.store.auth.linkOidcIdentity(issuerUrl, 'idp-subject-1', world.users.paN2.id);
    const device = await TestDevice.create();
    const ok = await postJson(world.server.url + API_PATHS.loginOidc, {
      idToken: await sign({ preferred_username: 'pa.n2' }),
      deviceId: device.id,
      proof: await device.proof(world.server.url, 'sign-in'),
      recordEncoding: SCHEMA_VERSION,
    });
    expect(ok.status).toBe(200);
    expect(loginResponseSchema.parse(ok.body).user.id).toBe(world.users.paN2.id);

    const wrongIssuer = await postJson(world.server.url + API_PATHS.loginOidc, {
      idToken: await sign({ preferred_username: 'pa.n2' }, 'http://evil.example'),
      deviceId: newDeviceId(),
    });
    expect(wrongIssuer).toMatchObject({ status: 401, body: { error: SERVER_REASONS.invalidToken } });
    const wrongAudience = await postJson(world.server.url + API_PATHS.loginOidc, {
      idToken: await sign({ preferred_username: 'pa.n2' }, issuerUrl, 'someone-else'),
      deviceId: newDeviceId(),
    });
    expect(wrongAudience.status).toBe(401);
    const unknownUser = await postJson(world.server.url + API_PATHS.loginOidc, {
      idToken: await sign({ sub: 'idp-subject-unlinked', preferred_username: 'pa.n2' }),
      deviceId: newDeviceId(),
    });
    expect(unknownUser).toMatchObject({ status: 401, body: { error: SERVER_REASONS.invalidCredentials } });
    const otherKey = (await generateKeyPair('RS256')).privateKey;
    const forged = await new SignJWT({ preferred_username: 'admin' })
      .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
      .setIssuer(issuerUrl)
      .setAudience('waymark-client')
      .setExpirationTime('5m')
      .sign(otherKey);
    expect(
      (await postJson(world.server.url + API_PATHS.loginOidc, { idToken: forged, deviceId: newDeviceId() }))
        .status,
    ).toBe(401);
  });

  it('answers unknown routes with 404 not-found', async () => {
    const res = await getJson(`${world.server.url}/api/nothing`);
    expect(res).toMatchObject({ status: 404, body: { error: SERVER_REASONS.notFound } });
  });
});
