/**
 * Entry point: `node server/main.ts`. Configuration from the environment:
 *   WAYMARK_DATABASE_URL  postgres://… (PostgreSQL); otherwise
 *   WAYMARK_PG_SCHEMA     PostgreSQL schema (default public)
 *   WAYMARK_DB            SQLite file (default ./.waymark-data/waymark.sqlite)
 *   WAYMARK_DATA_DIR      where the generated token secret is kept (default: the SQLite file's folder)
 *   WAYMARK_TOKEN_SECRET  base64 HS256 secret (≥ 32 bytes) instead of the generated one
 *   WAYMARK_HOST          default 127.0.0.1 (set 0.0.0.0 behind a TLS-terminating proxy)
 *   WAYMARK_PORT          default 1234
 *   WAYMARK_DEMO=1        seed the demo accounts (see seed-demo.ts); WAYMARK_DEMO=caseload adds a synthetic caseload
 *   WAYMARK_SESSION_HOURS absolute lifetime of a sign-in session (default 12): then the user signs in again
 *   WAYMARK_OIDC_ISSUER, WAYMARK_OIDC_JWKS_URL, WAYMARK_OIDC_AUDIENCE (optional), WAYMARK_OIDC_USER_CLAIM
 *                         (sub, the default, or oid: an identifier that never changes)
 *   WAYMARK_TRUSTED_PROXIES  comma-separated IP addresses of the TLS proxy; X-Forwarded-For is believed
 *                         only from these (default: none — the socket peer is the client)
 *   WAYMARK_ALLOWED_ORIGINS  comma-separated web origins allowed to call the API and open /sync, or
 *                         `loopback` (default: app://waymark,loopback — the desktop app and local browser builds)
 *   WAYMARK_LOG_LEVEL     fatal, error, warn, info (default), debug, trace or silent; logs are JSON lines
 *   WAYMARK_METRICS_PORT  serve /metrics, /healthz, /readyz on a separate port (default: none)
 *   WAYMARK_METRICS_HOST  its address (default 127.0.0.1)
 *   WAYMARK_METRICS_TOKEN serve /metrics on the public port too, to `Authorization: Bearer <token>`
 *   WAYMARK_DRAIN_GRACE_MS   on SIGTERM, keep serving open sockets at least this long while the load
 *                         balancer sees /readyz fail (default 0)
 *   WAYMARK_DRAIN_TIMEOUT_MS close everything within this long after SIGTERM (default 10000)
 *   WAYMARK_REDIS_URL     redis://[:password@]host:port[/db]: one of several instances on one PostgreSQL,
 *                         coordinated through Redis (docs/operations.md); needs WAYMARK_DATABASE_URL and
 *                         WAYMARK_TOKEN_SECRET shared by every instance
 *   WAYMARK_INSTANCE_ID   this instance's name among several (letters, digits, . _ -; default random)
 *   WAYMARK_REDIS_PREFIX  namespace of Waymark's Redis keys and channels (default waymark; one per council
 *                         when councils share a Redis)
 *   WAYMARK_CHECKED_COPY_IDLE_MS  drop a record's checked copy (kept by the update checks, as big as the
 *                         record) after this long without a write, ms (default 10000; 0 keeps it while loaded)
 * SIGINT/SIGTERM stop it gracefully (drain, docs/operations.md): /readyz fails, new sockets are refused,
 * every update received is stored, loaded documents are compacted, sockets close with a reconnect hint.
 */
import { parseOidcSubjectClaim } from './auth/tokens.ts';
import { describeHeapLimit } from './heap-limit.ts';
import { parseTrustedProxies } from './http/client-address.ts';
import { parseAllowedOrigins } from './http/origins.ts';
import { createLogger, errorMessage, parseLogLevel } from './observability/logger.ts';
import { redisOptionsFromUrl } from './cluster/redis-url.ts';
import { DEFAULT_DRAIN, startServer, type StartServerOptions } from './server.ts';

/** A whole number from the environment within [min, max], or undefined when unset. */
function intFromEnv(env: NodeJS.ProcessEnv, name: string, min: number, max: number): number | undefined {
  const text = env[name];
  if (text === undefined || text === '') return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new Error(`${name} must be an integer ${min}–${max} (got ${JSON.stringify(text)})`);
  return value;
}

