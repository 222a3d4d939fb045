/**
 * What `/readyz` asks: named checks, each a function that resolves when its dependency answers and
 * throws (or times out) when it does not. The server registers `store` (a query on the database) and
 * `draining` (fails from the moment a graceful stop begins); other wiring adds its own, e.g.
 * `server.readinessChecks.add('redis', () => redis.ping())`. The answer names the checks and whether
 * each passed — never an error message (it could carry a connection string).
 */
export type ReadinessCheck = () => Promise<unknown> | unknown;

export interface ReadinessReport {
  readonly ready: boolean;
  readonly checks: Readonly<Record<string, 'ok' | 'failed'>>;
}

/** A check that has not answered within this long counts as failed. */
export const READINESS_CHECK_TIMEOUT_MS = 2000;

export class ReadinessChecks {
  private readonly checks = new Map<string, ReadinessCheck>();
  private readonly timeoutMs: number;

  constructor(timeoutMs = READINESS_CHECK_TIMEOUT_MS) {
    this.timeoutMs = timeoutMs;
  }

  /** Adds (or replaces) a named check. Names: lower-case letters, digits and dashes. */
  add(name: string, check: ReadinessCheck): void {
    if (!/^[a-z][a-z0-9-]{0,40}$/.test(name))
      throw new Error(`readiness check name must be lower-case letters, digits and dashes (got ${name})`);
    this.checks.set(name, check);
  }

  remove(name: string): void {
    this.checks.delete(name);
  }

  get names(): string[] {
    return [...this.checks.keys()];
  }

  /** Runs every check at once; ready when all pass. */
  async run(): Promise<ReadinessReport> {
    const entries = await Promise.all(
      [...this.checks].map(async ([name, check]) => [name, await this.passes(check)] as const),
    );
    return {
      ready: entries.every(([, ok]) => ok),
      checks: Object.fromEntries(entries.map(([name, ok]) => [name, ok ? 'ok' : 'failed'])),
    };
  }

  private async passes(check: ReadinessCheck): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), this.timeoutMs);
    });
    try {
      return await Promise.race([
        Promise.resolve()
          .then(check)
          .then(
            () => true,
            () => false,
          ),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }
}
