/**
 * Sign-in budgets and day quotas shared by several instances, against a real Redis
 * (WAYMARK_TEST_REDIS_URL from scripts/ensure-redis.sh): two Cluster connections stand for two
 * instances. An attacker alternating between them is admitted exactly as often, and delayed exactly as
 * long, as one talking to a single process (compared with the in-memory LoginBudget step by step); a
 * quota filled through one is full on the other; with Redis out of reach every check refuses.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVER_REASONS } from '../../shared/protocol.ts';
import { LoginBudget, type LoginAdmission, type LoginBudgetLimits } from '../auth/login-budget.ts';
import { DEFAULT_WRITE_LIMITS, DailyQuotas, type WriteLimits } from '../sync/limits.ts';
import { Cluster } from './cluster.ts';
import { SharedLimitsUnavailable } from './redis-scripts.ts';
import { sharedDailyQuotas } from './shared-day-quotas.ts';
import { SharedLoginBudget } from './shared-login-budget.ts';

function redisUrl(): string {
  const url = process.env['WAYMARK_TEST_REDIS_URL'];
  if (!url)
    throw new Error(
      'WAYMARK_TEST_REDIS_URL must be set: run `bash scripts/ensure-redis.sh` and export the line it prints',
    );
  return url;
}

const LIMITS: LoginBudgetLimits = {
  windowMs: 15 * 60_000,
  perKnownDevice: 3,
  perAccountAddress: 3,
  perAccount: 6,
  perAddress: 8,
  global: 50,
  baseDelayMs: 60_000,
  maxDelayMs: 15 * 60_000,
};

const instances: Cluster[] = [];
let prefix = '';

beforeAll(async () => {
  prefix = `waymark-limits-test-${randomBytes(5).toString('hex')}`;
  for (const name of ['a', 'b'])
    instances.push(
      await Cluster.connect({ redisUrl: redisUrl(), prefix, instanceId: name, log: () => undefined }),
    );
});

afterAll(async () => {
  await Promise.all(instances.map((instance) => instance.close()));
});

/** A clock the test moves, and one shared budget per instance reading it. */
function sharedBudgets(clock: { now: number }): SharedLoginBudget[] {
  const hashKey = new Uint8Array(randomBytes(32)); // a fresh key: a fresh set of budgets per test
  return instances.map(
    (instance) =>
      new SharedLoginBudget({ redis: instance.scripts, hashKey, limits: LIMITS, now: () => clock.now }),
  );
}

const shape = (admission: LoginAdmission): string =>
  admission.admitted
    ? 'admitted'
    : `wait ${admission.retryAfterSeconds}s${admission.firstRefusal ? ' first' : ''}`;

describe('sign-in budgets shared by two instances', () => {
  it('admits and delays an attacker alternating between instances exactly as one process does', async () => {
    const clock = { now: 1_700_000_000_000 };
    const shared = sharedBudgets(clock);
    const local = new LoginBudget(LIMITS, () => clock.now);
    const sharedSteps: string[] = [];
    const localSteps: string[] = [];
    // Guesses every 10 s for 12 minutes, each on the other instance; every admitted one fails.
    for (let i = 0; i < 72; i++) {
      const instance = shared[i % 2];
      if (!instance) throw new Error('no instance');
      const a = await instance.admit('Pa.Alex', '203.0.113.7', null);
      const b = local.admit('Pa.Alex', '203.0.113.7', null);
      if (a.admitted) a.attempt.fail();
      if (b.admitted) b.attempt.fail();
      sharedSteps.push(shape(a));
      localSteps.push(shape(b));
      clock.now += 10_000;
    }
    expect(sharedSteps).toEqual(localSteps);
    // The budget (3), then one more after 1 min, after 2 min more, after 4 min more: 6 in 12 minutes.
    expect(sharedSteps.filter((step) => step === 'admitted')).toHaveLength(6);
    // The 4th guess, 10 s after the 3rd: a minute from the 3rd, and the refusal to audit is this one.
    expect(sharedSteps[3]).toBe('wait 50s first');
    expect(sharedSteps[4]).toBe('wait 40s');
  });

  it('evaluates only the budget of parallel guesses spread over both instances', async () => {
    const shared = sharedBudgets({ now: 1_700_000_000_000 });
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => shared[i % 2]?.admit('pa.sam', '203.0.113.8', null)),
    );
    expect(answers.filter((answer) => answer?.admitted)).toHaveLength(LIMITS.perAccountAddress);
    // One refusal is the first (audited), whichever instance answered it.
    expect(answers.filter((answer) => answer && !answer.admitted && answer.firstRefusal)).toHaveLength(1);
  });

  it('counts one account across addresses and instances, and the real user on their own laptop apart', async () => {
    const shared = sharedBudgets({ now: 1_700_000_000_000 });
    const steps: string[] = [];
    for (let i = 0; i < 10; i++) {
      const answer = await shared[i % 2]?.admit('pa.kim', `198.18.0.${i}`, null);
      if (answer?.admitted) answer.attempt.fail();
      steps.push(answer ? shape(answer) : 'none');
    }
    expect(steps.filter((step) => step === 'admitted')).toHaveLength(LIMITS.perAccount);
    const ownLaptop = await shared[1]?.admit('pa.kim', '198.51.100.1', 'laptop-1');
    expect(ownLaptop?.admitted).toBe(true);
  });

  it('forgives the pair budget on success and drops a cancelled reservation, seen from the other instance', async () => {
    const shared = sharedBudgets({ now: 1_700_000_000_000 });
    const [a, b] = shared;
    if (!a || !b) throw new Error('no instances');
    for (let i = 0; i < LIMITS.perAccountAddress - 1; i++) {
      const answer = await a.admit('pa.jo', '203.0.113.9', null);
      if (answer.admitted) answer.attempt.fail();
    }
    const cancelled = await b.admit('pa.jo', '203.0.113.9', null);
    if (!cancelled.admitted) throw new Error('the last attempt of the budget was refused');
    cancelled.attempt.cancel();
    const succeeded = await a.admit('pa.jo', '203.0.113.9', null);
    if (!succeeded.admitted) throw new Error('a cancelled reservation still counted');
    succeeded.attempt.succeed();
    // The pair's failures are forgiven: a whole budget again, on either instance.
    for (let i = 0; i < LIMITS.perAccountAddress; i++) {
      const answer = await b.admit('pa.jo', '203.0.113.9', null);
      expect(answer.admitted).toBe(true);
      if (answer.admitted) answer.attempt.fail();
    }
    expect((await a.admit('pa.jo', '203.0.113.9', null)).admitted).toBe(false);
  });
});

