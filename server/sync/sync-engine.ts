/**
 * The Hocuspocus instance and its hooks: per-document authentication and authorization, durable
 * append of every incoming update before it is acknowledged, compaction, audit, and re-checking the
 * access of open connections (reassignment, revocation, expiry).
 *
 * Durability: Hocuspocus acknowledges an update (SyncStatus) right after applying it. The `beforeSync`
 * hook runs — and is awaited — before the update is applied, so appending there means an acknowledged
 * update is always committed to the store first.
 */
import { Hocuspocus, type Connection, type Document } from '@hocuspocus/server';
import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import {
  CLOSE_CODES,
  SERVER_REASONS,
  parseDocName,
  type Role,
  type ServerReason,
} from '../../shared/protocol.ts';
import { TokenError, type TokenService } from '../auth/tokens.ts';
import { isDecodableUpdate } from '../store/merge.ts';
import type { Store, User } from '../store/types.ts';
import { decideAccess, mayAccess } from './access.ts';
import { answerConfirmRequest } from './confirm.ts';

/** Per-connection context, filled in by onAuthenticate. */
export interface ConnectionContext {
  ip: string;
  userId?: string;
  deviceId?: string;
  role?: Role;
  teamId?: string | null;
  /** Token expiry, seconds since the epoch. */
  exp?: number;
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
  /** Compact a document after this many appended updates (also on unload). */
  readonly compactAfterUpdates: number;
  /** Debounce of the store (compaction) hook, ms. */
  readonly storeDebounceMs: number;
  readonly maxPendingDocuments: number;
  readonly maxUnauthenticatedQueueBytes: number;
  /** Close unauthenticated or idle sockets after this long, ms. */
  readonly connectionTimeoutMs: number;
  readonly log: (message: string) => void;
}

const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

