/**
 * Login rate limiting: at most `maxFailures` failed logins per (username, IP address) within a sliding
 * window. In memory: one server process owns the sync endpoint.
 */
export interface RateLimiterOptions {
  readonly maxFailures: number;
  readonly windowMs: number;
  readonly now?: () => number;
}

export class LoginRateLimiter {
  private readonly failures = new Map<string, number[]>();
  private readonly maxFailures: number;
  private readonly windowMs: number;
  private readonly now: () => number;

  constructor(options: RateLimiterOptions) {
    this.maxFailures = options.maxFailures;
    this.windowMs = options.windowMs;
    this.now = options.now ?? Date.now;
  }

  private key(username: string, ip: string): string {
    return `${username.trim().toLowerCase()}\u0000${ip}`;
  }

  private recent(key: string): number[] {
    const cutoff = this.now() - this.windowMs;
    const list = (this.failures.get(key) ?? []).filter((t) => t > cutoff);
    if (list.length) this.failures.set(key, list);
    else this.failures.delete(key);
    return list;
  }

  /** Seconds until another attempt is allowed, or 0 if allowed now. */
  retryAfterSeconds(username: string, ip: string): number {
    const list = this.recent(this.key(username, ip));
    if (list.length < this.maxFailures) return 0;
    const oldest = list[list.length - this.maxFailures] ?? this.now();
    return Math.max(1, Math.ceil((oldest + this.windowMs - this.now()) / 1000));
  }

  recordFailure(username: string, ip: string): void {
    const key = this.key(username, ip);
    this.failures.set(key, [...this.recent(key), this.now()]);
  }

  recordSuccess(username: string, ip: string): void {
    this.failures.delete(this.key(username, ip));
  }

  /** Drops expired entries (called periodically so the map cannot grow without bound). */
  prune(): void {
    for (const key of [...this.failures.keys()]) this.recent(key);
  }
}
