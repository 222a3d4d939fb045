/**
 * Finding 6 (device revocation not tied to a device) replayed against a real server process: a device
 * id is bound to the key pair enrolled with it and to the user who enrolled it; sign-in and refresh need
 * a signature over a fresh, single-use challenge; a revoked device's user must get a new password.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_PATHS, SERVER_REASONS } from '../../shared/protocol.ts';
import { SCHEMA_VERSION } from '../../shared/domain/schema-version.ts';
import { cliActor, revokeDevice, setPassword } from '../../server/admin-ops.ts';
import { TestDevice, fetchChallenge, refreshWith, signIn } from '../../server/testing/device-identity.ts';
import { getJson, openDoc, postJson } from '../../server/testing/fixtures.ts';
import { PASSWORD, startAuthWorld, type AuthWorld } from './support/auth-world.ts';

describe('device binding (finding 6)', () => {
  let world: AuthWorld;

  beforeAll(async () => {
    world = await startAuthWorld();
  }, 90_000);
  afterAll(async () => {
    await world.close();
  }, 30_000);

  const login = (username: string, deviceId: string, proof: unknown, password = PASSWORD) =>
    postJson(world.server.url + API_PATHS.login, {
      username,
      password,
      deviceId,
      proof,
      recordEncoding: SCHEMA_VERSION,
    });

  it('another user signing in with alex’s device id is refused and never moves the device', async () => {
    const alexDevice = await TestDevice.create();
    const alex = await signIn(world.server.url, 'pa.alex', PASSWORD, alexDevice);
    // sam on the same device id, with sam's own key pair
    const samKey = await TestDevice.create(alexDevice.id);
    const refused = await login('pa.sam', alexDevice.id, await samKey.proof(world.server.url, 'sign-in'));
    expect(refused).toMatchObject({ status: 409, body: { error: SERVER_REASONS.deviceInUse } });
    // …or even a proof signed with alex's key (say, replayed from the wire)
    const replayed = await login(
      'pa.sam',
      alexDevice.id,
      await alexDevice.proof(world.server.url, 'sign-in'),
    );
    expect(replayed).toMatchObject({ status: 409, body: { error: SERVER_REASONS.deviceInUse } });
    expect((await world.store.getDevice(alexDevice.id))?.userId).toBe(world.users.alex.id);
    expect((await getJson(world.server.url + API_PATHS.myDocuments, alex.token)).status).toBe(200);
  });

  it('a copied device id with another key pair cannot sign in as its own user either', async () => {
    const device = await TestDevice.create();
    await signIn(world.server.url, 'pa.alex', PASSWORD, device);
    const copy = await TestDevice.create(device.id);
    const res = await login('pa.alex', device.id, await copy.proof(world.server.url, 'sign-in'));
    expect(res).toMatchObject({ status: 401, body: { error: SERVER_REASONS.deviceProofInvalid } });
  });

  it('refuses a signature over a used challenge, over another challenge, or for another purpose', async () => {
    const device = await TestDevice.create();
    const used = await device.proof(world.server.url, 'sign-in');
    expect((await login('pa.sam', device.id, used)).status).toBe(200);
    // the same proof again: the challenge was single use
    expect(await login('pa.sam', device.id, used)).toMatchObject({
      status: 401,
      body: { error: SERVER_REASONS.deviceProofInvalid },
    });
    // a signature made over one challenge, presented with another
    const signedOver = await fetchChallenge(world.server.url);
    const presented = await fetchChallenge(world.server.url);
    const swapped = { challenge: presented, signature: await device.sign('sign-in', signedOver) };
    expect(await login('pa.sam', device.id, swapped)).toMatchObject({ status: 401 });
    // a refresh signature is not a sign-in signature
    const challenge = await fetchChallenge(world.server.url);
    const wrongPurpose = { challenge, signature: await device.sign('refresh', challenge) };
    expect(await login('pa.sam', device.id, wrongPurpose)).toMatchObject({ status: 401 });
    // a challenge the server never issued (or altered)
    const forged = `${'A'.repeat(32)}.${Date.now() + 60_000}.${'B'.repeat(43)}`;
    expect(
      await login('pa.sam', device.id, {
        challenge: forged,
        signature: await device.sign('sign-in', forged),
      }),
    ).toMatchObject({ status: 401 });
    // no proof at all, right password
    expect(await login('pa.sam', device.id, undefined)).toMatchObject({ status: 401 });
  });

  it('a refresh must be signed by the device the session was started on', async () => {
    const device = await TestDevice.create();
    const s = await signIn(world.server.url, 'pa.sam', PASSWORD, device);
    const thief = await TestDevice.create(device.id);
    expect(await refreshWith(world.server.url, s.refreshToken, thief)).toMatchObject({
      status: 401,
      body: { error: SERVER_REASONS.deviceProofInvalid },
    });
    expect((await refreshWith(world.server.url, s.refreshToken, device)).status).toBe(200);
  });

  it('a revoked device stays refused, and its user cannot enrol a new device id until given a new password', async () => {
    const laptop = await TestDevice.create();
    const s = await signIn(world.server.url, 'pa.alex', PASSWORD, laptop);
    const open = await openDoc(world.socket(), 'yp:ypAlex1', s.token);
    expect(open.status).toBe('synced');

    const owner = await revokeDevice(world.store, laptop.id, cliActor('ops.admin'));
    expect(owner?.id).toBe(world.users.alex.id);

    expect(await login('pa.alex', laptop.id, await laptop.proof(world.server.url, 'sign-in'))).toMatchObject({
      status: 403,
      body: { error: SERVER_REASONS.deviceRevoked },
    });
    // the finding: a new device id with the right password used to get straight back in
    const fresh = await TestDevice.create();
    expect(await login('pa.alex', fresh.id, await fresh.proof(world.server.url, 'sign-in'))).toMatchObject({
      status: 401,
      body: { error: SERVER_REASONS.invalidCredentials },
    });
    const held = await world.store.queryAudit({ event: 'login.failed', userId: world.users.alex.id });
    expect(held.some((row) => row.detail === 'password-reset-required')).toBe(true);

    await setPassword(world.store, 'pa.alex', 'the password after revocation', cliActor('ops.admin'));
    const back = await signIn(world.server.url, 'pa.alex', 'the password after revocation', fresh);
    expect((await getJson(world.server.url + API_PATHS.myDocuments, back.token)).status).toBe(200);
    // and the revoked id is still refused, new password or not
    expect(
      await login(
        'pa.alex',
        laptop.id,
        await laptop.proof(world.server.url, 'sign-in'),
        'the password after revocation',
      ),
    ).toMatchObject({ status: 403, body: { error: SERVER_REASONS.deviceRevoked } });
    await setPassword(world.store, 'pa.alex', PASSWORD, cliActor('ops.admin'));
  });
});
