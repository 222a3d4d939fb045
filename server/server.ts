/**
 * `startServer(options)`: the Waymark sync server — Hocuspocus over `ws` plus the HTTP API on one port.
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { dirname, resolve } from 'node:path';
import { WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { SYNC_PATH, ACCESS_TOKEN_TTL_SECONDS } from '../shared/protocol.ts';
import { CHALLENGE_TTL_MS, DeviceChallenges } from './auth/device-challenges.ts';
import { Cluster } from './cluster/cluster.ts';
import { sharedDailyQuotas } from './cluster/shared-day-quotas.ts';
import { SharedLoginBudget } from './cluster/shared-login-budget.ts';
import { DeviceGate } from './auth/device-keys.ts';
import { HashGate, type HashGateOptions } from './auth/hash-gate.ts';
import { LoginBudget, type LoginBudgetCounter, type LoginBudgetLimits } from './auth/login-budget.ts';
import { DEFAULT_SESSION_HOURS, SessionService } from './auth/sessions.ts';
import { loadOrCreateTokenSecret } from './auth/secret.ts';
import { OidcVerifier, TokenService, type OidcOptions } from './auth/tokens.ts';
import { createApiHandler } from './http/api.ts';
import { ClientAddressResolver } from './http/client-address.ts';
import { DEFAULT_ALLOWED_ORIGINS, OriginPolicy } from './http/origins.ts';
import { isValidHost, parseRequestTarget, toWebRequest } from './http/request-target.ts';
import { createLogger, errorMessage, loggerForCallback, type ServerLogger } from './observability/logger.ts';
import type { ReadinessChecks } from './observability/readiness.ts';
import { ServerObservability } from './observability/server-observability.ts';
import { seedDemo, seedDemoWithCaseload } from './seed-demo.ts';
import { assertDemoOnLoopback } from './demo-guard.ts';
import { DEFAULT_SQLITE_PATH, openStore } from './store/open-store.ts';
import type { Store } from './store/types.ts';
import { DEFAULT_WRITE_LIMITS, frameCapFor, type WriteLimits } from './sync/limits.ts';
import { DEFAULT_SOCKET_GUARD, type SocketGuardLimits } from './sync/socket-guard.ts';
import type { HandoverPolicy } from './sync/access.ts';
import { DEFAULT_HANDOVER_GRACE_MS } from './sync/former-holder.ts';
import { SyncEngine, type DrainTimings } from './sync/sync-engine.ts';

export interface StartServerOptions {
  /** Use this store (the caller keeps ownership: stop() does not close it). */
  readonly store?: Store;
  /** postgres://… (WAYMARK_DATABASE_URL); otherwise SQLite at `sqlitePath`. */
  readonly databaseUrl?: string;
  readonly pgSchema?: string;
  /** SQLite file (WAYMARK_DB), default ./.waymark-data/waymark.sqlite. */
  readonly sqlitePath?: string;
  /** Where the generated token secret lives; default: the SQLite file's folder, or ./.waymark-data. */
  readonly dataDir?: string;
  /** HS256 secret (≥ 32 bytes); overrides the data-dir secret. */
  readonly tokenSecret?: Uint8Array;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 0 (a free port). */
  readonly port?: number;
  readonly tokenTtlSeconds?: number;
  /** Absolute lifetime of a sign-in session, hours (default 12; WAYMARK_SESSION_HOURS). */
  readonly sessionHours?: number;
  /** Open websockets per client IP address (default 50). */
  readonly maxConnectionsPerIp?: number;
  /**
   * Largest websocket frame accepted, bytes (default: the update cap + 64 KiB). Bigger frames close the
   * socket (1009) before they are buffered.
   */
  readonly maxMessageBytes?: number;
  /** Update, record, daily, per-socket and new-record limits (server/sync/limits.ts DEFAULT_WRITE_LIMITS). */
  readonly writeLimits?: Partial<WriteLimits>;
  /**
   * Unauthenticated-socket cap, authentication deadline, bad-token and denial-audit limits
   * (server/sync/socket-guard.ts DEFAULT_SOCKET_GUARD).
   */
  readonly socketGuard?: Partial<SocketGuardLimits>;
  /** Documents a socket may have pending before authenticating (default 100). */
  readonly maxPendingDocuments?: number;
  readonly maxUnauthenticatedQueueBytes?: number;
  readonly connectionTimeoutMs?: number;
  /** Compact a document after this many appended updates (default 200). */
  readonly compactAfterUpdates?: number;
  readonly storeDebounceMs?: number;
  /**
   * How long after a reassignment the former PA's late changes are still accepted, ms (default 14 days;
   * server/sync/former-holder.ts).
   */
  readonly handoverGraceMs?: number;
  /** Interval of the access re-check of open connections, ms (default 5000). */
  readonly accessRecheckMs?: number;
  /** Failed-login budgets and delays (server/auth/login-budget.ts DEFAULT_LOGIN_BUDGET). */
  readonly loginBudget?: Partial<LoginBudgetLimits>;
  /** Concurrent and queued password hashes (server/auth/hash-gate.ts DEFAULT_HASH_GATE). */
  readonly hashGate?: Partial<HashGateOptions>;
  /**
   * Addresses of the TLS proxy (WAYMARK_TRUSTED_PROXIES): X-Forwarded-For is believed only from these.
   * Default none: the socket peer is the client.
   */
  readonly trustedProxies?: readonly string[];
  /**
   * Web origins allowed to call the API and open /sync (WAYMARK_ALLOWED_ORIGINS): exact origins or
   * `loopback`. Default: the Electron app's origin and loopback (server/http/origins.ts).
   */
  readonly allowedOrigins?: readonly string[];
  readonly oidc?: OidcOptions;
  /**
   * redis://… (WAYMARK_REDIS_URL): run as one of several instances on one PostgreSQL, coordinated
   * through Redis (server/cluster/cluster.ts). Needs a token secret shared by every instance.
   */
  readonly redisUrl?: string;
  /** This instance's name among several (WAYMARK_INSTANCE_ID); default a random one. */
  readonly instanceId?: string;
  /** Namespace of Waymark's Redis keys and channels (WAYMARK_REDIS_PREFIX, default `waymark`). */
  readonly redisPrefix?: string;
  /** Create the demo team and accounts (embedded demo mode only). */
  readonly seedDemo?: boolean;
  /** With seedDemo: also write a synthetic caseload for each demo PA (embedded `npm start`). */
  readonly demoCaseload?: boolean;
  /** The structured logger (observability/logger.ts); default: JSON lines on stdout. */
  readonly logger?: ServerLogger;
  /** Instead of `logger`: receives each log line's message (tests silence the server with this). */
  readonly log?: (message: string) => void;
  /**
   * Port of the separate metrics listener (/metrics, /healthz, /readyz; WAYMARK_METRICS_PORT); 0 picks a
   * free one. Default: no metrics listener.
   */
  readonly metricsPort?: number;
  /** Its address (WAYMARK_METRICS_HOST), default 127.0.0.1: never public unless told. */
  readonly metricsHost?: string;
  /** Serve /metrics on the public port too, to `Authorization: Bearer <this>` (WAYMARK_METRICS_TOKEN). */
  readonly metricsToken?: string;
  /**
   * Drop a record's checked copy (kept by the update checks between writes, as big as the record) after
   * this long without a write, ms (DEFAULT_CHECKED_COPY_IDLE_MS; 0 keeps it while the record is loaded;
   * WAYMARK_CHECKED_COPY_IDLE_MS).
   */
  readonly checkedCopyIdleMs?: number;
  /** Graceful stop timings (sync-engine.ts DrainTimings; DEFAULT_DRAIN). */
  readonly drain?: Partial<DrainTimings>;
}

