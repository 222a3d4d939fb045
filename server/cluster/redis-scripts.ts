/**
 * Atomic counters shared by every instance (shared-login-budget.ts, shared-day-quotas.ts) run as small
 * Lua scripts on the cluster's Redis: a script runs alone, so a check and its reservation are one step
 * across all instances, as they are one synchronous step in a single process.
 */

/** Runs a Lua script atomically; `keys` are namespaced by the runner (the cluster's prefix). */
export interface RedisScripts {
  run(script: string, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown>;
}

/**
 * Redis could not be asked (unreachable, or the command failed): a shared limit cannot be checked, so the
 * request is refused ("fail closed"), never let through on a budget nobody counted.
 */
export class SharedLimitsUnavailable extends Error {
  constructor(detail: string) {
    super(`shared limits unavailable: ${detail}`);
  }
}

/** An array of integers from a script's reply, or a specific error. */
export function integersOf(reply: unknown, length: number): number[] {
  if (!Array.isArray(reply) || reply.length !== length || !reply.every((n) => typeof n === 'number'))
    throw new SharedLimitsUnavailable(`unexpected script reply ${JSON.stringify(reply)}`);
  return reply as number[];
}
