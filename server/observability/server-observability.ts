/**
 * The observability of one running server, wired by server/server.ts in a few lines: the metrics, the
 * readiness checks (`store`, `draining`; others added through `readiness.add`), the request listener
 * that logs every request and answers /healthz, /readyz and /metrics before the API, and the optional
 * separate metrics listener.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { ServerLogger } from './logger.ts';
import { createOpsRoutes, logRequests, startMetricsListener } from './http-routes.ts';
import { ServerMetrics, type MetricsSources } from './metrics.ts';
import { ReadinessChecks } from './readiness.ts';

export interface ObservabilityOptions {
  readonly logger: ServerLogger;
  /** Answers when the store can run a query. */
  readonly storeReachable: () => Promise<unknown>;
  /** Live figures, read at scrape time. */
  readonly live: Omit<MetricsSources, 'ready' | 'draining'>;
  /** Bearer token for /metrics on the public port (null: not served there). */
  readonly metricsToken: string | null;
}

export class ServerObservability {
  readonly readiness = new ReadinessChecks();
  readonly metrics: ServerMetrics;
  private readonly logger: ServerLogger;
  private readonly routes: ReturnType<typeof createOpsRoutes>;
  private drainingNow = false;
  private lastReady = true;
  private metricsServer: Server | null = null;

  constructor(options: ObservabilityOptions) {
    this.logger = options.logger;
    this.readiness.add('store', options.storeReachable);
    this.readiness.add('draining', () => {
      if (this.drainingNow) throw new Error('draining');
    });
    this.metrics = new ServerMetrics({
      ...options.live,
      ready: () => this.lastReady && !this.drainingNow,
      draining: () => this.drainingNow,
    });
    this.routes = createOpsRoutes({
      readiness: {
        run: async () => {
          const report = await this.readiness.run();
          this.lastReady = report.ready;
          return report;
        },
      },
      metrics: this.metrics,
      metricsToken: options.metricsToken,
    });
  }

  get draining(): boolean {
    return this.drainingNow;
  }

  /** From now on /readyz answers 503 (and the server refuses new sockets). */
  startDraining(): void {
    this.drainingNow = true;
  }

  /** The public port's request listener: logs, then operations paths, then the API. */
  requestListener(
    api: (request: IncomingMessage, response: ServerResponse) => void,
  ): (request: IncomingMessage, response: ServerResponse) => void {
    const log = logRequests(this.logger, this.metrics);
    return (request, response) => {
      log(request, response);
      if (!this.routes(request, response, 'public')) api(request, response);
    };
  }

  /** Starts the separate metrics listener (loopback unless told otherwise); returns its URL. */
  async listenForMetrics(host: string, port: number): Promise<string> {
    const log = logRequests(this.logger, this.metrics);
    const { server, url } = await startMetricsListener(host, port, (request, response, listener) => {
      log(request, response);
      return this.routes(request, response, listener);
    });
    this.metricsServer = server;
    return url;
  }

  async close(): Promise<void> {
    const server = this.metricsServer;
    if (!server) return;
    this.metricsServer = null;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }
}
