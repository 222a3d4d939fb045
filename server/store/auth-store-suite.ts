/**
 * The sign-in state contract (auth-store.ts) both stores must pass; run from store-suite.ts, so it
 * runs against real SQLite and real PostgreSQL.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OidcLinkConflict } from './auth-store.ts';
import type { StoreHarness } from './store-suite.ts';
import type { Store, User } from './types.ts';

const inHours = (hours: number): string => new Date(Date.now() + hours * 3_600_000).toISOString();

export function describeAuthStoreSuite(name: string, harness: () => StoreHarness): void {
  describe(`Auth store contract: ${name}`, () => {
    let h: StoreHarness;
    let store: Store;
    let alex: User;
    let sam: User;

    beforeEach(async () => {
      h = harness();
      store = await h.create();
      const team = await store.createTeam('T');
      const mk = (username: string) =>
        store.createUser({
          username,
          displayName: username,
          role: 'pa',
          teamId: team.id,
          passwordHash: null,
        });
      alex = await mk('pa.alex');
      sam = await mk('pa.sam');
    });

    afterEach(async () => {
      await store.close();
      await h.destroy();
    });

    it('rotates a session’s refresh hash once per presented hash; an earlier hash is a mismatch', async () => {
      const session = await store.auth.createSession({
        userId: alex.id,
        deviceId: 'dev-a-0001',
        expiresAt: inHours(12),
        refreshHash: 'h1',
      });
      expect(session).toMatchObject({
        userId: alex.id,
        deviceId: 'dev-a-0001',
        endedAt: null,
        endReason: null,
      });
      const now = new Date().toISOString();
      expect(await store.auth.rotateRefresh(session.id, 'h1', 'h2', now)).toBe('rotated');
      expect(await store.auth.rotateRefresh(session.id, 'h1', 'h3', now)).toBe('mismatch');
      expect(await store.auth.rotateRefresh(session.id, 'h2', 'h3', now)).toBe('rotated');
      expect(await store.auth.rotateRefresh('00000000-0000-0000-0000-000000000000', 'h3', 'h4', now)).toBe(
        'missing',
      );
      // concurrent presentations of one hash: exactly one wins
      const outcomes = await Promise.all(
        ['h4', 'h5', 'h6'].map((next) => store.auth.rotateRefresh(session.id, 'h3', next, now)),
      );
      expect(outcomes.filter((o) => o === 'rotated')).toHaveLength(1);
      expect(await store.auth.endSession(session.id, 'signed-out')).toBe(true);
      expect(await store.auth.endSession(session.id, 'later')).toBe(false);
      expect(await store.auth.getSession(session.id)).toMatchObject({ endReason: 'signed-out' });
      expect(await store.auth.rotateRefresh(session.id, 'h4', 'h9', now)).toBe('not-live');
    });

    it('refuses to rotate a session past its absolute lifetime', async () => {
      const session = await store.auth.createSession({
        userId: alex.id,
        deviceId: 'dev-a-0001',
        expiresAt: inHours(-1),
        refreshHash: 'h1',
      });
      expect(await store.auth.rotateRefresh(session.id, 'h1', 'h2', new Date().toISOString())).toBe(
        'not-live',
      );
    });

    it('ends all live sessions of a user, or of a device, and keeps them ended after a restart', async () => {
      const mk = (user: User, deviceId: string) =>
        store.auth.createSession({ userId: user.id, deviceId, expiresAt: inHours(12), refreshHash: 'x' });
      const a1 = await mk(alex, 'dev-a-0001');
      const a2 = await mk(alex, 'dev-a-0002');
      const s1 = await mk(sam, 'dev-s-0001');
      await store.auth.endSession(a1.id, 'signed-out');
      expect(await store.auth.endSessionsForUser(alex.id, 'password-changed')).toBe(1);
      expect(await store.auth.endSessionsForDevice('dev-s-0001', 'device-revoked')).toBe(1);
      await store.close();
      store = await h.reopen();
      expect(await store.auth.getSession(a1.id)).toMatchObject({ endReason: 'signed-out' });
      expect(await store.auth.getSession(a2.id)).toMatchObject({ endReason: 'password-changed' });
      expect(await store.auth.getSession(s1.id)).toMatchObject({ endReason: 'device-revoked' });
    });

    it('keeps the first key enrolled for a device, whoever tries to enrol it later', async () => {
      expect(await store.auth.getDeviceKey('dev-a-0001')).toBeNull();
      const first = await store.auth.enrolDeviceKey('dev-a-0001', alex.id, '{"k":"alex"}');
      expect(first).toMatchObject({ deviceId: 'dev-a-0001', userId: alex.id, publicKey: '{"k":"alex"}' });
      const second = await store.auth.enrolDeviceKey('dev-a-0001', sam.id, '{"k":"sam"}');
      expect(second).toMatchObject({ userId: alex.id, publicKey: '{"k":"alex"}' });
    });

    it('never moves a device row to another user', async () => {
      await store.touchDevice('dev-a-0001', alex.id);
      const touched = await store.touchDevice('dev-a-0001', sam.id);
      expect(touched.userId).toBe(alex.id);
      expect((await store.getDevice('dev-a-0001'))?.userId).toBe(alex.id);
    });

    it('holds an account until its password is reset', async () => {
      expect(await store.auth.passwordResetRequired(alex.id)).toBe(false);
      await store.auth.requirePasswordReset(alex.id, 'device dev-a-0001 revoked');
      await store.auth.requirePasswordReset(alex.id, 'again');
      expect(await store.auth.passwordResetRequired(alex.id)).toBe(true);
      expect(await store.auth.passwordResetRequired(sam.id)).toBe(false);
      await store.auth.clearPasswordReset(alex.id);
      expect(await store.auth.passwordResetRequired(alex.id)).toBe(false);
    });

    it('links an OIDC issuer + subject to one user, once on each side', async () => {
      const iss = 'https://login.example/t1';
      await store.auth.linkOidcIdentity(iss, 'sub-1', alex.id);
      expect(await store.auth.getOidcIdentity(iss, 'sub-1')).toMatchObject({ userId: alex.id });
      expect(await store.auth.getOidcIdentity('https://other.example', 'sub-1')).toBeNull();
      expect(await store.auth.getOidcIdentityForUser(alex.id)).toMatchObject({
        issuer: iss,
        subject: 'sub-1',
      });
      await expect(store.auth.linkOidcIdentity(iss, 'sub-1', sam.id)).rejects.toBeInstanceOf(
        OidcLinkConflict,
      );
      await expect(store.auth.linkOidcIdentity(iss, 'sub-2', alex.id)).rejects.toBeInstanceOf(
        OidcLinkConflict,
      );
      // the same subject at another issuer is another person
      await store.auth.linkOidcIdentity('https://other.example', 'sub-1', sam.id);
      expect(await store.auth.getOidcIdentity('https://other.example', 'sub-1')).toMatchObject({
        userId: sam.id,
      });
    });
  });
}
