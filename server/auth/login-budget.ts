/**
 * Budgets of failed sign-ins, with the attempt reserved BEFORE the password is checked: the check and
 * the reservation happen in one synchronous step, so parallel guesses cannot all slip past a check
 * that is only recorded after a slow password hash (40 parallel guesses all used to be evaluated).
 *
 * Budgets (failures within the window; a reserved attempt counts until it succeeds):
 *  - from a device this account already signed in on: per account + device only, so the real user on
 *    their own laptop is never delayed by someone else's guesses from elsewhere;
 *  - from any other device: per account + address, per account (any address), per address (any
 *    account: password spraying) and global.
 * Past a budget the key is not locked: one more attempt is allowed after a delay that doubles with each
 * further failure (1 min, 2 min, 4 min … up to `maxDelayMs`), measured from the key's last attempt.
 * This class keeps the budgets in memory, for one server process (`npm start`; a restart forgets them).
 * Several instances share one set of budgets in Redis instead (server/cluster/shared-login-budget.ts,
 * same keys, limits and delays), so spreading guesses over the instances gains nothing.
 */
import { LOGIN_FAILURE_WINDOW_SECONDS, LOGIN_MAX_FAILURES } from '../../shared/protocol.ts';

export interface LoginBudgetLimits {
  readonly windowMs: number;
  /** Failures per account + device that signed in before (known device). */
  readonly perKnownDevice: number;
  readonly perAccountAddress: number;
  readonly perAccount: number;
  readonly perAddress: number;
  readonly global: number;
  /** First delay once a budget is spent; doubles per further failure. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_LOGIN_BUDGET: LoginBudgetLimits = {
  windowMs: LOGIN_FAILURE_WINDOW_SECONDS * 1000,
  perKnownDevice: LOGIN_MAX_FAILURES,
  perAccountAddress: LOGIN_MAX_FAILURES,
  perAccount: 20,
  perAddress: 30,
  global: 500,
  baseDelayMs: 60_000,
  maxDelayMs: LOGIN_FAILURE_WINDOW_SECONDS * 1000,
};

/** A reserved attempt: say how it ended. */
export interface LoginAttempt {
  /** Wrong password, unknown account, disabled account: the reservation stays as a failure. */
  fail(): void;
  /** Signed in: the reservation is dropped and the account's failures from this place are forgiven. */
  succeed(): void;
  /** Never evaluated (the server was too busy to hash): the reservation is dropped. */
  cancel(): void;
}

export type LoginAdmission =
  | { readonly admitted: true; readonly attempt: LoginAttempt }
  | {
      readonly admitted: false;
      readonly retryAfterSeconds: number;
      /** The first refusal since the key's last admitted attempt (audit this one, not the flood). */
      readonly firstRefusal: boolean;
    };

/** Counts sign-in attempts: in this process (LoginBudget) or shared by every instance (Redis). */
export interface LoginBudgetCounter {
  /**
   * Admits and reserves an attempt, or refuses it with how long to wait. `knownDevice`: the device id
   * when this device signed in to this account before (and is not revoked), else null.
   */
  admit(
    username: string,
    address: string,
    knownDevice: string | null,
  ): LoginAdmission | Promise<LoginAdmission>;
}

/** One budget an attempt counts against; `forgiven` ones are cleared by a successful sign-in. */
export interface BudgetKey {
  readonly key: string;
  readonly limit: number;
  readonly forgiven: boolean;
}

/** The budgets an attempt counts against (known device: its own only; else pair, account, address, global). */
export function budgetKeys(
  limits: LoginBudgetLimits,
  username: string,
  address: string,
  knownDevice: string | null,
): BudgetKey[] {
  const account = normaliseUsername(username);
  if (knownDevice !== null)
    return [
      { key: `device\u0000${account}\u0000${knownDevice}`, limit: limits.perKnownDevice, forgiven: true },
    ];
  return [
    { key: `pair\u0000${account}\u0000${address}`, limit: limits.perAccountAddress, forgiven: true },
    { key: `account\u0000${account}`, limit: limits.perAccount, forgiven: false },
    { key: `address\u0000${address}`, limit: limits.perAddress, forgiven: false },
    { key: 'global', limit: limits.global, forgiven: false },
  ];
}

/** How long after a key's last attempt the next is admitted, when it holds `count` attempts (0: now). */
export function delayAfterLast(limits: LoginBudgetLimits, count: number, limit: number): number {
  const over = count - limit;
  if (over < 0) return 0;
  return Math.min(limits.maxDelayMs, limits.baseDelayMs * 2 ** Math.min(over, 30));
}

/** An attempt that ends once: the first of fail, succeed or cancel counts, later calls do nothing. */
export function settledOnce(succeed: () => void, cancel: () => void): LoginAttempt {
  let settled = false;
  const settle = (action: () => void): void => {
    if (settled) return;
    settled = true;
    action();
  };
  return {
    fail: () => settle(() => undefined),
    succeed: () => settle(succeed),
    cancel: () => settle(cancel),
  };
}

interface Bucket {
  /** Times of failures and of attempts still being evaluated. */
  times: number[];
  refusedSinceAdmit: boolean;
}

function normaliseUsername(username: string): string {
  return username.trim().toLowerCase();
}

export class LoginBudget implements LoginBudgetCounter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly limits: LoginBudgetLimits;
  private readonly now: () => number;

