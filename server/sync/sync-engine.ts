/**
 * The Hocuspocus instance and its hooks: per-document authentication and authorization, durable
 * append of every incoming update before it is acknowledged, compaction, audit, and re-checking the
 * access of open connections (reassignment, revocation, expiry).
 *
 * Durability: Hocuspocus acknowledges an update (SyncStatus) right after applying it. The `beforeSync`
 * hook runs — and is awaited — before the update is applied, so appending there means an acknowledged
 * update is always committed to the store first, with its history row and its `doc.change` audit row
 * in the same transaction. Before appending, every update is checked (update-validation.ts); a refused
 * update is never stored or applied, and the client is told why.
 *
 * Nothing is garbage-collected: the loaded documents keep deleted content (gc off), like the store.
 */
import { Hocuspocus, type Connection, type Document, type Extension } from '@hocuspocus/server';
import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import {
  CLOSE_CODES,
  SERVER_REASONS,
  parseDocName,
  type Role,
  type ServerReason,
  type TokenClaims,
} from '../../shared/protocol.ts';
import { AuthRefusal } from '../auth/auth-refusal.ts';
import type { SessionService } from '../auth/sessions.ts';
import { TokenError, type TokenService } from '../auth/tokens.ts';
import { errorMessage, type ServerLogger } from '../observability/logger.ts';
import type { ServerMetrics } from '../observability/metrics.ts';
import { isDecodableUpdate } from '../store/merge.ts';
import type { Assignment, Store, User } from '../store/types.ts';
import {
  DEFAULT_HANDOVER_POLICY,
  decideAccess,
  formerHolderAccess,
  mayAccess,
  type HandoverPolicy,
} from './access.ts';
import { isAwarenessFrame, stopAwarenessClock } from './awareness-echo.ts';
import { answerConfirmRequest } from './confirm.ts';
import { slimLoadedDoc } from './loaded-doc-memory.ts';
import { SharedLimitsUnavailable } from '../cluster/redis-scripts.ts';
import { DailyQuotas, RecordSizes, TokenBucket, type DailyQuotaCounter, type WriteLimits } from './limits.ts';
import { refuseUpdate } from './refuse-update.ts';
import { SocketGuard, UnauthenticatedSlots, type SocketGuardLimits } from './socket-guard.ts';
import { UpdateValidator } from './update-validation.ts';

/** Per-connection context, filled in by onAuthenticate. */
export interface ConnectionContext {
  ip: string;
  userId?: string;
  deviceId?: string;
  /** The server-side session of the token (checked live on open, token sync and every re-check). */
  sessionId?: string;
  role?: Role;
  teamId?: string | null;
  /** Token expiry, seconds since the epoch. */
  exp?: number;
  /** The socket's guard (shared by every document on the socket; socket-guard.ts). */
  guard?: SocketGuard;
  /** The socket's write rate bucket (shared by every document on the socket). */
  writes?: TokenBucket;
  /** Documents authenticated on the socket (shared counter). */
  documents?: { open: number };
  /** Closes the whole socket. */
  closeSocket?: (code: number, reason: string) => void;
  /** The user is this record's former PA within the handover grace period (late changes). */
  formerHolder?: boolean;
  /** Identity checks running for the socket, by token (shared by the records authenticating at once). */
  identities?: Map<string, Promise<Identity>>;
}

/** The outcome of checking a token's identity (SyncEngine.checkIdentity). */
type Identity =
  | { readonly ok: true; readonly claims: TokenClaims; readonly user: User }
  | {
      readonly ok: false;
      readonly reason: ServerReason;
      readonly userId: string | null;
      readonly deviceId: string | null;
    };

/** Rejections carry a protocol reason; Hocuspocus sends `reason` to the client. */
export class SyncRefusal extends Error {
  readonly reason: ServerReason;
  constructor(reason: ServerReason) {
    super(reason);
    this.reason = reason;
  }
}

