/**
 * Several server instances on one PostgreSQL, coordinated through Redis (WAYMARK_REDIS_URL):
 *  - document updates travel between instances with @hocuspocus/extension-redis (each instance that
 *    holds a record subscribes to its channel), so an edit through one instance reaches clients on another;
 *    each change is published as the update itself (redis-updates.ts), not upstream's sync round trip;
 *  - a small control channel carries what each instance must do to its own sockets and documents:
 *    "access changed" (a reassignment, revocation, sign-out, disable: re-check every open connection),
 *    "record stored" (an import wrote a record: reload it if held) and a heartbeat (a peer that stops
 *    beating died without publishing everything: every held record is re-read from the store);
 *  - device challenges are single-use across instances (a shared ledger, see device-challenges.ts);
 *  - sign-in budgets and daily write quotas are counted once for all instances (`scripts`: atomic Lua
 *    scripts, shared-login-budget.ts and shared-day-quotas.ts); while Redis is unreachable they refuse.
 *
 * The Redis extension's own store lock is not used (redis-updates.ts).
 *
 * When Redis is unreachable the instance is not ready: it refuses new sockets (503) and closes the open
 * ones, so clients retry until Redis is back instead of editing documents that no longer see the other
 * instances' edits. Laptops keep working offline meanwhile; nothing acknowledged is lost (PostgreSQL).
 */
import { randomUUID } from 'node:crypto';
import type { Redis as RedisExtension } from '@hocuspocus/extension-redis';
import { Redis, type RedisOptions } from 'ioredis';
import { z } from 'zod';
import { SharedLimitsUnavailable, type RedisScripts } from './redis-scripts.ts';
import { describeRedisUrl, redisOptionsFromUrl } from './redis-url.ts';
import { WaymarkRedisExtension } from './redis-updates.ts';

export const DEFAULT_PREFIX = 'waymark';
/** A peer that has not beaten for this long is taken for dead. */
export const PEER_TIMEOUT_MS = 4000;
const HEARTBEAT_MS = 1000;

const controlMessageSchema = z.discriminatedUnion('kind', [
  z.object({ from: z.string(), kind: z.literal('access-changed') }),
  z.object({ from: z.string(), kind: z.literal('record-stored'), docName: z.string().max(300) }),
  z.object({ from: z.string(), kind: z.literal('heartbeat') }),
  z.object({ from: z.string(), kind: z.literal('leaving') }),
]);
export type ControlMessage = z.infer<typeof controlMessageSchema>;
type Outgoing = { kind: 'access-changed' } | { kind: 'record-stored'; docName: string };

export interface ClusterHandlers {
  /** Re-check every open connection against the store (another instance changed access). */
  accessChanged(): void;
  /** A record was written outside sync by another instance: reload it if this instance holds it. */
  recordStored(docName: string): void;
  /** Re-read every held record from the store (Redis came back, or a peer died). */
  resyncAll(reason: string): void;
  /** Redis became unreachable (false) or reachable again (true). */
  availability(ready: boolean): void;
}

export interface ClusterOptions {
  readonly redisUrl: string;
  /** Unique per instance (WAYMARK_INSTANCE_ID); default a random one. */
  readonly instanceId?: string;
  readonly prefix?: string;
  /** How long to wait for Redis at start, ms (default 10 s). */
  readonly connectTimeoutMs?: number;
  readonly log: (message: string) => void;
}

export class Cluster {
  readonly instanceId: string;
  readonly extension: RedisExtension;
  private readonly prefix: string;
  private readonly bus: Redis;
  /** Publishes control messages and claims single-use tokens (the bus only subscribes). */
  private readonly command: Redis;
  private readonly clients: readonly Redis[];
  private readonly log: (message: string) => void;
  private handlers: ClusterHandlers | null = null;
  private wasReady = false;
  private readonly peers = new Map<string, number>();
  private heartbeat: NodeJS.Timeout | null = null;
  private lastBeatAt = Date.now();
  private closed = false;

  private constructor(options: ClusterOptions) {
    this.instanceId = options.instanceId ?? `waymark-${randomUUID()}`;
    this.prefix = options.prefix ?? DEFAULT_PREFIX;
    this.log = options.log;
    const connection: RedisOptions = {
      ...redisOptionsFromUrl(options.redisUrl),
      // Reconnect for ever, at most every 2 s; queued commands fail after a few retries instead of hanging.
      retryStrategy: (times) => Math.min(100 * times, 2000),
      maxRetriesPerRequest: 3,
    };
    const created: Redis[] = [];
    const create = (): Redis => {
      const client = new Redis(connection);
      created.push(client);
      return client;
    };
    this.extension = new WaymarkRedisExtension({
      createClient: create,
      identifier: this.instanceId,
      prefix: `${this.prefix}:doc`,
    });
    this.bus = create();
    this.command = create();
    this.clients = created;
    let lastError = '';
    for (const client of this.clients) {
      client.on('error', (error: Error) => {
        // One line per distinct error, not one per reconnect attempt.
        if (error.message !== lastError) this.log(`redis: ${error.message}`);
        lastError = error.message;
      });
      client.on('ready', () => {
        lastError = '';
        this.onStatus();
      });
      client.on('close', () => this.onStatus());
      client.on('end', () => this.onStatus());
    }
    this.bus.on('message', (_channel: string, text: string) => this.onControl(text));
  }

