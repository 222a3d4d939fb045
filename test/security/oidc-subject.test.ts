/**
 * Finding 10 (OIDC mapped people by a mutable claim) replayed against a real server process with a
 * real JWKS endpoint: a person is found by issuer + `sub` only, whatever preferred_username says.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_PATHS, SERVER_REASONS, loginResponseSchema } from '../../shared/protocol.ts';
import { SCHEMA_VERSION } from '../../shared/domain/schema-version.ts';
import { cliActor, linkOidcIdentity } from '../../server/admin-ops.ts';
import { TestDevice } from '../../server/testing/device-identity.ts';
import { postJson } from '../../server/testing/fixtures.ts';
import { startAuthWorld, type AuthWorld } from './support/auth-world.ts';

describe('OIDC sign-in maps people by issuer + sub (finding 10)', () => {
  let jwks: Server;
  let issuer: string;
  let signingKey: CryptoKey;
  let world: AuthWorld;

  beforeAll(async () => {
    const keys = await generateKeyPair('ES256', { extractable: true });
    signingKey = keys.privateKey;
    const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
    jwks = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}`;
    world = await startAuthWorld({
      oidc: { issuer, jwksUrl: `${issuer}/jwks.json`, audience: 'waymark', userClaim: 'sub' },
    });
    await linkOidcIdentity(world.store, 'pa.alex', issuer, 'idp-0001', cliActor('ops.admin'));
  }, 90_000);
  afterAll(async () => {
    await world.close();
    await new Promise((resolve) => jwks.close(resolve));
  }, 30_000);

  const idToken = (sub: string, claims: Record<string, unknown>): Promise<string> =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setIssuer(issuer)
      .setAudience('waymark')
      .setSubject(sub)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(signingKey);

  async function oidcLogin(token: string): Promise<{ status: number; body: unknown }> {
    const device = await TestDevice.create();
    return postJson(world.server.url + API_PATHS.loginOidc, {
      idToken: token,
      deviceId: device.id,
      proof: await device.proof(world.server.url, 'sign-in'),
      recordEncoding: SCHEMA_VERSION,
    });
  }

  it('signs the linked person in by sub, even after their preferred_username changes', async () => {
    for (const name of ['pa.alex', 'alex.renamed@council.example', 'pa.sam']) {
      const res = await oidcLogin(await idToken('idp-0001', { preferred_username: name }));
      expect(res.status, name).toBe(200);
      expect(loginResponseSchema.parse(res.body).user.id).toBe(world.users.alex.id);
    }
  });

  it('never signs anyone in by preferred_username, email or a Waymark username', async () => {
    const res = await oidcLogin(
      await idToken('idp-9999', { preferred_username: 'pa.sam', email: 'pa.sam', upn: 'pa.sam' }),
    );
    expect(res).toMatchObject({ status: 401, body: { error: SERVER_REASONS.invalidCredentials } });
    // a sub equal to a Waymark username is still just an unlinked subject
    expect((await oidcLogin(await idToken('pa.sam', {}))).status).toBe(401);
  });
});