export interface SyncEngineOptions {
  readonly store: Store;
  readonly tokens: TokenService;
  readonly sessions: SessionService;
  /** Compact a document after this many appended updates (also on unload). */
  readonly compactAfterUpdates: number;
  /** Debounce of the store (compaction) hook, ms. */
  readonly storeDebounceMs: number;
  readonly maxPendingDocuments: number;
  readonly maxUnauthenticatedQueueBytes: number;
  /** Close idle sockets after this long, ms. */
  readonly connectionTimeoutMs: number;
  readonly socketGuard: SocketGuardLimits;
  readonly writeLimits: WriteLimits;
  /**
   * Per-account day quotas; default counted in this process. Several instances pass the shared counter
   * (server/cluster/shared-day-quotas.ts).
   */
  readonly quotas?: DailyQuotaCounter;
  /** How long a former PA's late changes are accepted after a reassignment (former-holder.ts). */
  readonly handover?: HandoverPolicy;
  readonly logger: ServerLogger;
  readonly metrics: ServerMetrics;
  /**
   * Drop a record's checked copy (update-validation.ts) after this long without a write, ms; 0 keeps it
   * while the record is loaded.
   */
  readonly checkedCopyIdleMs: number;
  /** Hocuspocus extensions (the Redis extension when several instances share the store; server/cluster). */
  readonly extensions?: Extension[];
}

/** How a graceful stop waits (server/server.ts `drain`). */
export interface DrainTimings {
  /** Keep answering open sockets at least this long after the stop began (load balancer catch-up), ms. */
  readonly graceMs: number;
  /** Then wait until no update has arrived for this long and none is being stored, ms. */
  readonly quietMs: number;
  /** Whatever happens, close everything by then, ms after the stop began. */
  readonly timeoutMs: number;
}

/** After the drain closed the sockets: how long unloading (storing) the documents may take, ms. */
const CLOSE_BUDGET_MS = 5000;

/** Origin of updates re-read from the store into a loaded document (another instance wrote them). */
export const STORE_RESYNC_ORIGIN = 'store-resync';

const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

/** Adapts a `ws` socket to Hocuspocus' WebSocketLike and remembers the socket for forced closes. */
class SocketAdapter {
  readonly ws: WebSocket;
  constructor(ws: WebSocket) {
    this.ws = ws;
  }
  get readyState(): number {
    return this.ws.readyState;
  }
  send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
    if (typeof data === 'string' || ArrayBuffer.isView(data) || data instanceof ArrayBuffer)
      this.ws.send(data);
  }
  close(code?: number, reason?: string): void {
    this.ws.close(code, reason);
  }
}

export class SyncEngine {
  readonly hocuspocus: Hocuspocus<ConnectionContext>;
  private readonly options: SyncEngineOptions;
  private readonly store: Store;
  private readonly compacting = new Map<string, Promise<void>>();
  /** Records written while open whose compaction waits until they unload. */
  private readonly compactOnUnload = new Set<string>();
  private readonly validator = new UpdateValidator();
  private readonly sockets = new Set<WebSocket>();
  private readonly unauthenticated: UnauthenticatedSlots;
  private readonly quotas: DailyQuotaCounter;
  private readonly recordSizes = new RecordSizes();
  /** Incoming updates being checked and stored now, and when the last message arrived (drain). */
  private writesInFlight = 0;
  private lastMessageAt = 0;
  /** Set once a drain has stored everything: later messages are not processed (nor acknowledged). */
  private closing = false;
  private readonly copySweep: NodeJS.Timeout | null;