/**
 * A record's checked copy costs as much heap as the record (about 0.4 MiB) and saves rebuilding it on the
 * next write (about 10-40 ms of CPU for a 50 KiB record, bench/server-memory.bench.ts and
 * docs/operations.md): kept while someone is writing (form saves come seconds apart), dropped soon after.
 */
export const DEFAULT_CHECKED_COPY_IDLE_MS = 10_000;

/** Default graceful stop: no grace period, 100 ms of quiet, everything closed within 10 s. */
export const DEFAULT_DRAIN: DrainTimings = { graceMs: 0, quietMs: 100, timeoutMs: 10_000 };

export interface RunningServer {
  /** http://host:port */
  readonly url: string;
  /** ws://host:port/sync — the Hocuspocus provider URL. */
  readonly syncUrl: string;
  readonly port: number;
  readonly store: Store;
  /** The separate metrics listener's URL, or null when there is none. */
  readonly metricsUrl: string | null;
  /** What /readyz checks; add a dependency with `readinessChecks.add(name, check)`. */
  readonly readinessChecks: ReadinessChecks;
  /** Re-checks open connections now (reassignments, revocations made outside this process). */
  recheckAccess(): Promise<void>;
  /** This instance's name among several (null when running alone, without Redis). */
  readonly instanceId: string | null;
  /**
   * Whether the instance can serve sockets: always true alone; with Redis, only while Redis is
   * reachable (new sockets are refused with 503 otherwise). For a readiness probe.
   */
  isReady(): boolean;
  /**
   * Graceful (drain): /readyz fails at once and new sockets are refused; open sockets are served until
   * quiet, every loaded document is stored (compacted), then sockets close with a reconnect hint;
   * flushes audit and closes an owned store.
   */
  stop(): Promise<void>;
}

