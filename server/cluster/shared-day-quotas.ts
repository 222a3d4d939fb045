/**
 * The per-account day quotas of server/sync/limits.ts (bytes written, distinct records written, new
 * records a PA claims) counted once for every instance, in Redis, each check-and-count one Lua script so
 * two instances cannot both take the last unit. Keys are per user and UTC day and expire two days later.
 *
 * Redis rather than PostgreSQL: the counters survive an instance's restart (a rolling restart no longer
 * hands out a fresh day), an extra PostgreSQL write per update would add to the append path that
 * acknowledgement waits on, and no instance accepts a write while Redis is down anyway (cluster.ts). The
 * counts are lost only if Redis itself restarts without persistence: a day quota bounds abuse, it is not
 * billing, and every new-record claim is also an `assignment.auto` audit row in PostgreSQL.
 *
 * When Redis cannot be asked the methods throw SharedLimitsUnavailable: the write or claim is refused
 * (not acknowledged; the laptop keeps it and sends it again), never let through uncounted.
 */
import { SERVER_REASONS } from '../../shared/protocol.ts';
import { utcDay, type DailyQuotaCounter, type WriteLimits } from '../sync/limits.ts';
import { integersOf, type RedisScripts } from './redis-scripts.ts';

const TWO_DAYS_SECONDS = 2 * 24 * 3600;

/**
 * KEYS: bytes counter, set of records written. ARGV: bytes, record, byte cap, record cap, ttl s.
 * Returns {1} when counted, {0} when over either cap (nothing counted).
 */
const TAKE_WRITE = `
local bytes = tonumber(redis.call('GET', KEYS[1]) or '0')
if bytes + tonumber(ARGV[1]) > tonumber(ARGV[3]) then return {0} end
if redis.call('SISMEMBER', KEYS[2], ARGV[2]) == 0 and redis.call('SCARD', KEYS[2]) >= tonumber(ARGV[4]) then
  return {0}
end
redis.call('INCRBY', KEYS[1], ARGV[1])
redis.call('SADD', KEYS[2], ARGV[2])
redis.call('EXPIRE', KEYS[1], ARGV[5])
redis.call('EXPIRE', KEYS[2], ARGV[5])
return {1}
`;

/** KEYS: counter. ARGV: cap, ttl s. Returns {1} when counted, {0} when the cap is reached. */
const TAKE_ONE = `
if tonumber(redis.call('GET', KEYS[1]) or '0') >= tonumber(ARGV[1]) then return {0} end
redis.call('INCR', KEYS[1])
redis.call('EXPIRE', KEYS[1], ARGV[2])
return {1}
`;

/** The day quotas of `limits`, counted in the cluster's Redis (`redis`), by the UTC day of `now`. */
export function sharedDailyQuotas(
  redis: RedisScripts,
  limits: WriteLimits,
  now: () => number = Date.now,
): DailyQuotaCounter {
  const key = (kind: string, userId: string): string => `quota:${kind}:${userId}:${utcDay(now())}`;
  /** Runs a check-and-count script: true when it counted, false when the quota is full. */
  const take = async (script: string, keys: string[], args: (string | number)[]): Promise<boolean> => {
    const [counted] = integersOf(await redis.run(script, keys, args), 1);
    return counted === 1;
  };
  return {
    takeWrite: async (userId, docName, bytes) =>
      (await take(
        TAKE_WRITE,
        [key('bytes', userId), key('records', userId)],
        [bytes, docName, limits.maxUserBytesPerDay, limits.maxUserRecordsPerDay, TWO_DAYS_SECONDS],
      ))
        ? null
        : SERVER_REASONS.quotaExceeded,
    takeNewRecord: (userId) =>
      take(TAKE_ONE, [key('new-records', userId)], [limits.maxNewRecordsPerDay, TWO_DAYS_SECONDS]),
  };
}