  constructor(options: SyncEngineOptions) {
    this.options = options;
    this.store = options.store;
    this.unauthenticated = new UnauthenticatedSlots(options.socketGuard.maxUnauthenticatedSockets);
    this.quotas = options.quotas ?? new DailyQuotas(options.writeLimits);
    const idleMs = options.checkedCopyIdleMs;
    this.copySweep =
      idleMs > 0 ? setInterval(() => this.validator.forgetIdle(idleMs), Math.max(1000, idleMs / 2)) : null;
    this.copySweep?.unref();
    this.hocuspocus = new Hocuspocus<ConnectionContext>({
      name: 'waymark',
      quiet: true,
      extensions: options.extensions ?? [],
      debounce: options.storeDebounceMs,
      maxDebounce: options.storeDebounceMs * 5,
      unloadImmediately: true,
      timeout: options.connectionTimeoutMs,
      maxPendingDocuments: options.maxPendingDocuments,
      maxUnauthenticatedQueueSize: options.maxUnauthenticatedQueueBytes,
      yDocOptions: { gc: false, gcFilter: () => false },
      onAuthenticate: (data) => this.authenticate(data.token, data.documentName, data.context),
      onTokenSync: (data) => this.tokenSync(data.token, data.connection, data.context),
      onLoadDocument: async (data) => {
        const timer = options.metrics.timeLoad();
        const stored = await this.store.loadDoc(data.documentName);
        timer();
        this.recordSizes.loaded(data.documentName, stored?.byteLength ?? 0);
        return stored ?? undefined;
      },
      // Same content, less memory: exact-size value arrays, repeated strings shared (loaded-doc-memory.ts).
      afterLoadDocument: async (data) => {
        slimLoadedDoc(data.document);
        stopAwarenessClock(data.document.awareness);
      },
      afterUnloadDocument: async (data) => {
        if (this.compactOnUnload.delete(data.documentName)) void this.compact(data.documentName);
        this.recordSizes.unloaded(data.documentName);
        this.validator.forget(data.documentName);
      },
      beforeSync: (data) =>
        this.countedWrite(() =>
          this.beforeSync(data.connection, data.document, data.documentName, data.type, data.payload),
        ),
      // Compacting after every write burst cost the server a merge of the whole record each time (a tenth
      // of its CPU under load, bench/fanout-instances.bench.ts): a record still open is compacted when it
      // unloads, after `compactAfterUpdates` updates, or at a drain. Every update is in the store already.
      onStoreDocument: async (data) => {
        if (data.document.getConnectionsCount() > 0) this.compactOnUnload.add(data.documentName);
        else await this.compact(data.documentName);
      },
      // A client asks whether everything it sent is stored (see confirm.ts); other messages are ignored.
      onStateless: async (data) => void answerConfirmRequest(data),
      onDisconnect: async (data) => {
        if (data.context.documents && data.context.userId) data.context.documents.open -= 1;
      },
    });
  }

  /**
   * Takes a slot for a socket that has not authenticated yet; null when the global cap is reached (the
   * caller refuses the upgrade). Pass the slot to handleSocket, or call it if the upgrade fails.
   */
  reserveUnauthenticatedSlot(): (() => void) | null {
    return this.unauthenticated.take();
  }

  /** Loaded records whose update checks hold a checked copy now (update-validation.ts). */
  get checkedCopies(): number {
    return this.validator.size;
  }

  /** Sockets open now that have not authenticated a document. */
  get unauthenticatedSockets(): number {
    return this.unauthenticated.count;
  }

  /** Open websockets, authenticated or not. */
  get socketsOpen(): number {
    return this.sockets.size;
  }

  /** Distinct users with a record open. */
  authenticatedUsers(): number {
    const users = new Set<string>();
    for (const document of this.hocuspocus.documents.values())
      for (const connection of document.getConnections()) {
        const userId = (connection.context as ConnectionContext).userId;
        if (userId) users.add(userId);
      }
    return users.size;
  }