interface ChangeBatch {
  userId: string | null;
  deviceId: string | null;
  ip: string;
  docName: string;
  updates: number;
  bytes: number;
}

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
  private readonly batches = new Map<string, ChangeBatch>();
  private readonly compacting = new Map<string, Promise<void>>();
  private readonly sockets = new Set<WebSocket>();

  constructor(options: SyncEngineOptions) {
    this.options = options;
    this.store = options.store;
    this.hocuspocus = new Hocuspocus<ConnectionContext>({
      name: 'waymark',
      quiet: true,
      debounce: options.storeDebounceMs,
      maxDebounce: options.storeDebounceMs * 5,
      unloadImmediately: true,
      timeout: options.connectionTimeoutMs,
      maxPendingDocuments: options.maxPendingDocuments,
      maxUnauthenticatedQueueSize: options.maxUnauthenticatedQueueBytes,
      yDocOptions: { gc: true, gcFilter: () => true },
      onAuthenticate: (data) => this.authenticate(data.token, data.documentName, data.context),
      onTokenSync: (data) => this.tokenSync(data.token, data.connection, data.context),
      onLoadDocument: async (data) => (await this.store.loadDoc(data.documentName)) ?? undefined,
      beforeSync: (data) =>
        this.beforeSync(data.connection, data.document, data.documentName, data.type, data.payload),
      onStoreDocument: (data) => this.storeDocument(data.documentName),
      // A client asks whether everything it sent is stored (see confirm.ts); other messages are ignored.
      onStateless: async (data) => void answerConfirmRequest(data),
      onDisconnect: async (data) => this.flushBatch(this.batchKey(data.socketId, data.documentName)),
    });
  }

  /** Hands an accepted websocket to Hocuspocus. */
  handleSocket(ws: WebSocket, request: Request, ip: string): void {
    this.sockets.add(ws);
    const client = this.hocuspocus.handleConnection(new SocketAdapter(ws), request, { ip });
    ws.on('message', (data, isBinary) => {
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
      this.sockets.delete(ws);
      client.handleClose({ code, reason: reason.toString() });
    });
    ws.on('error', (error) => this.options.log(`websocket error from ${ip}: ${error.message}`));
  }

  private batchKey(socketId: string, docName: string): string {
    return `${socketId}\u0000${docName}`;
  }

  // --- authentication and authorization ------------------------------------------------------------

  private async authenticate(
    token: string,
    documentName: string,
    context: ConnectionContext,
  ): Promise<ConnectionContext> {
    const ip = context.ip;
    const refuse = async (
      reason: ServerReason,
      userId: string | null,
      deviceId: string | null,
    ): Promise<never> => {
      await this.store.appendAudit({
        event: 'access.denied',
        userId,
        deviceId,
        docName: documentName.slice(0, 200),
        ip,
        detail: reason,
      });
      throw new SyncRefusal(reason);
    };
    let claims;
    try {
      claims = await this.options.tokens.verify(token);
    } catch (error) {
      return refuse(error instanceof TokenError ? error.reason : SERVER_REASONS.invalidToken, null, null);
    }
    const user = await this.store.getUser(claims.sub);
    if (!user) return refuse(SERVER_REASONS.invalidToken, null, claims.device);
    const device = await this.store.getDevice(claims.device);
    if (!device) return refuse(SERVER_REASONS.invalidToken, user.id, claims.device);
    if (device.revokedAt) return refuse(SERVER_REASONS.deviceRevoked, user.id, claims.device);
    if (user.disabled) return refuse(SERVER_REASONS.accountDisabled, user.id, claims.device);
    const parsed = parseDocName(documentName);
    if (!parsed) return refuse(SERVER_REASONS.invalidDocument, user.id, claims.device);
    const decision = await decideAccess(this.store, user, parsed.youngPersonId);
    if (!decision.allowed) return refuse(decision.reason, user.id, claims.device);
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
      ip,
      userId: user.id,
      deviceId: claims.device,
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
    if (!claims || claims.sub !== context.userId || claims.device !== context.deviceId) {
      throw new SyncRefusal(SERVER_REASONS.invalidToken);
    }
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
    if (!isDecodableUpdate(payload)) throw new SyncRefusal(SERVER_REASONS.badRequest);
    if (Y.snapshotContainsUpdate(Y.snapshot(document), payload)) return;
    const pending = await this.store.appendUpdate(documentName, payload);
    const key = this.batchKey(connection.socketId, documentName);
    const batch = this.batches.get(key) ?? {
      userId: context.userId ?? null,
      deviceId: context.deviceId ?? null,
      ip: context.ip,
      docName: documentName,
      updates: 0,
      bytes: 0,
    };
    batch.updates += 1;
    batch.bytes += payload.byteLength;
    this.batches.set(key, batch);
    if (pending >= this.options.compactAfterUpdates) void this.compact(documentName);
  }

  private async storeDocument(documentName: string): Promise<void> {
    await this.flushBatchesFor(documentName);
    await this.compact(documentName);
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

  // --- audit of change batches ---------------------------------------------------------------------

  private async flushBatch(key: string): Promise<void> {
    const batch = this.batches.get(key);
    if (!batch) return;
    this.batches.delete(key);
    await this.store.appendAudit({
      event: 'doc.change',
      userId: batch.userId,
      deviceId: batch.deviceId,
      docName: batch.docName,
      ip: batch.ip,
      detail: `updates=${batch.updates} bytes=${batch.bytes}`,
    });
  }

  private async flushBatchesFor(documentName: string): Promise<void> {
    for (const [key, batch] of [...this.batches])
      if (batch.docName === documentName) await this.flushBatch(key);
  }

  async flushAllBatches(): Promise<void> {
    for (const key of [...this.batches.keys()]) await this.flushBatch(key);
  }

  // --- re-checking open connections ----------------------------------------------------------------

  /**
   * Re-checks every open document connection against the store: expired tokens, disabled accounts,
   * revoked devices and changed assignments close at once, with the protocol reason.
   */
  async recheckAccess(): Promise<void> {
    const users = new Map<string, User | null>();
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
        let reason: ServerReason | null = null;
        if (!device || device.revokedAt) reason = SERVER_REASONS.deviceRevoked;
        else if (!user || user.disabled) reason = SERVER_REASONS.accountDisabled;
        else if (ctx.exp !== undefined && ctx.exp * 1000 <= now) reason = SERVER_REASONS.tokenExpired;
        else if (!mayAccess(user, assignment)) reason = SERVER_REASONS.accessRevoked;
        if (reason) await this.closeConnection(connection, ctx, reason);
      }
    }
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
    if (reason === SERVER_REASONS.deviceRevoked || reason === SERVER_REASONS.accountDisabled) {
      // The whole socket belongs to a device or account that may no longer sync anything.
      const socket = connection.webSocket;
      if (socket instanceof SocketAdapter) socket.ws.close(CLOSE_CODES.forbidden, reason);
    }
  }

  // --- shutdown ------------------------------------------------------------------------------------

  /** Closes every socket, stores (compacts) every loaded document, flushes audit batches. */
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
    await this.flushAllBatches();
  }
}