function rejectUpgrade(socket: Duplex, status: number, text: string): void {
  if (socket.destroyed) return;
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? (options.log ? loggerForCallback(options.log) : createLogger());
  if (options.seedDemo) assertDemoOnLoopback(options.host ?? '127.0.0.1');
  const sqlitePath = options.sqlitePath ?? DEFAULT_SQLITE_PATH;
  const ownsStore = !options.store;
  const store =
    options.store ??
    (await openStore({ databaseUrl: options.databaseUrl, sqlitePath, pgSchema: options.pgSchema }));
  let cluster: Cluster | null = null;
  try {
    if (options.redisUrl && !options.databaseUrl && !options.store)
      throw new Error(
        'several instances (WAYMARK_REDIS_URL) need a shared PostgreSQL (WAYMARK_DATABASE_URL)',
      );
    if (options.redisUrl && !options.tokenSecret && !process.env['WAYMARK_TOKEN_SECRET'])
      throw new Error(
        'several instances (WAYMARK_REDIS_URL) need one token secret shared by all of them (WAYMARK_TOKEN_SECRET)',
      );
    if (options.seedDemo) await (options.demoCaseload ? seedDemoWithCaseload(store) : seedDemo(store));
    const dataDir =
      options.dataDir ?? (options.databaseUrl ? resolve('.waymark-data') : dirname(resolve(sqlitePath)));
    const secret =
      options.tokenSecret ?? loadOrCreateTokenSecret(dataDir, process.env['WAYMARK_TOKEN_SECRET']);
    const tokens = new TokenService(secret, options.tokenTtlSeconds ?? ACCESS_TOKEN_TTL_SECONDS);
    const hashGate = new HashGate(options.hashGate);
    const addresses = new ClientAddressResolver(options.trustedProxies);
    const origins = new OriginPolicy(options.allowedOrigins ?? DEFAULT_ALLOWED_ORIGINS);
    const writeLimits: WriteLimits = { ...DEFAULT_WRITE_LIMITS, ...options.writeLimits };
    const sessionHours = options.sessionHours ?? DEFAULT_SESSION_HOURS;
    if (!(sessionHours > 0 && sessionHours <= 24 * 31))
      throw new Error(`sessionHours must be more than 0 and at most 744 (got ${sessionHours})`);
    const sessions = new SessionService(store, tokens, Math.round(sessionHours * 3_600_000));
    if (options.redisUrl)
      cluster = await Cluster.connect({
        redisUrl: options.redisUrl,
        ...(options.instanceId ? { instanceId: options.instanceId } : {}),
        ...(options.redisPrefix ? { prefix: options.redisPrefix } : {}),
        log: (message) => logger.warn({ component: 'cluster' }, message),
      });
    const clustered = cluster;
    // Sign-in budgets and day quotas: one count for every instance when clustered (Redis), else in memory.
    const loginBudget: LoginBudgetCounter = clustered
      ? new SharedLoginBudget({
          redis: clustered.scripts,
          hashKey: createHmac('sha256', secret).update('waymark sign-in budgets').digest(),
          limits: options.loginBudget ?? {},
          log: (message) => logger.warn({ component: 'cluster' }, message),
        })
      : new LoginBudget(options.loginBudget);
    const challenges = clustered
      ? new DeviceChallenges(CHALLENGE_TTL_MS, {
          key: createHmac('sha256', secret).update('waymark device challenges').digest(),
          ledger: (nonce, ttlMs) => clustered.claimOnce('challenge', nonce, ttlMs),
        })
      : new DeviceChallenges();
    const handover: HandoverPolicy = {
      graceMs: options.handoverGraceMs ?? DEFAULT_HANDOVER_GRACE_MS,
      now: () => Date.now(),
    };
    const live = { engine: null as SyncEngine | null };
    const ops = new ServerObservability({
      logger,
      storeReachable: () => store.changeCursor(),
      metricsToken: options.metricsToken ?? null,
      live: {
        socketsOpen: () => live.engine?.socketsOpen ?? 0,
        unauthenticatedSockets: () => live.engine?.unauthenticatedSockets ?? 0,
        authenticatedUsers: () => live.engine?.authenticatedUsers() ?? 0,
        recordsLoaded: () => live.engine?.hocuspocus.getDocumentsCount() ?? 0,
        checkedCopies: () => live.engine?.checkedCopies ?? 0,
      },
    });
    // Several instances: not ready while Redis is unreachable (new sockets are refused then too).
    if (clustered)
      ops.readiness.add('redis', async () => {
        if (!clustered.ready) throw new Error('redis unreachable');
      });
    const engine = new SyncEngine({
      store,
      tokens,
      sessions,
      compactAfterUpdates: options.compactAfterUpdates ?? 200,
      storeDebounceMs: options.storeDebounceMs ?? 2000,
      maxPendingDocuments: options.maxPendingDocuments ?? 100,
      maxUnauthenticatedQueueBytes: options.maxUnauthenticatedQueueBytes ?? 2 * 1024 * 1024,
      connectionTimeoutMs: options.connectionTimeoutMs ?? 60_000,
      socketGuard: { ...DEFAULT_SOCKET_GUARD, ...options.socketGuard },
      writeLimits,
      ...(clustered ? { quotas: sharedDailyQuotas(clustered.scripts, writeLimits) } : {}),
      handover,
      logger,
      metrics: ops.metrics,
      checkedCopyIdleMs: options.checkedCopyIdleMs ?? DEFAULT_CHECKED_COPY_IDLE_MS,
      ...(cluster ? { extensions: [cluster.extension] } : {}),
    });
    live.engine = engine;

    let recheckRunning: Promise<void> | null = null;
    let recheckQueued: Promise<void> | null = null;
    const runRecheck = (): Promise<void> => {
      recheckRunning = engine
        .recheckAccess()
        .catch((error: unknown) => logger.error({ err: errorMessage(error) }, 'access re-check failed'))
        .finally(() => {
          recheckRunning = null;
        });
      return recheckRunning;
    };
    /** Re-checks now; a request during a run gets one more run after it (it may have read older rows). */
    const recheckAccess = (): Promise<void> => {
      const running = recheckRunning;
      if (!running) return runRecheck();
      recheckQueued ??= running.then(() => {
        recheckQueued = null;
        return runRecheck();
      });
      return recheckQueued;
    };

    /** Access changed here: re-check this instance's sockets now and tell the others to do the same. */
    const accessChanged = (): Promise<void> => {
      clustered?.publish({ kind: 'access-changed' });
      return recheckAccess();
    };
    const resync = (names?: readonly string[]): void => {
      engine
        .resyncFromStore(names)
        .catch((error: unknown) => logger.error({ err: errorMessage(error) }, 're-reading records failed'));
    };
    clustered?.start({
      accessChanged: () => void recheckAccess(),
      recordStored: (docName) => resync([docName]),
      resyncAll: () => resync(),
      availability: (ready) => {
        if (!ready) engine.closeAllSockets();
      },
    });

    const api = createApiHandler({
      store,
      tokens,
      loginBudget,
      hashGate,
      addresses,
      origins,
      oidc: options.oidc ? new OidcVerifier(options.oidc) : null,
      sessions,
      devices: new DeviceGate(store, challenges),
      challenges,
      recheckAccess: accessChanged,
      handover,
      logger,
      metrics: ops.metrics,
      // Data exchange: an import's update, already stored, reaches laptops that have the record open
      // (on this instance directly, on the others by a "record stored" message).
      publishUpdate: (docName, update) => {
        const document = engine.hocuspocus.documents.get(docName);
        if (document) Y.applyUpdate(document, update, 'system-of-record-import');
        clustered?.publish({ kind: 'record-stored', docName });
      },
    });
    const httpServer = createServer(
      { requestTimeout: 30_000, headersTimeout: 15_000 },
      ops.requestListener(api),
    );
    const maxPerIp = options.maxConnectionsPerIp ?? 50;
    const perIp = new Map<string, number>();
    const wss = new WebSocketServer({
      noServer: true,
      maxPayload: options.maxMessageBytes ?? frameCapFor(writeLimits),
      perMessageDeflate: false,
    });

    const upgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
      const target = parseRequestTarget(request.url);
      if (!target || !isValidHost(request.headers.host)) {
        rejectUpgrade(socket, 400, 'Bad Request');
        return;
      }
      if (target.pathname !== SYNC_PATH) {
        rejectUpgrade(socket, 404, 'Not Found');
        return;
      }
      // Draining for a restart: the load balancer sends the client to another instance.
      if (ops.draining) {
        rejectUpgrade(socket, 503, 'Service Unavailable');
        return;
      }
      // Browsers always send Origin on a websocket: a page from another origin may not open /sync.
      if (!origins.check(request.headers.origin).allowed) {
        rejectUpgrade(socket, 403, 'Forbidden');
        return;
      }
      const ip = addresses.addressOf(request);
      const open = perIp.get(ip) ?? 0;
      if (open >= maxPerIp) {
        rejectUpgrade(socket, 429, 'Too Many Requests');
        return;
      }
      // Without Redis this instance would serve records that miss the other instances' edits.
      if (clustered && !clustered.ready) {
        rejectUpgrade(socket, 503, 'Service Unavailable');
        return;
      }
      const webRequest = toWebRequest(target, request.headers);
      // Every new socket is unauthenticated: a global cap, whatever the addresses (socket-guard.ts).
      const slot = engine.reserveUnauthenticatedSlot();
      if (!slot) {
        rejectUpgrade(socket, 503, 'Service Unavailable');
        return;
      }
      perIp.set(ip, open + 1);
      let released = false;
      const release = (): void => {
        if (released) return;
        released = true;
        slot();
        const n = (perIp.get(ip) ?? 1) - 1;
        if (n <= 0) perIp.delete(ip);
        else perIp.set(ip, n);
      };
      socket.once('close', release);
      wss.handleUpgrade(request, socket, head, (ws) => {
        ws.once('close', release);
        engine.handleSocket(ws, webRequest, ip, slot);
      });
    };
    httpServer.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      socket.on('error', () => socket.destroy());
      try {
        upgrade(request, socket, head);
      } catch (error) {
        // Nothing a client sends may end the process: whatever slipped past the checks is a 400.
        logger.warn({ err: errorMessage(error) }, 'upgrade refused');
        rejectUpgrade(socket, 400, 'Bad Request');
      }
    });

    const host = options.host ?? '127.0.0.1';
    await new Promise<void>((resolvePromise, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(options.port ?? 0, host, () => {
        httpServer.off('error', reject);
        resolvePromise();
      });
    });
    const address = httpServer.address();
    if (!address || typeof address === 'string') throw new Error('server has no TCP address');
    const port = address.port;
    const urlHost = host.includes(':') ? `[${host}]` : host;
    let metricsUrl: string | null = null;
    try {
      if (options.metricsPort !== undefined)
        metricsUrl = await ops.listenForMetrics(options.metricsHost ?? '127.0.0.1', options.metricsPort);
    } catch (error) {
      httpServer.close();
      throw error;
    }

    const recheckTimer = setInterval(() => void recheckAccess(), options.accessRecheckMs ?? 5000);
    const pruneTimer = setInterval(() => {
      if (loginBudget instanceof LoginBudget) loginBudget.prune();
    }, 60_000);
    recheckTimer.unref();
    pruneTimer.unref();

    let stopping: Promise<void> | null = null;
    const stop = (): Promise<void> => {
      stopping ??= (async () => {
        ops.startDraining();
        logger.info('draining: readiness fails, new sockets are refused');
        // Access re-checks go on while open sockets are still served.
        await engine.shutdown({ ...DEFAULT_DRAIN, ...options.drain });
        clearInterval(recheckTimer);
        clearInterval(pruneTimer);
        const closed = new Promise<void>((r) => httpServer.close(() => r()));
        wss.close();
        httpServer.closeAllConnections();
        await closed;
        if (recheckRunning) await recheckRunning;
        await ops.close();
        await clustered?.close();
        if (ownsStore) await store.close();
        logger.info('stopped');
      })();
      return stopping;
    };

    logger.info(
      {
        store: store.kind,
        ...(metricsUrl ? { metricsUrl } : {}),
        ...(clustered ? { instance: clustered.instanceId } : {}),
      },
      `listening on http://${urlHost}:${port} (sync ${SYNC_PATH}, store ${store.kind}${
        clustered ? `, instance ${clustered.instanceId} with Redis` : ''
      })${metricsUrl ? ` metrics on ${metricsUrl}/metrics` : ''}`,
    );
    return {
      url: `http://${urlHost}:${port}`,
      syncUrl: `ws://${urlHost}:${port}${SYNC_PATH}`,
      port,
      store,
      metricsUrl,
      readinessChecks: ops.readiness,
      recheckAccess,
      instanceId: clustered?.instanceId ?? null,
      isReady: () => clustered?.ready ?? true,
      stop,
    };
  } catch (error) {
    await cluster?.close();
    if (ownsStore) await store.close();
    throw error;
  }
}