  /** Hands an accepted websocket to Hocuspocus. `releaseSlot` from reserveUnauthenticatedSlot. */
  handleSocket(ws: WebSocket, request: Request, ip: string, releaseSlot: () => void = () => undefined): void {
    this.sockets.add(ws);
    const guard = new SocketGuard(this.options.socketGuard, releaseSlot);
    const limits = this.options.writeLimits;
    const context: ConnectionContext = {
      ip,
      guard,
      writes: new TokenBucket(limits.writesPerSecond, limits.writeBurst),
      documents: { open: 0 },
      identities: new Map(),
      closeSocket: (code, reason) => ws.close(code, reason),
    };
    const client = this.hocuspocus.handleConnection(new SocketAdapter(ws), request, context);
    const deadline = setTimeout(() => {
      if (!guard.authenticated) ws.close(CLOSE_CODES.unauthorized, SERVER_REASONS.authenticationTimeout);
    }, this.options.socketGuard.authDeadlineMs);
    deadline.unref();
    ws.on('message', (data, isBinary) => {
      // Nothing more is processed once the server decided to close the socket (or stored all for a stop).
      if (ws.readyState !== ws.OPEN || this.closing) return;
      this.lastMessageAt = Date.now();
      if (!isBinary) {
        ws.close(CLOSE_CODES.unsupportedData, 'binary frames only');
        return;
      }
      const bytes = Array.isArray(data)
        ? Buffer.concat(data)
        : data instanceof ArrayBuffer
          ? Buffer.from(data)
          : data;
      const frame = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      if (isAwarenessFrame(frame)) {
        // Not used by Waymark: echoed to its sender only, to keep the idle socket alive (awareness-echo.ts).
        if (guard.authenticated) {
          client.lastMessageReceivedAt = Date.now();
          ws.send(frame);
        }
        return;
      }
      client.handleMessage(frame);
    });
    ws.on('close', (code, reason) => {
      clearTimeout(deadline);
      guard.release();
      this.sockets.delete(ws);
      client.handleClose({ code, reason: reason.toString() });
      const summary = guard.suppressedSummary();
      if (summary) {
        this.store
          .appendAudit({ event: 'access.denied', ip, detail: summary })
          .catch((error: unknown) => this.options.logger.error({ err: errorMessage(error) }, 'audit failed'));
      }
    });
    ws.on('error', (error) => this.options.logger.warn({ ip, err: error.message }, 'websocket error'));
  }

  // --- authentication and authorization ------------------------------------------------------------

  private async authenticate(
    token: string,
    documentName: string,
    context: ConnectionContext,
  ): Promise<ConnectionContext> {
    const ip = context.ip;
    const guard = context.guard;
    const refuse = async (
      reason: ServerReason,
      userId: string | null,
      deviceId: string | null,
    ): Promise<never> => {
      this.options.metrics.refused('sync', reason);
      // The first few denials on a socket are audited one by one, the rest in one row at close; too
      // many bad tokens close the socket (after this refusal has been sent).
      const verdict = guard?.denied(reason) ?? { audit: true, close: false };
      if (verdict.close) {
        const close = context.closeSocket;
        setImmediate(() => close?.(CLOSE_CODES.unauthorized, SERVER_REASONS.tooManyAuthenticationFailures));
      }
      if (verdict.audit) {
        this.options.logger.info(
          { userId, deviceId, docName: documentName.slice(0, 200), reason },
          'sync access denied',
        );
        await this.store.appendAudit({
          event: 'access.denied',
          userId,
          deviceId,
          docName: documentName.slice(0, 200),
          ip,
          detail: reason,
        });
      }
      throw new SyncRefusal(reason);
    };
    // The records a laptop opens at once all carry the same token: one identity check serves them all.
    const identities = context.identities ?? new Map<string, Promise<Identity>>();
    let checking = identities.get(token);
    if (!checking) {
      checking = this.checkIdentity(token).finally(() => identities.delete(token));
      identities.set(token, checking);
    }
    const identity = await checking;
    if (!identity.ok) return refuse(identity.reason, identity.userId, identity.deviceId);
    const { claims, user } = identity;
    const parsed = parseDocName(documentName);
    if (!parsed) return refuse(SERVER_REASONS.invalidDocument, user.id, claims.device);
    const documents = context.documents;
    if (documents && documents.open >= this.options.writeLimits.maxDocumentsPerSocket)
      return refuse(SERVER_REASONS.tooManyDocuments, user.id, claims.device);
    let decision;
    try {
      decision = await decideAccess(
        this.store,
        user,
        parsed.youngPersonId,
        () => this.quotas.takeNewRecord(user.id),
        this.handover,
      );
    } catch (error) {
      // The shared new-record quota cannot be checked (Redis down): refuse; the client retries later.
      if (error instanceof SharedLimitsUnavailable)
        return refuse(SERVER_REASONS.serverShutdown, user.id, claims.device);
      throw error;
    }
    if (!decision.allowed) return refuse(decision.reason, user.id, claims.device);
    guard?.markAuthenticated();
    if (documents) documents.open += 1;
    if (decision.autoAssigned) {
      await this.store.appendAudit({
        event: 'assignment.auto',
        userId: user.id,
        deviceId: claims.device,
        docName: documentName,
        ip,
        detail: `pa=${user.id} first sync of a new record`,
      });
    }
    await this.store.appendAudit({
      event: 'doc.load',
      userId: user.id,
      deviceId: claims.device,
      docName: documentName,
      ip,
    });
    return {
      ...context,
      userId: user.id,
      deviceId: claims.device,
      sessionId: claims.sid,
      role: user.role,
      teamId: user.teamId,
      exp: claims.exp,
      formerHolder: decision.formerHolder,
    };
  }

