/**
 * Idle lock: when the system has had no keyboard or mouse input for the policy-set number of minutes
 * (powerMonitor.getSystemIdleTime), or the screen locks, or the machine suspends, the main process tells
 * the renderer to hide case data behind the re-authentication screen. Locks once per idle period: after
 * input resumes the timer re-arms. The clock and the timer are injected.
 */
import type { IdleLockEvent, IdleLockReason } from '../shared/bridge.ts';

export type { IdleLockEvent, IdleLockReason };

export interface IdleScheduler {
  setInterval(callback: () => void, milliseconds: number): unknown;
  clearInterval(handle: unknown): void;
}

export interface IdleLockOptions {
  /** powerMonitor.getSystemIdleTime: seconds since the last input anywhere on the system. */
  getSystemIdleSeconds(): number;
  readonly scheduler: IdleScheduler;
  readonly idleMinutes: number;
  onLock(event: IdleLockEvent): void;
  /** How often to poll, default 15 s (the lock fires at most this long after the limit). */
  readonly pollSeconds?: number;
}

export interface IdleLock {
  start(): void;
  stop(): void;
  /** Immediate lock (screen lock, suspend). Fires even if already locked by idle. */
  lockNow(reason: Exclude<IdleLockReason, 'idle'>): void;
  /** Changes the limit (policy reloaded); takes effect at the next poll. */
  setIdleMinutes(minutes: number): void;
  /** For tests and diagnostics: one poll now. */
  poll(): void;
}

function assertMinutes(minutes: number): void {
  if (!Number.isFinite(minutes) || minutes <= 0) {
    throw new RangeError(`idle lock: idleMinutes must be a positive number, got ${String(minutes)}`);
  }
}

export function createIdleLock(options: IdleLockOptions): IdleLock {
  assertMinutes(options.idleMinutes);
  let limitSeconds = options.idleMinutes * 60;
  const pollMilliseconds = (options.pollSeconds ?? 15) * 1000;
  let handle: unknown = null;
  let lockedThisIdlePeriod = false;

  const poll = (): void => {
    const idleSeconds = options.getSystemIdleSeconds();
    if (idleSeconds >= limitSeconds) {
      if (!lockedThisIdlePeriod) {
        lockedThisIdlePeriod = true;
        options.onLock({ reason: 'idle', idleSeconds });
      }
    } else {
      // Input since the lock (idle time dropped below the limit): re-arm for the next idle period.
      lockedThisIdlePeriod = false;
    }
  };

  return {
    start() {
      if (handle !== null) return;
      handle = options.scheduler.setInterval(poll, pollMilliseconds);
    },
    stop() {
      if (handle === null) return;
      options.scheduler.clearInterval(handle);
      handle = null;
    },
    lockNow(reason) {
      lockedThisIdlePeriod = true;
      options.onLock({ reason, idleSeconds: 0 });
    },
    setIdleMinutes(minutes) {
      assertMinutes(minutes);
      limitSeconds = minutes * 60;
    },
    poll,
  };
}
