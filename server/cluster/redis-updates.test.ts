/**
 * Record edits between instances (redis-updates.ts), with a real Redis (WAYMARK_TEST_REDIS_URL) and two
 * Hocuspocus instances in this process: a change crosses as one message holding the update (no sync
 * round trip per write), and an update that arrives without what it builds on makes the instance ask its
 * peers, so the gap heals.
 */
import { randomBytes } from 'node:crypto';
import { Hocuspocus, OutgoingMessage, type DirectConnection, type Document } from '@hocuspocus/server';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { waitFor } from '../testing/fixtures.ts';
import { redisOptionsFromUrl } from './redis-url.ts';
import { WaymarkRedisExtension, hasGap } from './redis-updates.ts';

const redisUrl = process.env['WAYMARK_TEST_REDIS_URL'];

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const until = (condition: () => boolean, what: string): Promise<void> => waitFor(condition, what, 10_000);

describe('record edits between instances through Redis', () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step().catch(() => undefined);
  });

  if (!redisUrl) {
    it('needs a real Redis', () => {
      throw new Error('WAYMARK_TEST_REDIS_URL is not set. Run `bash scripts/ensure-redis.sh` first.');
    });
    return;
  }

  const client = (): Redis => {
    const redis = new Redis(redisOptionsFromUrl(redisUrl));
    cleanup.push(async () => redis.disconnect());
    return redis;
  };

  /** One instance: Hocuspocus with the extension, the record opened through a direct connection. */
  const instance = async (
    prefix: string,
    id: string,
    name: string,
  ): Promise<{ hocuspocus: Hocuspocus; connection: DirectConnection; extension: WaymarkRedisExtension }> => {
    const extension = new WaymarkRedisExtension({ createClient: client, identifier: id, prefix });
    const hocuspocus = new Hocuspocus({ name: id, quiet: true, extensions: [extension] });
    const connection = await hocuspocus.openDirectConnection(name);
    cleanup.push(async () => {
      await connection.disconnect();
      await extension.onDestroy();
    });
    return { hocuspocus, connection, extension };
  };

  const docOf = (hocuspocus: Hocuspocus, name: string): Document => {
    const document = hocuspocus.documents.get(name);
    if (!document) throw new Error(`${name} is not loaded`);
    return document;
  };

  it('sends a change to the other instance as one message holding the update, with no sync round trip', async () => {
    const prefix = `waymark-test-${randomBytes(4).toString('hex')}:doc`;
    const name = 'record-1';
    const a = await instance(prefix, 'a', name);
    const b = await instance(prefix, 'b', name);
    const seen: string[] = [];
    const watcher = client();
    watcher.on('pmessageBuffer', (_pattern: Buffer, channel: Buffer) => seen.push(channel.toString()));
    await watcher.psubscribe(`${prefix}*`);

    await a.connection.transact((doc) => doc.getMap('profile').set('givenName', 'Sam'));
    await until(() => docOf(b.hocuspocus, name).getMap('profile').get('givenName') === 'Sam', 'B to apply');
    await a.connection.transact((doc) => doc.getMap('profile').set('familyName', 'Jones'));
    await until(() => docOf(b.hocuspocus, name).getMap('profile').get('familyName') === 'Jones', 'B again');
    // Anything else (upstream's SyncStep1, the answers on the reply channels) would have come by now.
    await sleep(300);
    // Two changes, two messages, both on the record's channel: nothing went back and forth.
    expect(seen).toEqual([`${prefix}:${name}`, `${prefix}:${name}`]);
    expect(docOf(a.hocuspocus, name).getMap('profile').toJSON()).toEqual(
      docOf(b.hocuspocus, name).getMap('profile').toJSON(),
    );
  });

  it('asks the other instances for what it lacks when an update arrives without what it builds on', async () => {
    const prefix = `waymark-test-${randomBytes(4).toString('hex')}:doc`;
    const name = 'record-2';
    const a = await instance(prefix, 'a', name);
    const b = await instance(prefix, 'b', name);
    // A laptop's two edits; A has the first, but its message to B was lost (as if never published).
    const laptop = new Y.Doc();
    const first = captureUpdate(laptop, () => laptop.getMap('profile').set('givenName', 'Alex'));
    const second = captureUpdate(laptop, () => laptop.getMap('profile').set('givenName', 'Alexander'));
    Y.applyUpdate(docOf(a.hocuspocus, name), first, { source: 'redis' });
    expect(docOf(b.hocuspocus, name).getMap('profile').get('givenName')).toBeUndefined();

    // The second edit reaches B (published by a third instance), which cannot apply it alone.
    const framed = (message: Uint8Array): Buffer => {
      const id = Buffer.from('c');
      return Buffer.concat([Buffer.from([id.length]), id, Buffer.from(message)]);
    };
    const message = new OutgoingMessage(name).createSyncMessage().writeUpdate(second).toUint8Array();
    await client().publish(`${prefix}:${name}`, framed(message));

    await until(
      () => docOf(b.hocuspocus, name).getMap('profile').get('givenName') === 'Alexander',
      'B to fetch the edit it lacked from A',
    );
    expect(hasGap(docOf(b.hocuspocus, name))).toBe(false);
  });
});

/** The update one change makes. */
function captureUpdate(doc: Y.Doc, change: () => void): Uint8Array {
  let captured: Uint8Array | null = null;
  const listen = (update: Uint8Array): void => {
    captured = update;
  };
  doc.on('update', listen);
  change();
  doc.off('update', listen);
  if (!captured) throw new Error('the change made no update');
  return captured;
}
