/**
 * Sessions and device keys in the real app (Chromium, real sync server): the device's private key is a
 * non-extractable CryptoKey in IndexedDB; signing out ends the session on the server; when an
 * administrator resets the password, the app stops syncing and asks the user to sign in again.
 */
import { describe, expect, inject, it } from 'vitest';
import { cliActor, setPassword } from '../../server/admin-ops.ts';
import { isExpectedNetworkError } from './support/browser.ts';
import { demoServerWorld } from './support/demo-server.ts';
import { harness } from './support/harness.ts';

describe('sessions and device keys in the app (real server, real Chromium)', () => {
  const e2eUrl = inject('e2eUrl');
  const world = demoServerWorld(e2eUrl, 'sessions');
  const { signedIn, errors } = world;

  it('enrols a device key whose private half is a non-extractable CryptoKey', async () => {
    const page = await signedIn('pa.sam');
    const facts = await harness(page, 'deviceKeyFacts');
    expect(facts).toMatchObject({ isCryptoKey: true, extractable: false, exportRefused: true });
    const enrolled = await world.server().store.auth.getDeviceKey(facts?.deviceId ?? '');
    expect(enrolled?.userId).toBe((await world.server().store.getUserByUsername('pa.sam'))?.id);
  });

  it('signing out in the app ends the session on the server', async () => {
    const page = await signedIn('tm.morgan');
    const user = await world.server().store.getUserByUsername('tm.morgan');
    await harness(page, 'signOut');
    expect(await harness(page, 'sessionUser')).toBeNull();
    const ended = await world.server().store.queryAudit({ event: 'session.ended', userId: user?.id ?? '' });
    expect(ended.some((row) => row.detail?.startsWith('signed-out'))).toBe(true);
  });

  it('after a password reset the app asks the user to sign in again', async () => {
    const page = await signedIn('pa.alex');
    expect(await harness(page, 'sessionUser')).not.toBeNull();
    await setPassword(world.server().store, 'pa.alex', 'a new password for alex', cliActor('e2e'));
    await world.server().recheckAccess();
    await harness(page, 'syncNow');
    await expect.poll(() => harness(page, 'sessionUser'), { timeout: 20_000 }).toBeNull();
    expect(await harness(page, 'sessionNotice')).toMatch(/sign in again/i);
  });

  it('raised no page errors (refused requests are expected: the session was ended on purpose)', () => {
    expect(errors.flat().filter((e) => !isExpectedNetworkError(e))).toEqual([]);
  });
});
