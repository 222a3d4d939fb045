import { describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { hashPassword, verifyPassword } from './passwords.ts';
import { HashGate } from './hash-gate.ts';
import { LoginBudget } from './login-budget.ts';
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

describe('login budget', () => {
  const limits = {
    windowMs: 15 * 60_000,
    perKnownDevice: 5,
    perAccountAddress: 5,
    perAccount: 8,
    perAddress: 12,
    global: 100,
    baseDelayMs: 60_000,
    maxDelayMs: 15 * 60_000,
  };

  it('reserves each attempt before it is evaluated, so parallel attempts cannot pass one check', () => {
    const budget = new LoginBudget(limits, () => 1_000_000);
    const admitted = Array.from({ length: 40 }, () => budget.admit('Pa.One', '10.0.0.1', null));
    expect(admitted.filter((a) => a.admitted)).toHaveLength(5);
    const refused = admitted.filter((a) => !a.admitted);
    expect(refused[0]).toMatchObject({ retryAfterSeconds: 60, firstRefusal: true });
    expect(refused.slice(1).every((a) => !a.admitted && !a.firstRefusal)).toBe(true);
  });

  it('delays progressively instead of locking out, and forgives a success', () => {
    let now = 1_000_000;
    const budget = new LoginBudget(limits, () => now);
    const fail = (): void => {
      const a = budget.admit('pa.one', '10.0.0.1', null);
      if (!a.admitted) throw new Error('refused');
      a.attempt.fail();
    };
    for (let i = 0; i < 5; i++) fail();
    expect(budget.admit('pa.one', '10.0.0.1', null)).toMatchObject({
      admitted: false,
      retryAfterSeconds: 60,
    });
    now += 60_000;
    fail(); // one more after the first delay
    expect(budget.admit('pa.one', '10.0.0.1', null)).toMatchObject({
      admitted: false,
      retryAfterSeconds: 120,
    });
    now += 120_000;
    const ok = budget.admit('pa.one', '10.0.0.1', null);
    if (!ok.admitted) throw new Error('refused');
    ok.attempt.succeed();
    expect(budget.admit('pa.one', '10.0.0.1', null).admitted).toBe(true);
  });

  it('limits one account across addresses, one address across accounts, but not a known device', () => {
    const budget = new LoginBudget(limits, () => 1_000_000);
    const results = Array.from({ length: 20 }, (_, i) => budget.admit('pa.one', `10.0.1.${i}`, null));
    expect(results.filter((a) => a.admitted)).toHaveLength(8);
    // the real user on the laptop that signed in before keeps its own budget
    expect(budget.admit('pa.one', '10.0.9.9', 'device-of-pa-one').admitted).toBe(true);
    const spray = Array.from({ length: 20 }, (_, i) => budget.admit(`user.${i}`, '10.0.2.1', null));
    expect(spray.filter((a) => a.admitted)).toHaveLength(12);
  });

  it('drops a cancelled reservation and prunes expired keys', () => {
    let now = 1_000_000;
    const budget = new LoginBudget(limits, () => now);
    for (let i = 0; i < 10; i++) {
      const a = budget.admit('pa.one', '10.0.0.1', null);
      if (!a.admitted) throw new Error('refused');
      a.attempt.cancel();
    }
    expect(budget.admit('pa.one', '10.0.0.1', null).admitted).toBe(true);
    now += 16 * 60_000;
    budget.prune();
    expect(budget.size).toBe(0);
  });
});

describe('hash gate', () => {
  it('runs at most maxConcurrent tasks, queues maxQueued per lane, refuses the rest, serves priority first', async () => {
    const gate = new HashGate({ maxConcurrent: 1, maxQueued: 2 });
    const order: string[] = [];
    let releaseFirst = (): void => undefined;
    const first = gate.run('normal', () => new Promise<void>((r) => (releaseFirst = r)));
    const task = (name: string) => async (): Promise<void> => {
      order.push(name);
    };
    const queued = [gate.run('normal', task('n1')), gate.run('normal', task('n2'))];
    expect(gate.run('normal', task('n3'))).toBeNull();
    const priority = gate.run('priority', task('p1'));
    expect(gate.load).toEqual({ running: 1, queued: 3 });
    releaseFirst();
    await Promise.all([first, ...queued, priority]);
    expect(order).toEqual(['p1', 'n1', 'n2']);
    expect(gate.load).toEqual({ running: 0, queued: 0 });
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