  /**
   * Who a token speaks for, checked live: a valid token, a live session, an existing user and device,
   * the device not revoked, the account not disabled. Refusals carry the protocol reason.
   */
  private async checkIdentity(token: string): Promise<Identity> {
    let claims: TokenClaims;
    try {
      claims = await this.options.tokens.verify(token);
    } catch (error) {
      const reason = error instanceof TokenError ? error.reason : SERVER_REASONS.invalidToken;
      return { ok: false, reason, userId: null, deviceId: null };
    }
    const refused = (reason: ServerReason, userId: string | null): Identity => ({
      ok: false,
      reason,
      userId,
      deviceId: claims.device,
    });
    try {
      await this.options.sessions.requireLive(claims);
    } catch (error) {
      return refused(error instanceof AuthRefusal ? error.reason : SERVER_REASONS.invalidToken, claims.sub);
    }
    const [user, device] = await Promise.all([
      this.store.getUser(claims.sub),
      this.store.getDevice(claims.device),
    ]);
    if (!user) return refused(SERVER_REASONS.invalidToken, null);
    if (!device) return refused(SERVER_REASONS.invalidToken, user.id);
    if (device.revokedAt) return refused(SERVER_REASONS.deviceRevoked, user.id);
    if (user.disabled) return refused(SERVER_REASONS.accountDisabled, user.id);
    return { ok: true, claims, user };
  }

  /** A client sending a fresh token for an open document (after POST /api/refresh). */
  private async tokenSync(
    token: string,
    connection: Connection<ConnectionContext>,
    context: ConnectionContext,
  ): Promise<void> {
    const claims = await this.options.tokens.verify(token).catch(() => null);
    if (
      !claims ||
      claims.sub !== context.userId ||
      claims.device !== context.deviceId ||
      claims.sid !== context.sessionId
    ) {
      throw new SyncRefusal(SERVER_REASONS.invalidToken);
    }
    await this.options.sessions.requireLive(claims).catch((error: unknown) => {
      throw new SyncRefusal(error instanceof AuthRefusal ? error.reason : SERVER_REASONS.invalidToken);
    });
    context.exp = claims.exp;
    connection.context.exp = claims.exp;
  }

  // --- durable writes ------------------------------------------------------------------------------

