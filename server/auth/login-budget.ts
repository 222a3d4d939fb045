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
 * In memory: one server process owns the sync endpoint; a restart forgets the budgets.
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

interface Bucket {
  /** Times of failures and of attempts still being evaluated. */
  times: number[];
  refusedSinceAdmit: boolean;
}

function normaliseUsername(username: string): string {
  return username.trim().toLowerCase();
}

export class LoginBudget {
  private readonly buckets = new Map<string, Bucket>();
  private readonly limits: LoginBudgetLimits;
  private readonly now: () => number;

  constructor(limits: Partial<LoginBudgetLimits> = {}, now: () => number = Date.now) {
    this.limits = { ...DEFAULT_LOGIN_BUDGET, ...limits };
    this.now = now;
  }

  private keysFor(username: string, address: string, knownDevice: string | null): [string, number][] {
    const account = normaliseUsername(username);
    const l = this.limits;
    if (knownDevice !== null) return [[`device\u0000${account}\u0000${knownDevice}`, l.perKnownDevice]];
    return [
      [`pair\u0000${account}\u0000${address}`, l.perAccountAddress],
      [`account\u0000${account}`, l.perAccount],
      [`address\u0000${address}`, l.perAddress],
      ['global', l.global],
    ];
  }

  private recent(key: string): Bucket {
    const cutoff = this.now() - this.limits.windowMs;
    const bucket = this.buckets.get(key) ?? { times: [], refusedSinceAdmit: false };
    bucket.times = bucket.times.filter((t) => t > cutoff);
    return bucket;
  }

  /** Milliseconds until this bucket admits another attempt (0: now). */
  private waitMs(bucket: Bucket, limit: number): number {
    const over = bucket.times.length - limit;
    if (over < 0) return 0;
    const last = bucket.times[bucket.times.length - 1] ?? 0;
    const delay = Math.min(this.limits.maxDelayMs, this.limits.baseDelayMs * 2 ** Math.min(over, 30));
    return Math.max(0, last + delay - this.now());
  }

  /**
   * Admits and reserves an attempt, or refuses it with how long to wait. `knownDevice`: the device id
   * when this device signed in to this account before (and is not revoked), else null.
   */
  admit(username: string, address: string, knownDevice: string | null): LoginAdmission {
    const keys = this.keysFor(username, address, knownDevice);
    const buckets = keys.map(([key, limit]) => ({ key, limit, bucket: this.recent(key) }));
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
    let settled = false;
    const unreserve = (forgivePair: boolean): void => {
      for (const { key, bucket } of buckets) {
        if (forgivePair && (key.startsWith('pair\u0000') || key.startsWith('device\u0000'))) {
          this.buckets.delete(key);
          continue;
        }
        const index = bucket.times.lastIndexOf(at);
        if (index >= 0) bucket.times.splice(index, 1);
      }
    };
    const settle = (action: () => void): void => {
      if (settled) return;
      settled = true;
      action();
    };
    return {
      admitted: true,
      attempt: {
        fail: () => settle(() => undefined),
        succeed: () => settle(() => unreserve(true)),
        cancel: () => settle(() => unreserve(false)),
      },
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