function optionsFromEnv(env: NodeJS.ProcessEnv): StartServerOptions {
  const port = env['WAYMARK_PORT'] ? Number(env['WAYMARK_PORT']) : 1234;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`WAYMARK_PORT must be an integer 0–65535 (got ${JSON.stringify(env['WAYMARK_PORT'])})`);
  }
  const issuer = env['WAYMARK_OIDC_ISSUER'];
  const jwksUrl = env['WAYMARK_OIDC_JWKS_URL'];
  const audience = env['WAYMARK_OIDC_AUDIENCE'];
  if ((issuer || jwksUrl || audience) && !(issuer && jwksUrl && audience)) {
    throw new Error('OIDC needs all of WAYMARK_OIDC_ISSUER, WAYMARK_OIDC_JWKS_URL and WAYMARK_OIDC_AUDIENCE');
  }
  const sessionHoursText = env['WAYMARK_SESSION_HOURS'];
  const sessionHours = sessionHoursText === undefined ? undefined : Number(sessionHoursText);
  if (
    sessionHours !== undefined &&
    !(Number.isFinite(sessionHours) && sessionHours > 0 && sessionHours <= 744)
  ) {
    throw new Error(
      `WAYMARK_SESSION_HOURS must be a number of hours above 0 and at most 744 (got ${JSON.stringify(sessionHoursText)})`,
    );
  }
  const metricsPort = intFromEnv(env, 'WAYMARK_METRICS_PORT', 0, 65535);
  const metricsToken = env['WAYMARK_METRICS_TOKEN'];
  if (metricsToken !== undefined && metricsToken !== '' && !/^\S{24,512}$/.test(metricsToken))
    throw new Error('WAYMARK_METRICS_TOKEN must be 24 to 512 characters without spaces');
  const graceMs = intFromEnv(env, 'WAYMARK_DRAIN_GRACE_MS', 0, 600_000);
  const timeoutMs = intFromEnv(env, 'WAYMARK_DRAIN_TIMEOUT_MS', 1000, 600_000);
  const checkedCopyIdleMs = intFromEnv(env, 'WAYMARK_CHECKED_COPY_IDLE_MS', 0, 3_600_000);
  const redisUrl = env['WAYMARK_REDIS_URL'];
  if (redisUrl) {
    redisOptionsFromUrl(redisUrl);
    if (!env['WAYMARK_DATABASE_URL'])
      throw new Error(
        'WAYMARK_REDIS_URL (several instances) needs WAYMARK_DATABASE_URL (a shared PostgreSQL)',
      );
  }
  const instanceId = env['WAYMARK_INSTANCE_ID'];
  if (instanceId !== undefined && !/^[A-Za-z0-9._-]{1,64}$/.test(instanceId))
    throw new Error(
      `WAYMARK_INSTANCE_ID must be 1–64 letters, digits, dots, underscores or hyphens (got ${JSON.stringify(instanceId)})`,
    );
  const redisPrefix = env['WAYMARK_REDIS_PREFIX'];
  if (redisPrefix !== undefined && !/^[A-Za-z0-9._-]{1,64}$/.test(redisPrefix))
    throw new Error(
      `WAYMARK_REDIS_PREFIX must be 1–64 letters, digits, dots, underscores or hyphens (got ${JSON.stringify(redisPrefix)})`,
    );
  return {
    ...(redisUrl ? { redisUrl } : {}),
    ...(redisPrefix !== undefined ? { redisPrefix } : {}),
    ...(instanceId !== undefined ? { instanceId } : {}),
    logger: createLogger({ level: parseLogLevel(env['WAYMARK_LOG_LEVEL']) }),
    ...(metricsPort !== undefined ? { metricsPort } : {}),
    ...(env['WAYMARK_METRICS_HOST'] ? { metricsHost: env['WAYMARK_METRICS_HOST'] } : {}),
    ...(metricsToken ? { metricsToken } : {}),
    drain: {
      ...(graceMs !== undefined ? { graceMs } : {}),
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    },
    ...(sessionHours !== undefined ? { sessionHours } : {}),
    ...(checkedCopyIdleMs !== undefined ? { checkedCopyIdleMs } : {}),
    ...(env['WAYMARK_DATABASE_URL'] ? { databaseUrl: env['WAYMARK_DATABASE_URL'] } : {}),
    ...(env['WAYMARK_PG_SCHEMA'] ? { pgSchema: env['WAYMARK_PG_SCHEMA'] } : {}),
    ...(env['WAYMARK_DB'] ? { sqlitePath: env['WAYMARK_DB'] } : {}),
    ...(env['WAYMARK_DATA_DIR'] ? { dataDir: env['WAYMARK_DATA_DIR'] } : {}),
    ...(env['WAYMARK_TRUSTED_PROXIES']
      ? { trustedProxies: parseTrustedProxies(env['WAYMARK_TRUSTED_PROXIES']) }
      : {}),
    ...(env['WAYMARK_ALLOWED_ORIGINS']
      ? { allowedOrigins: parseAllowedOrigins(env['WAYMARK_ALLOWED_ORIGINS']) }
      : {}),
    host: env['WAYMARK_HOST'] ?? '127.0.0.1',
    port,
    seedDemo: env['WAYMARK_DEMO'] === '1' || env['WAYMARK_DEMO'] === 'caseload',
    demoCaseload: env['WAYMARK_DEMO'] === 'caseload',
    ...(issuer && jwksUrl && audience
      ? {
          oidc: {
            issuer,
            jwksUrl,
            audience,
            userClaim: parseOidcSubjectClaim(env['WAYMARK_OIDC_USER_CLAIM'] ?? 'sub'),
          },
        }
      : {}),
  };
}

async function main(): Promise<void> {
  const options = optionsFromEnv(process.env);
  const logger = options.logger ?? createLogger();
  logger.info(describeHeapLimit(process.execArgv, process.env['NODE_OPTIONS']));
  const server = await startServer(options);
  let signalled = false;
  const onSignal = (signal: string): void => {
    if (signalled) return;
    signalled = true;
    logger.info({ signal }, 'stopping: draining, storing every record, then closing sockets');
    // Bounded: whatever hangs (a store that stopped answering), the process ends.
    const bound = (options.drain?.timeoutMs ?? DEFAULT_DRAIN.timeoutMs) + 15_000;
    setTimeout(() => {
      logger.error({ boundMs: bound }, 'stop did not finish in time; exiting');
      process.exit(1);
    }, bound).unref();
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: errorMessage(error) }, 'stop failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));
}

if (import.meta.main) {
  main().catch((error: unknown) => {
    createLogger().fatal({ err: errorMessage(error) }, 'failed to start');
    process.exit(1);
  });
}

export { startServer, optionsFromEnv };