  /** Connects and waits until every Redis connection is ready; throws a specific error otherwise. */
  static async connect(options: ClusterOptions): Promise<Cluster> {
    const cluster = new Cluster(options);
    const timeoutMs = options.connectTimeoutMs ?? 10_000;
    const deadline = Date.now() + timeoutMs;
    while (!cluster.ready) {
      if (Date.now() > deadline) {
        await cluster.close();
        throw new Error(
          `Redis at ${describeRedisUrl(options.redisUrl)} did not answer within ${timeoutMs / 1000} s`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await cluster.bus.subscribe(cluster.channel);
    cluster.wasReady = true;
    return cluster;
  }

  /** Starts delivering control messages and heartbeats. */
  start(handlers: ClusterHandlers): void {
    this.handlers = handlers;
    this.heartbeat = setInterval(() => this.beat(), HEARTBEAT_MS);
    this.heartbeat.unref();
    this.beat();
  }

  /** Other instances heard from lately. */
  get peerCount(): number {
    return this.peers.size;
  }

  /** Every Redis connection is up (the instance may accept sockets). */
  get ready(): boolean {
    return !this.closed && this.clients.every((client) => client.status === 'ready');
  }

  /** Tells every other instance; never throws (a lost message is covered by the periodic re-check). */
  publish(message: Outgoing): void {
    const text = JSON.stringify({ from: this.instanceId, ...message });
    this.command.publish(this.channel, text).catch((error: unknown) => {
      this.log(`redis publish failed: ${error instanceof Error ? error.message : String(error)}`);
    });
  }

  /** Shared counters: scripts run atomically on Redis under `<prefix>:limit:`; refused while unreachable. */
  readonly scripts: RedisScripts = {
    run: async (script, keys, args) => {
      if (!this.ready) throw new SharedLimitsUnavailable('redis unreachable');
      try {
        return await this.command.eval(
          script,
          keys.length,
          ...keys.map((key) => `${this.prefix}:limit:${key}`),
          ...args,
        );
      } catch (error) {
        throw new SharedLimitsUnavailable(error instanceof Error ? error.message : String(error));
      }
    },
  };

  /** Claims a single-use token (a device challenge nonce) across instances: true the first time only. */
  async claimOnce(kind: string, id: string, ttlMs: number): Promise<boolean> {
    const key = `${this.prefix}:once:${kind}:${id}`;
    return (await this.command.set(key, '1', 'PX', Math.max(1, Math.ceil(ttlMs)), 'NX')) === 'OK';
  }

  async close(): Promise<void> {
    if (this.closed) return;
    if (this.heartbeat) clearInterval(this.heartbeat);
    if (this.ready) {
      await this.command
        .publish(this.channel, JSON.stringify({ from: this.instanceId, kind: 'leaving' }))
        .catch(() => undefined);
    }
    this.closed = true;
    this.handlers = null;
    await this.extension.onDestroy().catch(() => undefined);
    this.bus.disconnect(false);
    this.command.disconnect(false);
  }

  private get channel(): string {
    return `${this.prefix}:control`;
  }

  private beat(): void {
    if (!this.ready) return;
    this.command
      .publish(this.channel, JSON.stringify({ from: this.instanceId, kind: 'heartbeat' }))
      .catch(() => undefined);
    const now = Date.now();
    const sinceLastBeat = now - this.lastBeatAt;
    this.lastBeatAt = now;
    // This instance's own event loop was stalled (a busy machine): the peers' heartbeats are still
    // waiting to be read, after this timer. Judging them now would take a live peer for dead and re-read
    // every held record, stalling this instance further; they are judged at the next beat instead.
    if (sinceLastBeat > PEER_TIMEOUT_MS / 2) return;
    for (const [peer, seen] of this.peers) {
      if (now - seen <= PEER_TIMEOUT_MS) continue;
      this.peers.delete(peer);
      this.log(`instance ${peer} stopped answering: re-reading held records from the store`);
      this.handlers?.resyncAll(`peer ${peer} lost`);
    }
  }

  private onStatus(): void {
    if (this.closed) return;
    const ready = this.ready;
    if (ready === this.wasReady) return;
    this.wasReady = ready;
    this.log(ready ? 'redis reachable again: accepting sockets' : 'redis unreachable: refusing sockets');
    this.handlers?.availability(ready);
    if (ready) this.handlers?.resyncAll('redis reconnected');
  }

  private onControl(text: string): void {
    let message: ControlMessage;
    try {
      message = controlMessageSchema.parse(JSON.parse(text));
    } catch {
      this.log('redis: ignored a control message that is not Waymark’s');
      return;
    }
    if (message.from === this.instanceId) return;
    switch (message.kind) {
      case 'heartbeat':
        this.peers.set(message.from, Date.now());
        return;
      case 'leaving':
        this.peers.delete(message.from);
        return;
      case 'access-changed':
        this.handlers?.accessChanged();
        return;
      case 'record-stored':
        this.handlers?.recordStored(message.docName);
        return;
    }
  }
}
