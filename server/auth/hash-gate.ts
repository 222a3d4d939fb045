/**
 * A bound on concurrent password hashes. Each scrypt verification takes 32 MiB and a thread-pool slot
 * (passwords.ts), so 200 parallel bogus logins used to take 200 × 32 MiB and queue a real sign-in
 * behind all of them (94 ms → 16.6 s). At most `maxConcurrent` hashes run; at most `maxQueued` wait;
 * anything more is refused at once (429, Retry-After) instead of piling up. Attempts from a device that
 * already signed in to the account go in a priority lane, served first and with its own queue, so a
 * flood of strangers cannot keep the real user out.
 */
export type HashLane = 'priority' | 'normal';

export interface HashGateOptions {
  readonly maxConcurrent: number;
  /** Waiting attempts per lane. */
  readonly maxQueued: number;
}

export const DEFAULT_HASH_GATE: HashGateOptions = { maxConcurrent: 2, maxQueued: 16 };

export class HashGate {
  private readonly options: HashGateOptions;
  private running = 0;
  private readonly queues: Record<HashLane, (() => void)[]> = { priority: [], normal: [] };

  constructor(options: Partial<HashGateOptions> = {}) {
    this.options = { ...DEFAULT_HASH_GATE, ...options };
  }

  /** Running and waiting hashes now. */
  get load(): { running: number; queued: number } {
    return { running: this.running, queued: this.queues.priority.length + this.queues.normal.length };
  }

  /**
   * Runs `task` when a slot is free, or returns null at once when the lane's queue is full (the caller
   * refuses the request; nothing was evaluated).
   */
  run<T>(lane: HashLane, task: () => Promise<T>): Promise<T> | null {
    if (this.running < this.options.maxConcurrent) {
      this.running += 1;
      return this.execute(task);
    }
    const queue = this.queues[lane];
    if (queue.length >= this.options.maxQueued) return null;
    return new Promise<void>((resolve) => queue.push(resolve)).then(() => this.execute(task));
  }

  private async execute<T>(task: () => Promise<T>): Promise<T> {
    try {
      return await task();
    } finally {
      const next = this.queues.priority.shift() ?? this.queues.normal.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}