  constructor(limits: Partial<LoginBudgetLimits> = {}, now: () => number = Date.now) {
    this.limits = { ...DEFAULT_LOGIN_BUDGET, ...limits };
    this.now = now;
  }

  private recent(key: string): Bucket {
    const cutoff = this.now() - this.limits.windowMs;
    const bucket = this.buckets.get(key) ?? { times: [], refusedSinceAdmit: false };
    bucket.times = bucket.times.filter((t) => t > cutoff);
    return bucket;
  }

  /** Milliseconds until this bucket admits another attempt (0: now). */
  private waitMs(bucket: Bucket, limit: number): number {
    const delay = delayAfterLast(this.limits, bucket.times.length, limit);
    if (delay === 0) return 0;
    const last = bucket.times[bucket.times.length - 1] ?? 0;
    return Math.max(0, last + delay - this.now());
  }

  admit(username: string, address: string, knownDevice: string | null): LoginAdmission {
    const keys = budgetKeys(this.limits, username, address, knownDevice);
    const buckets = keys.map(({ key, limit, forgiven }) => ({
      key,
      limit,
      forgiven,
      bucket: this.recent(key),
    }));
    let wait = 0;
    for (const { bucket, limit } of buckets) wait = Math.max(wait, this.waitMs(bucket, limit));
    if (wait > 0) {
      let firstRefusal = false;
      for (const { key, bucket } of buckets) {
        if (!bucket.refusedSinceAdmit) firstRefusal = true;
        bucket.refusedSinceAdmit = true;
        this.buckets.set(key, bucket);
      }
      return { admitted: false, retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)), firstRefusal };
    }
    const at = this.now();
    for (const { key, bucket } of buckets) {
      bucket.times.push(at);
      bucket.refusedSinceAdmit = false;
      this.buckets.set(key, bucket);
    }
    const unreserve = (forgivePair: boolean): void => {
      for (const { key, bucket, forgiven } of buckets) {
        if (forgivePair && forgiven) {
          this.buckets.delete(key);
          continue;
        }
        const index = bucket.times.lastIndexOf(at);
        if (index >= 0) bucket.times.splice(index, 1);
      }
    };
    return {
      admitted: true,
      attempt: settledOnce(
        () => unreserve(true),
        () => unreserve(false),
      ),
    };
  }

  /** Drops expired entries (called periodically so the map cannot grow without bound). */
  prune(): void {
    for (const key of [...this.buckets.keys()]) {
      const bucket = this.recent(key);
      if (bucket.times.length === 0) this.buckets.delete(key);
      else this.buckets.set(key, bucket);
    }
  }

  /** How many keys are tracked (for tests and stats). */
  get size(): number {
    return this.buckets.size;
  }
}
