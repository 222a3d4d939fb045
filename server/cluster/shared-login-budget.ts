/**
 * The sign-in budgets of server/auth/login-budget.ts counted once for every instance, in Redis: the same
 * keys (per account + address, per account, per address, server-wide; a known device's own budget, which
 * is the priority lane's), the same limits, window and doubling delay. Each key is a sorted set of
 * attempt times; one Lua script drops expired attempts, checks every budget and either reserves the
 * attempt in all of them or marks the refusal, atomically across instances — so the attempt is still
 * reserved before the password hash, and 40 parallel guesses spread over n instances are evaluated no
 * more often than against one. Keys carry an HMAC of the account and address (Redis never holds the
 * names tried, which are sometimes passwords typed in the wrong box). Entries expire with the window.
 *
 * When Redis cannot be asked, admit throws SharedLimitsUnavailable and the sign-in is refused (503,
 * nothing hashed): budgets are never opened, and an instance without Redis serves no sockets anyway.
 */
import { createHmac, randomUUID } from 'node:crypto';
import {
  DEFAULT_LOGIN_BUDGET,
  budgetKeys,
  settledOnce,
  type LoginAdmission,
  type LoginBudgetCounter,
  type LoginBudgetLimits,
} from '../auth/login-budget.ts';
import { integersOf, type RedisScripts } from './redis-scripts.ts';

/**
 * KEYS: n attempt sets, then their n "refused since the last admitted attempt" flags.
 * ARGV: now, window, attempt id, base delay, max delay, then the n limits.
 * Returns {1, 0, 0} when admitted (reserved in every set), or {0, wait ms, first refusal 0/1}.
 * The delay is login-budget.ts delayAfterLast, measured from the set's last attempt.
 */
const ADMIT = `
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local base = tonumber(ARGV[4])
local maxDelay = tonumber(ARGV[5])
local n = #KEYS / 2
local wait = 0
for i = 1, n do
  local key = KEYS[i]
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
  local over = redis.call('ZCARD', key) - tonumber(ARGV[5 + i])
  if over >= 0 then
    local last = redis.call('ZRANGE', key, -1, -1, 'WITHSCORES')
    local delay = math.min(maxDelay, base * 2 ^ math.min(over, 30))
    wait = math.max(wait, tonumber(last[2]) + delay - now)
  end
end
if wait > 0 then
  local first = 0
  for i = n + 1, 2 * n do
    if redis.call('EXISTS', KEYS[i]) == 0 then first = 1 end
    redis.call('SET', KEYS[i], '1', 'PX', window)
  end
  return {0, math.ceil(wait), first}
end
for i = 1, n do
  redis.call('ZADD', KEYS[i], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[i], window)
  redis.call('DEL', KEYS[n + i])
end
return {1, 0, 0}
`;

/** KEYS: attempt sets; ARGV: attempt id, how many leading sets to clear (forgiven). */
const RELEASE = `
local forgiven = tonumber(ARGV[2])
for i = 1, #KEYS do
  if i <= forgiven then redis.call('DEL', KEYS[i]) else redis.call('ZREM', KEYS[i], ARGV[1]) end
end
return 0
`;

export interface SharedLoginBudgetOptions {
  readonly redis: RedisScripts;
  /** Keys the HMAC of account names and addresses (derived from the token secret every instance shares). */
  readonly hashKey: Uint8Array;
  readonly limits?: Partial<LoginBudgetLimits>;
  readonly now?: () => number;
  readonly log?: (message: string) => void;
}

export class SharedLoginBudget implements LoginBudgetCounter {
  private readonly redis: RedisScripts;
  private readonly hashKey: Uint8Array;
  private readonly limits: LoginBudgetLimits;
  private readonly now: () => number;
  private readonly log: (message: string) => void;

  constructor(options: SharedLoginBudgetOptions) {
    this.redis = options.redis;
    this.hashKey = options.hashKey;
    this.limits = { ...DEFAULT_LOGIN_BUDGET, ...options.limits };
    this.now = options.now ?? Date.now;
    this.log = options.log ?? (() => undefined);
  }

  private redisKey(key: string): string {
    return `login:${createHmac('sha256', this.hashKey).update(key).digest('base64url')}`;
  }

  async admit(username: string, address: string, knownDevice: string | null): Promise<LoginAdmission> {
    const budgets = budgetKeys(this.limits, username, address, knownDevice);
    const sets = budgets.map(({ key }) => this.redisKey(key));
    const l = this.limits;
    const id = randomUUID();
    const [admitted = 0, wait = 0, first = 0] = integersOf(
      await this.redis.run(
        ADMIT,
        [...sets, ...sets.map((set) => `${set}:refused`)],
        [this.now(), l.windowMs, id, l.baseDelayMs, l.maxDelayMs, ...budgets.map(({ limit }) => limit)],
      ),
      3,
    );
    if (admitted !== 1)
      return {
        admitted: false,
        retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)),
        firstRefusal: first === 1,
      };
    // Forgiven sets come first (budgetKeys puts the pair or known-device budget first).
    const forgiven = budgets.filter((budget) => budget.forgiven).length;
    const release = (clear: number): void => {
      // Commands on one connection run in order, so the next admit sees this; if Redis fails here the
      // reservation simply stays counted as a failure (stricter, never looser).
      this.redis.run(RELEASE, sets, [id, clear]).catch((error: unknown) => {
        this.log(
          `releasing a sign-in reservation failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      });
    };
    return {
      admitted: true,
      attempt: settledOnce(
        () => release(forgiven),
        () => release(0),
      ),
    };
  }
}
