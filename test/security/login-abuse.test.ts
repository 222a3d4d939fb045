/**
 * Issue 13 findings 4 and 8, and the "name tried" part of 12, against a real server process behind a
 * trusted proxy (X-Forwarded-For gives each simulated laptop its own address):
 *  - 40 parallel guesses used to be evaluated all at once (the budget was checked before the 32 MiB
 *    scrypt hash and recorded after it): now only the budget is evaluated, the rest get 429 + Retry-After;
 *  - guesses at one account from many addresses share a per-account budget;
 *  - a flood of bogus logins at the real user's own account does not keep the real user, on the laptop
 *    they signed in on before, from signing in;
 *  - a disabled account answers exactly like a wrong password (a 403 confirmed the password);
 *  - a failed login for an unknown user records the name tried.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { API_PATHS, SERVER_REASONS, apiErrorSchema } from '../../shared/protocol.ts';
import { SCHEMA_VERSION } from '../../shared/domain/schema-version.ts';
import { DEFAULT_LOGIN_BUDGET } from '../../server/auth/login-budget.ts';
import { deviceFor } from '../../server/testing/device-identity.ts';
import { SECURITY_PASSWORD, startSecurityServer, type SecurityServer } from './support/security-server.ts';

// Each test starts real server processes, which a loaded machine can be slow to start and serve.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 180_000 });

let running: SecurityServer;

beforeAll(async () => {
  // A hash queue long enough that these tests see the budgets, not the bound on concurrent hashes
  // (that bound has its own test in server/auth/auth.test.ts).
  running = await startSecurityServer('sec-login', {
    trustedProxies: ['127.0.0.1'],
    hashGate: { maxQueued: 64 },
  });
});
afterAll(async () => {
  await running?.close();
});

interface Answer {
  readonly status: number;
  readonly retryAfter: string | null;
  readonly body: unknown;
}

async function signIn(
  username: string,
  password: string,
  deviceId: string,
  address: string,
): Promise<Answer> {
  // Every laptop signs a fresh server challenge with its device key, as the app does.
  const proof = await (await deviceFor(deviceId)).proof(running.server.url, 'sign-in');
  const response = await fetch(running.server.url + API_PATHS.login, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify({ username, password, deviceId, proof, recordEncoding: SCHEMA_VERSION }),
  });
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body: await response.json(),
  };
}

const device = (): string => `dev-${randomUUID()}`;
const count = (answers: readonly Answer[], status: number): number =>
  answers.filter((a) => a.status === status).length;

describe('login budgets hold against parallel guessing', () => {
  it('evaluates only the per-account-and-address budget of 40 parallel guesses; the rest get 429 with Retry-After', async () => {
    const guesses = await Promise.all(
      Array.from({ length: 40 }, (_, i) => signIn('pa.alex', `guess number ${i}`, device(), '203.0.113.10')),
    );
    expect(count(guesses, 401)).toBe(DEFAULT_LOGIN_BUDGET.perAccountAddress);
    expect(count(guesses, 429)).toBe(40 - DEFAULT_LOGIN_BUDGET.perAccountAddress);
    for (const refused of guesses.filter((a) => a.status === 429)) {
      expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
      expect(apiErrorSchema.parse(refused.body).error).toBe(SERVER_REASONS.rateLimited);
    }
    const failed = await running.audit({ event: 'login.failed', userId: running.pa.user.id });
    expect(failed.filter((row) => row.ip === '203.0.113.10')).toHaveLength(
      DEFAULT_LOGIN_BUDGET.perAccountAddress,
    );
    // the flood of refusals is one audit row, not 35
    const limited = await running.audit({ event: 'login.rate-limited' });
    expect(limited.filter((row) => row.ip === '203.0.113.10')).toHaveLength(1);
  });

  it('shares one per-account budget across addresses', async () => {
    const guesses = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        signIn('pa.sam', `guess number ${i}`, device(), `198.18.0.${i + 1}`),
      ),
    );
    expect(count(guesses, 401)).toBe(DEFAULT_LOGIN_BUDGET.perAccount);
    expect(count(guesses, 429)).toBe(40 - DEFAULT_LOGIN_BUDGET.perAccount);
  });

  it('admits the real user on their own laptop while a flood of bogus logins at their account is refused', async () => {
    // The real user signed in on this laptop before (the device is registered to the account).
    const laptop = device();
    expect((await signIn('pa.alex', SECURITY_PASSWORD, laptop, '198.51.100.1')).status).toBe(200);
    let firstRefusal: () => void = () => undefined;
    const refusedOnce = new Promise<void>((resolve) => (firstRefusal = resolve));
    const flood = Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const answer = await signIn('pa.alex', `bogus ${i}`, device(), `10.66.${i >> 8}.${i & 255}`);
        if (answer.status === 429) firstRefusal();
        return answer;
      }),
    );
    await refusedOnce; // the account's budget for strangers is spent
    const real = await signIn('pa.alex', SECURITY_PASSWORD, laptop, '198.51.100.1');
    expect(real.status).toBe(200);
    const bogus = await flood;
    expect(count(bogus, 401) + count(bogus, 429)).toBe(200);
    // only the per-account budget (less the guesses of the first test) was ever hashed
    expect(count(bogus, 401)).toBeLessThanOrEqual(DEFAULT_LOGIN_BUDGET.perAccount);
    expect(bogus.filter((a) => a.status === 429).every((a) => Number(a.retryAfter) >= 1)).toBe(true);
  });
});

describe('answers that reveal nothing', () => {
  it('answers a disabled account with the right password exactly as a wrong password', async () => {
    const disabled = await signIn('pa.gone', SECURITY_PASSWORD, device(), '198.51.100.20');
    const wrong = await signIn('tm.morgan', 'not the password at all', device(), '198.51.100.21');
    expect(disabled.status).toBe(401);
    expect(disabled.body).toEqual(wrong.body);
    expect(apiErrorSchema.parse(disabled.body).error).toBe(SERVER_REASONS.invalidCredentials);
    const failed = await running.audit({ event: 'login.failed', userId: running.disabledPa.user.id });
    expect(failed.map((row) => row.detail)).toEqual(['account-disabled']);
  });

  it('records the name tried when the account does not exist', async () => {
    const answer = await signIn('No.Such.Person', 'whatever it is', device(), '198.51.100.30');
    expect(answer.status).toBe(401);
    const failed = await running.audit({ event: 'login.failed' });
    const row = failed.find((r) => r.ip === '198.51.100.30');
    expect(row).toMatchObject({ userId: null, detail: 'unknown-user name="no.such.person"' });
  });
});
