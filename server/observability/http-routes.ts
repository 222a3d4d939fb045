/**
 * The operations endpoints and the HTTP access log:
 *   GET /healthz  liveness: the process is up and its event loop answers (200, `{ "ok": true }`).
 *   GET /readyz   readiness: every check in ReadinessChecks passes (200) or not (503), with the check
 *                 names and "ok"/"failed" only.
 *   GET /metrics  Prometheus exposition. On the metrics listener (WAYMARK_METRICS_PORT, loopback by
 *                 default) without credentials; on the public port only when a metrics token is
 *                 configured (WAYMARK_METRICS_TOKEN), with `Authorization: Bearer <token>`, else 404.
 * Health answers need no authentication and carry no data. Other methods get 405.
 */
import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { isValidHost, parseRequestTarget } from '../http/request-target.ts';
import type { ServerLogger } from './logger.ts';
import type { ServerMetrics } from './metrics.ts';
import type { ReadinessChecks } from './readiness.ts';
import { beginRequest, requestUserOf } from './request-context.ts';

export const OPS_PATHS = { healthz: '/healthz', readyz: '/readyz', metrics: '/metrics' } as const;

export interface OpsRoutesOptions {
  readonly readiness: Pick<ReadinessChecks, 'run'>;
  readonly metrics: ServerMetrics;
  /** Bearer token for /metrics on the public port; null: /metrics is not served there. */
  readonly metricsToken: string | null;
}

/** Which listener a request arrived on. */
export type Listener = 'public' | 'metrics';

function answer(response: ServerResponse, status: number, body: string, type: string): void {
  response.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...(status === 405 ? { allow: 'GET' } : {}),
  });
  response.end(body);
}

const json = (response: ServerResponse, status: number, body: unknown): void =>
  answer(response, status, JSON.stringify(body), 'application/json; charset=utf-8');

function bearerMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer (\S{1,512})$/.exec(header ?? '');
  if (!match?.[1]) return false;
  const given = Buffer.from(match[1]);
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Handles the request when it is for an operations path on this listener (true), else leaves it to
 * the API (false). On the public port a request whose Host or target is malformed is left to the API,
 * which refuses it.
 */
export function createOpsRoutes(
  options: OpsRoutesOptions,
): (request: IncomingMessage, response: ServerResponse, listener: Listener) => boolean {
  const serve = async (request: IncomingMessage, response: ServerResponse, path: string): Promise<void> => {
    if (path === OPS_PATHS.healthz) return json(response, 200, { ok: true });
    if (path === OPS_PATHS.readyz) {
      const report = await options.readiness.run();
      return json(response, report.ready ? 200 : 503, report);
    }
    const { contentType, text } = await options.metrics.exposition();
    answer(response, 200, text, contentType);
  };
  return (request, response, listener) => {
    const target = parseRequestTarget(request.url);
    const valid = target !== null && isValidHost(request.headers.host);
    const path = target?.pathname ?? '';
    const known = path === OPS_PATHS.healthz || path === OPS_PATHS.readyz || path === OPS_PATHS.metrics;
    if (listener === 'public' && (!valid || !known)) return false;
    if (listener === 'public' && path === OPS_PATHS.metrics) {
      if (options.metricsToken === null) return false;
      if (!bearerMatches(request.headers.authorization, options.metricsToken)) {
        request.resume();
        json(response, 401, {
          error: 'unauthorized',
          message: 'Authorization: Bearer <metrics token> required',
        });
        return true;
      }
    }
    request.resume();
    if (!valid) json(response, 400, { error: 'bad-request', message: 'malformed Host or request target' });
    else if (!known) json(response, 404, { error: 'not-found', message: `no route for ${path}` });
    else if (request.method !== 'GET') json(response, 405, { error: 'bad-request', message: 'GET only' });
    else
      serve(request, response, path).catch(() => {
        if (!response.headersSent)
          json(response, 500, { error: 'internal-error', message: 'internal error' });
        else response.destroy();
      });
    return true;
  };
}

/**
 * Gives every request an id (X-Request-Id in the answer) and writes one log line when it is answered:
 * method, path (never the query), status, duration, and the user once the API authenticated them.
 * Health and metrics requests log at debug (load balancers poll them).
 */
export function logRequests(
  logger: ServerLogger,
  metrics: ServerMetrics,
): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    const reqId = beginRequest(request);
    response.setHeader('x-request-id', reqId);
    const started = process.hrtime.bigint();
    response.once('finish', () => {
      metrics.httpAnswered(response.statusCode);
      const path = parseRequestTarget(request.url)?.pathname.slice(0, 200) ?? '(malformed)';
      const ops = path === OPS_PATHS.healthz || path === OPS_PATHS.readyz || path === OPS_PATHS.metrics;
      const fields = {
        reqId,
        method: request.method?.slice(0, 16),
        path,
        status: response.statusCode,
        ms: Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10,
        userId: requestUserOf(request),
      };
      if (ops) logger.debug(fields, 'http request');
      else logger.info(fields, 'http request');
    });
  };
}

/** The separate metrics listener: /metrics, /healthz and /readyz only. */
export async function startMetricsListener(
  host: string,
  port: number,
  routes: ReturnType<typeof createOpsRoutes>,
): Promise<{ server: Server; url: string }> {
  const server = createServer({ requestTimeout: 30_000, headersTimeout: 15_000 }, (request, response) => {
    routes(request, response, 'metrics');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('metrics listener has no TCP address');
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return { server, url: `http://${urlHost}:${address.port}` };
}
