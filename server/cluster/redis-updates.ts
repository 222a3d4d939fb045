/**
 * Record edits between instances (@hocuspocus/extension-redis, adapted for Waymark).
 *
 * Upstream, every change makes the instance publish a SyncStep1 (its state vector) on the record's
 * channel; every other instance holding the record answers with a SyncStep2 — `encodeStateAsUpdate`
 * against that vector: nothing new, but the record's whole delete set, which a Waymark record (nothing
 * garbage-collected, every superseded field write deleted) has a lot of — and its own SyncStep1; the
 * writer answers that with a second SyncStep2 holding the change and the delete set again, and only then
 * does the other instance apply the change and send it to its laptops. Per write that is four messages,
 * two full delete-set encodes and decodes on each side, and three hops through two event loops before a
 * reader on the other instance sees the edit; while one instance answered for a write, the local readers
 * of the writes it was checking waited too (bench/profiles/fanout.md). Upstream discussed sending the
 * update itself (ueberdosis/hocuspocus#682) and kept the round trip because Redis pub/sub does not
 * guarantee delivery.
 *
 * Here a change is published as the Yjs update itself (one message, applied as it comes: the instance
 * sends it on to its own laptops at once). What the round trip protected against is covered:
 *  - a message can only be lost with the subscriber connection; then the instance is not ready, closes
 *    its sockets and, once Redis is back, re-reads every held record from PostgreSQL, where every update
 *    is stored before any instance applies it (cluster.ts, sync-engine.ts `resyncFromStore`);
 *  - an update that arrives without what it builds on (Yjs keeps it pending) makes the instance ask its
 *    peers with a SyncStep1, answered as upstream does, so a gap heals at the next edit;
 *  - a record loaded while another instance holds it still asks that instance for its state (upstream's
 *    `afterLoadDocument`, unchanged).
 *
 * The extension's store lock is not used: Waymark's "store" hook only compacts what is already in
 * PostgreSQL, under a per-record advisory lock (postgres-store.ts compact), so two instances compacting
 * one record is safe, and a Redis outage or a lock held by a dead instance never blocks compaction
 * (upstream: ueberdosis/hocuspocus#588, #669, #983).
 */
import { Redis as RedisExtension } from '@hocuspocus/extension-redis';
import { IncomingMessage, OutgoingMessage, type Document, type onChangePayload } from '@hocuspocus/server';

/** Whether a transaction origin is the Redis extension's (a change that came from another instance). */
function fromRedis(origin: unknown): boolean {
  return typeof origin === 'object' && origin !== null && (origin as { source?: unknown }).source === 'redis';
}

/** Records with a change waiting for what it builds on (Yjs pending structs or deletions). */
export function hasGap(document: Document): boolean {
  return document.store.pendingStructs !== null || document.store.pendingDs !== null;
}

export class WaymarkRedisExtension extends RedisExtension {
  /** Records whose peers are to be asked for what this instance lacks, at the end of this turn. */
  private readonly gapRequests = new Set<string>();

  constructor(configuration: ConstructorParameters<typeof RedisExtension>[0]) {
    super(configuration);
    // After upstream's handler applied a message from another instance (synchronously, before it awaits).
    this.sub.on('messageBuffer', (_channel: Buffer, data: Buffer) => this.afterIncoming(data));
  }

  /** Publishes the change itself to the instances holding the record (see the module comment). */
  override async onChange(data: onChangePayload): Promise<void> {
    if (fromRedis(data.transactionOrigin)) return;
    const message = new OutgoingMessage(data.documentName).createSyncMessage().writeUpdate(data.update);
    // Not awaited: nothing waits on the publish (a lost one is covered, see the module comment).
    this.pub
      .publish(this.channelOf(data.documentName), this.framed(message.toUint8Array()))
      .catch(() => undefined);
  }

  override async onStoreDocument(): Promise<void> {}
  override async afterStoreDocument(): Promise<void> {}

  private afterIncoming(data: Buffer): void {
    const idLength = data[0] ?? 0;
    if (data.toString('utf-8', 1, idLength + 1) === this.configuration.identifier) return;
    let documentName: string;
    try {
      documentName = new IncomingMessage(data.subarray(idLength + 1)).readVarString();
    } catch {
      return;
    }
    const document = this.instance.documents.get(documentName);
    if (!document || !hasGap(document) || this.gapRequests.has(documentName)) return;
    this.gapRequests.add(documentName);
    setImmediate(() => {
      this.gapRequests.delete(documentName);
      const held = this.instance.documents.get(documentName);
      if (!held || !hasGap(held)) return;
      const request = new OutgoingMessage(documentName).createSyncMessage().writeFirstSyncStepFor(held);
      this.pub
        .publish(this.channelOf(documentName), this.framed(request.toUint8Array()))
        .catch(() => undefined);
    });
  }

  /** The record's channel (as upstream names it). */
  private channelOf(documentName: string): string {
    return `${this.configuration.prefix}:${documentName}`;
  }

  /** A message with this instance's identifier in front (as upstream frames it). */
  private framed(message: Uint8Array): Buffer {
    return Buffer.concat([this.messagePrefix, Buffer.from(message)]);
  }
}