  private async beforeSync(
    connection: Connection<ConnectionContext>,
    document: Document,
    documentName: string,
    type: number,
    payload: Uint8Array,
  ): Promise<void> {
    if (type !== SYNC_STEP_2 && type !== SYNC_UPDATE) return;
    if (connection.readOnly) return;
    const context = connection.context;
    if (context.exp !== undefined && context.exp * 1000 <= Date.now()) {
      // The sweep closes the connection; refuse the write meanwhile (not acknowledged, client keeps it).
      throw new SyncRefusal(SERVER_REASONS.tokenExpired);
    }
    const limits = this.options.writeLimits;
    if (payload.byteLength > limits.maxUpdateBytes) throw new SyncRefusal(SERVER_REASONS.updateTooLarge);
    if (!isDecodableUpdate(payload)) throw new SyncRefusal(SERVER_REASONS.badRequest);
    if (Y.snapshotContainsUpdate(Y.snapshot(document), payload)) return;
    if (context.writes && !context.writes.take()) throw new SyncRefusal(SERVER_REASONS.writeRateExceeded);
    let size = this.recordSizes.get(documentName) + payload.byteLength;
    if (size > limits.maxRecordBytes) {
      // The estimate only grows; measure the live record before refusing.
      size = Y.encodeStateAsUpdate(document).byteLength + payload.byteLength;
      this.recordSizes.set(documentName, size - payload.byteLength);
      if (size > limits.maxRecordBytes) throw new SyncRefusal(SERVER_REASONS.recordTooLarge);
    }
    if (!context.userId) throw new SyncRefusal(SERVER_REASONS.invalidToken);
    const refusal = await Promise.resolve(
      this.quotas.takeWrite(context.userId, documentName, payload.byteLength),
    ).catch((error: unknown) => {
      // The shared day quota cannot be checked (Redis down): not acknowledged, the laptop sends it again.
      if (error instanceof SharedLimitsUnavailable) return SERVER_REASONS.serverShutdown;
      throw error;
    });
    if (refusal) throw new SyncRefusal(refusal);
    const refusedRule = await refuseUpdate(this.store, this.validator, connection, document, payload);
    if (refusedRule) {
      this.options.metrics.updateRefused(refusedRule);
      this.options.logger.info(
        { userId: context.userId, deviceId: context.deviceId, docName: documentName, rule: refusedRule },
        'update refused',
      );
      throw new SyncRefusal(SERVER_REASONS.updateRefused);
    }
    const appended = this.options.metrics.timeAppend();
    const pending = await this.store.appendUpdate(documentName, payload, {
      userId: context.userId,
      deviceId: context.deviceId ?? null,
      ip: context.ip,
    });
    appended();
    this.recordSizes.set(documentName, size);
    if (context.formerHolder) {
      // A change by the record's former PA after a handover: the team manager is told (late changes).
      await this.store.appendAudit({
        event: 'doc.late-change',
        userId: context.userId,
        deviceId: context.deviceId ?? null,
        docName: documentName,
        ip: context.ip,
        detail: 'former PA within the handover grace period',
      });
    }
    if (pending >= this.options.compactAfterUpdates) void this.compact(documentName);
  }

  /**
   * Runs one incoming update's checks and append, counted for the drain and timed; refusals are counted
   * by reason.
   */
  private async countedWrite(write: () => Promise<void>): Promise<void> {
    this.writesInFlight += 1;
    const timer = this.options.metrics.timeSync();
    try {
      await write();
      timer();
    } catch (error) {
      if (error instanceof SyncRefusal) this.options.metrics.refused('sync', error.reason);
      throw error;
    } finally {
      this.writesInFlight -= 1;
    }
  }

  /** Compacts a document; concurrent requests for one document share one run. */
  compact(documentName: string): Promise<void> {
    const running = this.compacting.get(documentName);
    if (running) return running;
    const done = this.options.metrics.timeCompaction();
    const run = this.store
      .compact(documentName)
      .then(() => done('ok'))
      .catch((error: unknown) => {
        done('failed');
        // The appended updates stay in the store, so nothing is lost; compaction retries later.
        this.options.logger.error({ docName: documentName, err: errorMessage(error) }, 'compaction failed');
      })
      .finally(() => this.compacting.delete(documentName));
    this.compacting.set(documentName, run);
    return run;
  }

