import { describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { hashPassword, verifyPassword } from './passwords.ts';
import { LoginRateLimiter } from './rate-limit.ts';
import { TokenError, TokenService } from './tokens.ts';
import type { User } from '../store/types.ts';

describe('passwords (scrypt)', () => {
  it('verifies the right password only, with a fresh salt per hash', async () => {
    const a = await hashPassword('a sufficiently long password');
    const b = await hashPassword('a sufficiently long password');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('a sufficiently long password', a)).toBe(true);
    expect(await verifyPassword('a sufficiently long passworD', a)).toBe(false);
    expect(await verifyPassword('anything', 'not-a-hash')).toBe(false);
    expect(
      await verifyPassword('anything', 'scrypt$99999999$8$1$c2FsdHNhbHQ=$aGFzaGhhc2hoYXNoaGFzaA=='),
    ).toBe(false);
  });

  it('refuses short passwords', async () => {
    await expect(hashPassword('short')).rejects.toThrow(/at least 10 characters/);
  });
});

describe('login rate limiter', () => {
  it('blocks the 6th attempt within the window per username+IP and frees it after the window', () => {
    let now = 1_000_000;
    const limiter = new LoginRateLimiter({ maxFailures: 5, windowMs: 15 * 60_000, now: () => now });
    for (let i = 0; i < 5; i++) {
      expect(limiter.retryAfterSeconds('Pa.One', '10.0.0.1')).toBe(0);
      limiter.recordFailure('pa.one', '10.0.0.1');
    }
    expect(limiter.retryAfterSeconds('PA.ONE', '10.0.0.1')).toBe(900);
    expect(limiter.retryAfterSeconds('pa.one', '10.0.0.2')).toBe(0);
    expect(limiter.retryAfterSeconds('pa.two', '10.0.0.1')).toBe(0);
    now += 15 * 60_000 + 1;
    expect(limiter.retryAfterSeconds('pa.one', '10.0.0.1')).toBe(0);
    limiter.recordFailure('pa.one', '10.0.0.1');
    limiter.recordSuccess('pa.one', '10.0.0.1');
    limiter.prune();
    expect(limiter.retryAfterSeconds('pa.one', '10.0.0.1')).toBe(0);
  });
});

describe('access tokens', () => {
  const user: User = {
    id: 'user-1',
    username: 'pa.one',
    displayName: 'P',
    role: 'pa',
    teamId: 'team-1',
    passwordHash: null,
    disabled: false,
    oidcSubject: null,
    createdAt: new Date().toISOString(),
  };
  const secret = new Uint8Array(32).fill(9);

  it('issues 15-minute tokens with the protocol claims and verifies them', async () => {
    const tokens = new TokenService(secret);
    const issued = await tokens.issue(user, 'device-0001', 'session-1');
    const claims = await tokens.verify(issued.token);
    expect(claims).toMatchObject({
      sub: 'user-1',
      role: 'pa',
      team: 'team-1',
      device: 'device-0001',
      sid: 'session-1',
    });
    expect(claims.exp - Math.floor(Date.now() / 1000)).toBeGreaterThan(890);
    expect(claims.exp - Math.floor(Date.now() / 1000)).toBeLessThanOrEqual(900);
  });

  it('rejects other secrets, tampering, expiry and foreign claims with protocol reasons', async () => {
    const tokens = new TokenService(secret);
    const issued = await tokens.issue(user, 'device-0001', 'session-1');
    const other = new TokenService(new Uint8Array(32).fill(1));
    await expect(other.verify(issued.token)).rejects.toMatchObject({ reason: 'invalid-token' });
    await expect(tokens.verify(issued.token.slice(0, -2))).rejects.toBeInstanceOf(TokenError);
    const expired = await new SignJWT({ role: 'pa', team: null, device: 'device-0001' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('user-1')
      .setIssuer('waymark')
      .setAudience('waymark-sync')
      .setExpirationTime(Math.floor(Date.now() / 1000) - 10)
      .sign(secret);
    await expect(tokens.verify(expired)).rejects.toMatchObject({ reason: 'token-expired' });
    const wrongRole = await new SignJWT({ role: 'superuser', team: null, device: 'device-0001' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('user-1')
      .setIssuer('waymark')
      .setAudience('waymark-sync')
      .setExpirationTime('5m')
      .sign(secret);
    await expect(tokens.verify(wrongRole)).rejects.toMatchObject({ reason: 'invalid-token' });
  });
});