describe('day quotas shared by two instances', () => {
  const limits: WriteLimits = {
    ...DEFAULT_WRITE_LIMITS,
    maxUserBytesPerDay: 1000,
    maxUserRecordsPerDay: 3,
    maxNewRecordsPerDay: 2,
  };

  it('refuses on one instance what filled the quota on the other, as one process does', async () => {
    const clock = { now: Date.parse('2026-12-02T10:00:00Z') };
    const [a, b] = instances.map((instance) => sharedDailyQuotas(instance.scripts, limits, () => clock.now));
    if (!a || !b) throw new Error('no instances');
    const local = new DailyQuotas(limits, () => clock.now);
    const user = randomUUID();
    const shared: unknown[] = [
      await a.takeNewRecord(user),
      await b.takeNewRecord(user),
      await a.takeNewRecord(user),
      await b.takeWrite(user, 'yp:1', 400),
      await a.takeWrite(user, 'yp:2', 100),
      await b.takeWrite(user, 'yp:3', 100),
      await a.takeWrite(user, 'yp:4', 10),
      await b.takeWrite(user, 'yp:1', 10),
      await a.takeWrite(user, 'yp:2', 500),
    ];
    const single: unknown[] = [
      local.takeNewRecord(user),
      local.takeNewRecord(user),
      local.takeNewRecord(user),
      local.takeWrite(user, 'yp:1', 400),
      local.takeWrite(user, 'yp:2', 100),
      local.takeWrite(user, 'yp:3', 100),
      local.takeWrite(user, 'yp:4', 10),
      local.takeWrite(user, 'yp:1', 10),
      local.takeWrite(user, 'yp:2', 500),
    ];
    expect(shared).toEqual(single);
    expect(shared).toEqual([
      true,
      true,
      false,
      null,
      null,
      null,
      SERVER_REASONS.quotaExceeded,
      null,
      SERVER_REASONS.quotaExceeded,
    ]);
    // A new UTC day starts again.
    clock.now = Date.parse('2026-12-03T00:00:01Z');
    expect(await b.takeNewRecord(user)).toBe(true);
    expect(await a.takeWrite(user, 'yp:4', 10)).toBeNull();
  });
});

describe('with Redis out of reach', () => {
  it('refuses every shared check instead of letting it through uncounted', async () => {
    const gone = await Cluster.connect({ redisUrl: redisUrl(), prefix, log: () => undefined });
    await gone.close();
    const budget = new SharedLoginBudget({
      redis: gone.scripts,
      hashKey: new Uint8Array(32),
      limits: LIMITS,
    });
    const quotas = sharedDailyQuotas(gone.scripts, DEFAULT_WRITE_LIMITS);
    await expect(budget.admit('pa.alex', '203.0.113.7', null)).rejects.toBeInstanceOf(
      SharedLimitsUnavailable,
    );
    await expect(quotas.takeNewRecord(randomUUID())).rejects.toBeInstanceOf(SharedLimitsUnavailable);
    await expect(quotas.takeWrite(randomUUID(), 'yp:1', 10)).rejects.toBeInstanceOf(SharedLimitsUnavailable);
  });
});
