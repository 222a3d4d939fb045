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
} from '../../shared/protocol.ts';
import { AuthRefusal } from '../auth/auth-refusal.ts';
import type { SessionService } from '../auth/sessions.ts';
import { TokenError, type TokenService } from '../auth/tokens.ts';
import { isDecodableUpdate } from '../store/merge.ts';
import type { Store, User } from '../store/types.ts';
import { decideAccess, mayAccess } from './access.ts';
import { answerConfirmRequest } from './confirm.ts';
import { DailyQuotas, RecordSizes, TokenBucket, type WriteLimits } from './limits.ts';
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
}

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
  readonly log: (message: string) => void;
  /** Hocuspocus extensions (the Redis extension when several instances share the store; server/cluster). */
  readonly extensions?: Extension[];
}

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
  private readonly validator = new UpdateValidator();
  private readonly sockets = new Set<WebSocket>();
  private readonly unauthenticated: UnauthenticatedSlots;
  private readonly quotas: DailyQuotas;
  private readonly recordSizes = new RecordSizes();

  constructor(options: SyncEngineOptions) {
    this.options = options;
    this.store = options.store;
    this.unauthenticated = new UnauthenticatedSlots(options.socketGuard.maxUnauthenticatedSockets);
    this.quotas = new DailyQuotas(options.writeLimits);
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
        const stored = await this.store.loadDoc(data.documentName);
        this.recordSizes.loaded(data.documentName, stored?.byteLength ?? 0);
        return stored ?? undefined;
      },
      afterUnloadDocument: async (data) => {
        this.recordSizes.unloaded(data.documentName);
        this.validator.forget(data.documentName);
      },
      beforeSync: (data) =>
        this.beforeSync(data.connection, data.document, data.documentName, data.type, data.payload),
      onStoreDocument: (data) => this.compact(data.documentName),
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

  /** Sockets open now that have not authenticated a document. */
  get unauthenticatedSockets(): number {
    return this.unauthenticated.count;
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
      closeSocket: (code, reason) => ws.close(code, reason),
    };
    const client = this.hocuspocus.handleConnection(new SocketAdapter(ws), request, context);
    const deadline = setTimeout(() => {
      if (!guard.authenticated) ws.close(CLOSE_CODES.unauthorized, SERVER_REASONS.authenticationTimeout);
    }, this.options.socketGuard.authDeadlineMs);
    deadline.unref();
    ws.on('message', (data, isBinary) => {
      // Nothing more is processed once the server decided to close the socket.
      if (ws.readyState !== ws.OPEN) return;
      if (!isBinary) {
        ws.close(CLOSE_CODES.unsupportedData, 'binary frames only');
        return;
      }
      const bytes = Array.isArray(data)
        ? Buffer.concat(data)
        : data instanceof ArrayBuffer
          ? Buffer.from(data)
          : data;
      client.handleMessage(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
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
          .catch((error: unknown) =>
            this.options.log(`audit failed: ${error instanceof Error ? error.message : String(error)}`),
          );
      }
    });
    ws.on('error', (error) => this.options.log(`websocket error from ${ip}: ${error.message}`));
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
      // The first few denials on a socket are audited one by one, the rest in one row at close; too
      // many bad tokens close the socket (after this refusal has been sent).
      const verdict = guard?.denied(reason) ?? { audit: true, close: false };
      if (verdict.close) {
        const close = context.closeSocket;
        setImmediate(() => close?.(CLOSE_CODES.unauthorized, SERVER_REASONS.tooManyAuthenticationFailures));
      }
      if (verdict.audit) {
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
    let claims;
    try {
      claims = await this.options.tokens.verify(token);
    } catch (error) {
      return refuse(error instanceof TokenError ? error.reason : SERVER_REASONS.invalidToken, null, null);
    }
    try {
      await this.options.sessions.requireLive(claims);
    } catch (error) {
      return refuse(
        error instanceof AuthRefusal ? error.reason : SERVER_REASONS.invalidToken,
        claims.sub,
        claims.device,
      );
    }
    const user = await this.store.getUser(claims.sub);
    if (!user) return refuse(SERVER_REASONS.invalidToken, null, claims.device);
    const device = await this.store.getDevice(claims.device);
    if (!device) return refuse(SERVER_REASONS.invalidToken, user.id, claims.device);
    if (device.revokedAt) return refuse(SERVER_REASONS.deviceRevoked, user.id, claims.device);
    if (user.disabled) return refuse(SERVER_REASONS.accountDisabled, user.id, claims.device);
    const parsed = parseDocName(documentName);
    if (!parsed) return refuse(SERVER_REASONS.invalidDocument, user.id, claims.device);
    const documents = context.documents;
    if (documents && documents.open >= this.options.writeLimits.maxDocumentsPerSocket)
      return refuse(SERVER_REASONS.tooManyDocuments, user.id, claims.device);
    const decision = await decideAccess(this.store, user, parsed.youngPersonId, () =>
      this.quotas.takeNewRecord(user.id),
    );
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
    };
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
    const refusal = this.quotas.takeWrite(context.userId, documentName, payload.byteLength);
    if (refusal) throw new SyncRefusal(refusal);
    const refused = await refuseUpdate(this.store, this.validator, connection, document, payload);
    if (refused) throw new SyncRefusal(SERVER_REASONS.updateRefused);
    const pending = await this.store.appendUpdate(documentName, payload, {
      userId: context.userId,
      deviceId: context.deviceId ?? null,
      ip: context.ip,
    });
    this.recordSizes.set(documentName, size);
    if (pending >= this.options.compactAfterUpdates) void this.compact(documentName);
  }

  /** Compacts a document; concurrent requests for one document share one run. */
  compact(documentName: string): Promise<void> {
    const running = this.compacting.get(documentName);
    if (running) return running;
    const run = this.store
      .compact(documentName)
      .then(() => undefined)
      .catch((error: unknown) => {
        // The appended updates stay in the store, so nothing is lost; compaction retries later.
        this.options.log(
          `compaction of ${documentName} failed: ${error instanceof Error ? error.message : String(error)}`,
        );
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
        else
          reason =
            (await sessionReason(ctx)) ?? (mayAccess(user, assignment) ? null : SERVER_REASONS.accessRevoked);
        if (reason) await this.closeConnection(connection, ctx, reason);
      }
    }
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

  /** Closes every socket and stores (compacts) every loaded document. */
  async shutdown(timeoutMs: number): Promise<void> {
    for (const ws of this.sockets) ws.close(CLOSE_CODES.serverShutdown, SERVER_REASONS.serverShutdown);
    this.hocuspocus.closeConnections();
    this.hocuspocus.flushPendingStores();
    const deadline = Date.now() + timeoutMs;
    while (
      (this.hocuspocus.getDocumentsCount() > 0 || this.hocuspocus.loadingDocuments.size > 0) &&
      Date.now() < deadline
    ) {
      this.hocuspocus.flushPendingStores();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    for (const ws of this.sockets) ws.terminate();
    await Promise.all([...this.compacting.values()]);
  }
}