  // --- re-checking open connections ----------------------------------------------------------------

  /**
   * Re-checks every open document connection against the store: expired tokens, ended or expired
   * sessions, disabled accounts, revoked devices and changed assignments close at once, with the
   * protocol reason.
   */
  async recheckAccess(): Promise<void> {
    const users = new Map<string, User | null>();
    const sessions = new Map<string, ServerReason | null>();
    const sessionReason = async (ctx: ConnectionContext): Promise<ServerReason | null> => {
      const key = `${ctx.sessionId ?? ''}\u0000${ctx.userId ?? ''}\u0000${ctx.deviceId ?? ''}`;
      const known = sessions.get(key);
      if (known !== undefined) return known;
      const reason = await this.sessionProblem(ctx);
      sessions.set(key, reason);
      return reason;
    };
    const now = Date.now();
    for (const document of [...this.hocuspocus.documents.values()]) {
      const parsed = parseDocName(document.name);
      const assignment = parsed ? await this.store.getAssignment(parsed.youngPersonId) : null;
      for (const connection of document.getConnections()) {
        const ctx = connection.context as ConnectionContext;
        if (!ctx.userId || !ctx.deviceId) continue;
        let user = users.get(ctx.userId);
        if (user === undefined) {
          user = await this.store.getUser(ctx.userId);
          users.set(ctx.userId, user);
        }
        const device = await this.store.getDevice(ctx.deviceId);
        let reason: ServerReason | null;
        if (!device || device.revokedAt) reason = SERVER_REASONS.deviceRevoked;
        else if (!user || user.disabled) reason = SERVER_REASONS.accountDisabled;
        else if (ctx.exp !== undefined && ctx.exp * 1000 <= now) reason = SERVER_REASONS.tokenExpired;
        // the session ended (sign-out, password change, refresh token reuse) or reached its lifetime
        else reason = (await sessionReason(ctx)) ?? (await this.assignmentProblem(user, assignment, ctx));
        if (reason) await this.closeConnection(connection, ctx, reason);
      }
    }
  }

  /**
   * Why a connection's user may no longer hold the record, or null: an open connection of the PA it was
   * reassigned away from is closed (access-revoked) at once; the former PA may reconnect within the
   * handover grace period, and a connection opened that way stays open until the period ends.
   */
  private async assignmentProblem(
    user: User,
    assignment: Assignment | null,
    ctx: ConnectionContext,
  ): Promise<ServerReason | null> {
    if (mayAccess(user, assignment)) {
      ctx.formerHolder = false;
      return null;
    }
    if (!ctx.formerHolder || !assignment) return SERVER_REASONS.accessRevoked;
    const access = await formerHolderAccess(this.store, user, assignment.youngPersonId, this.handover);
    return access.allowed ? null : access.reason;
  }

  private get handover(): HandoverPolicy {
    return this.options.handover ?? DEFAULT_HANDOVER_POLICY;
  }

  /** Why a connection's session no longer admits it, or null while it is live. */
  private async sessionProblem(ctx: ConnectionContext): Promise<ServerReason | null> {
    if (!ctx.sessionId || !ctx.userId || !ctx.deviceId) return SERVER_REASONS.sessionEnded;
    return (await this.options.sessions.problem(ctx.sessionId, ctx.userId, ctx.deviceId))?.reason ?? null;
  }

  private async closeConnection(
    connection: Connection<ConnectionContext>,
    ctx: ConnectionContext,
    reason: ServerReason,
  ): Promise<void> {
    await this.store.appendAudit({
      event: 'access.closed',
      userId: ctx.userId ?? null,
      deviceId: ctx.deviceId ?? null,
      docName: connection.document.name,
      ip: ctx.ip,
      detail: reason,
    });
    connection.close({ code: CLOSE_CODES.forbidden, reason });
    if (
      reason === SERVER_REASONS.deviceRevoked ||
      reason === SERVER_REASONS.accountDisabled ||
      reason === SERVER_REASONS.sessionEnded ||
      reason === SERVER_REASONS.sessionExpired
    ) {
      // The whole socket belongs to a device or account that may no longer sync anything.
      const socket = connection.webSocket;
      if (socket instanceof SocketAdapter) socket.ws.close(CLOSE_CODES.forbidden, reason);
    }
  }

