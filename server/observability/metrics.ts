/**
 * Prometheus metrics of one sync server (prom-client, a registry of its own so several servers in one
 * process never share counters). Labels are bounded sets: protocol reasons, update rules, outcomes —
 * never a user, a record or a value. Gauges of live state (sockets, users, records) are read when
 * scraped, from `MetricsSources` the server provides. Served by observability/http-routes.ts.
 */
import { getHeapStatistics } from 'node:v8';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Live figures read at scrape time. */
export interface MetricsSources {
  readonly socketsOpen: () => number;
  readonly unauthenticatedSockets: () => number;
  readonly authenticatedUsers: () => number;
  readonly recordsLoaded: () => number;
  /** Loaded records whose update checks hold a checked copy (dropped after an idle time or on unload). */
  readonly checkedCopies: () => number;
  readonly ready: () => boolean;
  readonly draining: () => boolean;
}

/**
 * How a sign-in attempt ended (POST /api/login and /api/login/oidc): ok; failed (wrong credentials,
 * unknown or disabled account); rate-limited (budgets or the hash queue); refused (device: revoked,
 * wrong key, missing proof); bad-request; error (the server failed).
 */
export type SignInOutcome =
  'ok' | 'failed' | 'rate-limited' | 'refused' | 'bad-request' | 'app-update-required' | 'error';

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** What each metric measures (the exposition's HELP line). */
const HELP: Readonly<Record<string, string>> = {
  waymark_append_duration_seconds:
    'Durable append of one incoming update to the store (before it is acknowledged).',
  waymark_sync_duration_seconds:
    'One incoming update from receipt to ready to acknowledge: limits, checks and the durable append.',
  waymark_record_load_duration_seconds: 'Loading one record from the store into memory.',
  waymark_refusals_total:
    'Refusals by protocol reason: where=sync (websocket authentication and writes) or http (API authentication).',
  waymark_update_refusals_total:
    'Updates refused by the record checks (server/sync/update-validation.ts), by rule.',
  waymark_compactions_total:
    'Record compactions (appended updates merged into one stored state), by outcome.',
  waymark_compaction_duration_seconds: 'Duration of one record compaction.',
  waymark_sign_in_attempts_total: 'Sign-in attempts by method (password, oidc) and outcome.',
  waymark_http_requests_total: 'HTTP requests answered, by status class (2xx, 4xx, 5xx).',
};

export class ServerMetrics {
  readonly registry = new Registry();
  private readonly appendSeconds: Histogram;
  private readonly syncSeconds: Histogram;
  private readonly loadSeconds: Histogram;
  private readonly refusals: Counter<'where' | 'reason'>;
  private readonly updateRefusals: Counter<'rule'>;
  private readonly compactions: Counter<'outcome'>;
  private readonly compactionSeconds: Histogram;
  private readonly signIns: Counter<'method' | 'outcome'>;
  private readonly httpRequests: Counter<'status'>;

  constructor(sources: MetricsSources) {
    const registers = [this.registry];
    const help = (name: string): string => HELP[name] ?? name;
    const latency = (name: string): Histogram =>
      new Histogram({ name, help: help(name), buckets: LATENCY_BUCKETS, registers });
    const counter = <L extends string>(name: string, labelNames: readonly L[]): Counter<L> =>
      new Counter({ name, help: help(name), labelNames, registers });
    collectDefaultMetrics({ register: this.registry });
    const live = (name: string, help: string, read: () => number): void => {
      new Gauge({
        name,
        help,
        registers,
        collect() {
          this.set(read());
        },
      });
    };
    live('waymark_sockets_open', 'Open websockets (/sync), authenticated or not.', sources.socketsOpen);
    live(
      'waymark_sockets_unauthenticated',
      'Open websockets that have not authenticated a record yet.',
      sources.unauthenticatedSockets,
    );
    live(
      'waymark_authenticated_users',
      'Distinct users with at least one record open on this server.',
      sources.authenticatedUsers,
    );
    live('waymark_records_loaded', 'Records (documents) loaded in memory.', sources.recordsLoaded);
    live(
      'waymark_checked_copies',
      'Loaded records whose update checks hold a copy of the record (about as big again as the record; dropped after WAYMARK_CHECKED_COPY_IDLE_MS without a write, and when the record unloads).',
      sources.checkedCopies,
    );
    live('waymark_ready', '1 while /readyz answers ready, else 0.', () => (sources.ready() ? 1 : 0));
    live('waymark_draining', '1 once a graceful stop (SIGTERM) began.', () => (sources.draining() ? 1 : 0));
    live(
      'waymark_heap_limit_bytes',
      'V8 heap size limit (--max-old-space-size); compare nodejs_heap_size_used_bytes.',
      () => getHeapStatistics().heap_size_limit,
    );
    this.appendSeconds = latency('waymark_append_duration_seconds');
    this.syncSeconds = latency('waymark_sync_duration_seconds');
    this.loadSeconds = latency('waymark_record_load_duration_seconds');
    this.refusals = counter('waymark_refusals_total', ['where', 'reason']);
    this.updateRefusals = counter('waymark_update_refusals_total', ['rule']);
    this.compactions = counter('waymark_compactions_total', ['outcome']);
    this.compactionSeconds = latency('waymark_compaction_duration_seconds');
    this.signIns = counter('waymark_sign_in_attempts_total', ['method', 'outcome']);
    this.httpRequests = counter('waymark_http_requests_total', ['status']);
  }

  /** Starts a timer; the returned function records the seconds elapsed. */
  timeAppend(): () => void {
    return this.appendSeconds.startTimer();
  }
  timeSync(): () => void {
    return this.syncSeconds.startTimer();
  }
  timeLoad(): () => void {
    return this.loadSeconds.startTimer();
  }
  timeCompaction(): (outcome: 'ok' | 'failed') => void {
    const end = this.compactionSeconds.startTimer();
    return (outcome) => {
      end();
      this.compactions.inc({ outcome });
    };
  }
  refused(where: 'sync' | 'http', reason: string): void {
    this.refusals.inc({ where, reason });
  }
  updateRefused(rule: string): void {
    this.updateRefusals.inc({ rule });
  }
  signIn(method: 'password' | 'oidc', outcome: SignInOutcome): void {
    this.signIns.inc({ method, outcome });
  }
  httpAnswered(status: number): void {
    this.httpRequests.inc({ status: `${Math.floor(status / 100)}xx` });
  }

  /** The exposition text and its content type. */
  async exposition(): Promise<{ contentType: string; text: string }> {
    return { contentType: this.registry.contentType, text: await this.registry.metrics() };
  }
}
