/**
 * Heartbeats between instances (cluster.ts): an instance whose own event loop stalled longer than the
 * peer timeout does not take its live peers for dead (which would re-read every held record and stall
 * it further); a peer that really stops beating is still found. Real Redis (WAYMARK_TEST_REDIS_URL).
 */
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { Cluster, PEER_TIMEOUT_MS, type ClusterHandlers } from './cluster.ts';
import { redisOptionsFromUrl } from './redis-url.ts';

const redisUrl = process.env['WAYMARK_TEST_REDIS_URL'];

function watching(): { handlers: ClusterHandlers; resyncs: string[] } {
  const resyncs: string[] = [];
  return {
    resyncs,
    handlers: {
      accessChanged: () => undefined,
      recordStored: () => undefined,
      resyncAll: (reason) => resyncs.push(reason),
      availability: () => undefined,
    },
  };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

describe('cluster heartbeats', () => {
  const open: Cluster[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((cluster) => cluster.close()));
  });

  if (!redisUrl) {
    it('needs a real Redis', () => {
      throw new Error('WAYMARK_TEST_REDIS_URL is not set. Run `bash scripts/ensure-redis.sh` first.');
    });
    return;
  }

  const pair = async (): Promise<{ a: Cluster; prefix: string; watchA: ReturnType<typeof watching> }> => {
    const prefix = `waymark-test-beat-${randomBytes(4).toString('hex')}`;
    const log = (): void => undefined;
    const a = await Cluster.connect({ redisUrl, prefix, instanceId: 'a', log });
    const b = await Cluster.connect({ redisUrl, prefix, instanceId: 'b', log });
    open.push(a, b);
    const watchA = watching();
    a.start(watchA.handlers);
    b.start(watching().handlers);
    return { a, prefix, watchA };
  };

  it('does not take a live peer for dead after its own event loop stalled', async () => {
    const { a, watchA } = await pair();
    await until(() => a.peerCount === 1, 'a hearing b');
    // Both instances share this process: block it longer than the peer timeout.
    const stalledUntil = Date.now() + PEER_TIMEOUT_MS + 1500;
    while (Date.now() < stalledUntil) {
      // busy: no timer, no socket read
    }
    // Two beats later, b's queued heartbeats have been read.
    await sleep(2500);
    expect(watchA.resyncs).toEqual([]);
    expect(a.peerCount).toBe(1);
  });

  it('still finds a peer that stopped beating', async () => {
    const { a, prefix, watchA } = await pair();
    await until(() => a.peerCount === 1, 'a hearing b');
    // A peer that beats once and dies without saying it leaves.
    const ghost = new Redis(redisOptionsFromUrl(redisUrl));
    try {
      await ghost.publish(`${prefix}:control`, JSON.stringify({ from: 'ghost', kind: 'heartbeat' }));
    } finally {
      ghost.disconnect();
    }
    await until(() => a.peerCount === 2, 'a hearing the ghost');
    await until(() => watchA.resyncs.length > 0, 'a finding the ghost gone');
    expect(watchA.resyncs).toEqual(['peer ghost lost']);
    expect(a.peerCount).toBe(1);
  });
});