  // --- several instances (server/cluster) ----------------------------------------------------------

  /**
   * Re-reads loaded documents from the store and merges what they lack (updates another instance
   * stored but this one never received). Merging is idempotent; the store holds only acknowledged updates.
   */
  async resyncFromStore(names?: readonly string[]): Promise<number> {
    let merged = 0;
    for (const name of names ?? [...this.hocuspocus.documents.keys()]) {
      const document = this.hocuspocus.documents.get(name);
      if (!document) continue;
      const stored = await this.store.loadDoc(name);
      if (!stored || Y.snapshotContainsUpdate(Y.snapshot(document), stored)) continue;
      Y.applyUpdate(document, stored, STORE_RESYNC_ORIGIN);
      merged += 1;
    }
    return merged;
  }

  /** Closes every socket with a "retry later" reason (Redis lost: this instance must not serve edits). */
  closeAllSockets(reason: ServerReason = SERVER_REASONS.serverShutdown): void {
    for (const ws of this.sockets) ws.close(CLOSE_CODES.serverShutdown, reason);
  }

  // --- shutdown ------------------------------------------------------------------------------------

  /**
   * The graceful stop (the caller has already stopped taking new sockets): keeps processing what open
   * sockets send for `graceMs`, then until no update has arrived for `quietMs` and none is being stored
   * (every update received is either stored and acknowledged, or refused); then stores (compacts) every
   * loaded document, and only then closes every socket with 1001 `server-shutdown`, which clients take
   * as "reconnect later" (to another instance behind the load balancer). Anything sent after that is
   * not processed, so not acknowledged: the client keeps it and sends it again on reconnecting. Bounded
   * by `timeoutMs` overall.
   */
  async shutdown(timings: DrainTimings): Promise<void> {
    const started = Date.now();
    const deadline = started + timings.timeoutMs;
    if (this.copySweep) clearInterval(this.copySweep);
    const pause = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 20));
    while (Date.now() < deadline) {
      const now = Date.now();
      const settled =
        now - started >= timings.graceMs &&
        this.writesInFlight === 0 &&
        now - this.lastMessageAt >= timings.quietMs;
      if (settled) break;
      await pause();
    }
    // No new messages from here; what the connections already queued is still processed and stored.
    this.closing = true;
    const queued = [...this.hocuspocus.documents.values()].flatMap((document) =>
      document.getConnections().map((connection) => connection.waitForPendingMessages()),
    );
    let bound: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled(queued),
      new Promise((resolve) => {
        bound = setTimeout(resolve, Math.max(0, deadline - Date.now()));
      }),
    ]);
    clearTimeout(bound);
    const names = [...this.hocuspocus.documents.keys()];
    await Promise.all(names.map((name) => this.compact(name)));
    this.options.logger.info(
      { records: names.length, sockets: this.sockets.size, waitedMs: Date.now() - started },
      'drain: stored every loaded record; closing sockets',
    );
    for (const ws of this.sockets) ws.close(CLOSE_CODES.serverShutdown, SERVER_REASONS.serverShutdown);
    this.hocuspocus.closeConnections();
    this.hocuspocus.flushPendingStores();
    const closeDeadline = Date.now() + CLOSE_BUDGET_MS;
    while (
      (this.hocuspocus.getDocumentsCount() > 0 || this.hocuspocus.loadingDocuments.size > 0) &&
      Date.now() < closeDeadline
    ) {
      this.hocuspocus.flushPendingStores();
      await pause();
    }
    for (const ws of this.sockets) ws.terminate();
    await Promise.all([...this.compacting.values()]);
  }
}
