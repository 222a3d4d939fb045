/**
 * Several server instances (issue 17): two real server processes on one real PostgreSQL, coordinated
 * through a real Redis, behind a loopback load balancer. Clients on different instances converge; an
 * instance killed with SIGKILL during writes loses nothing it acknowledged (read back from PostgreSQL)
 * and its clients carry on through the other; a device revoked through one instance is closed on the
 * other; a challenge issued by one instance signs in on the other.
 */
import { randomUUID } from 'node:crypto';
import { HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { Redis } from 'ioredis';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVER_REASONS, docNameFor } from '../../shared/protocol.ts';
import { redisOptionsFromUrl } from '../../server/cluster/redis-url.ts';
import { openDoc, textOf, textUpdate, waitFor, type OpenedDoc } from '../../server/testing/fixtures.ts';
import { startClusterWorld, type ClusterWorld, type SignedIn } from './support/cluster-world.ts';

let world: ClusterWorld;

beforeAll(async () => {
  world = await startClusterWorld();
}, 180_000);

afterAll(async () => {
  await world?.close();
});

const sockets: HocuspocusProviderWebsocket[] = [];

/** A socket through the load balancer, landing on backend `index` (its count is checked). */
async function socketOn(index: number): Promise<HocuspocusProviderWebsocket> {
  world.balancer.prefer(index);
  const before = world.balancer.counts[index] ?? 0;
  const socket = new HocuspocusProviderWebsocket({
    url: world.balancer.syncUrl,
    WebSocketPolyfill: WebSocket,
    delay: 50,
    minDelay: 50,
    maxDelay: 250,
  });
  sockets.push(socket);
  await waitFor(() => (world.balancer.counts[index] ?? 0) > before, `a socket on instance ${index}`, 10_000);
  world.balancer.prefer(null);
  return socket;
}

async function open(index: number, name: string, who: SignedIn): Promise<OpenedDoc> {
  const result = await openDoc(await socketOn(index), name, who.token, 20_000);
  if (result.status !== 'synced') throw new Error(`opening ${name} was refused: ${result.reason}`);
  return result.opened;
}

async function newRecord(paUserId = world.users.pa.id): Promise<string> {
  const id = randomUUID();
  await world.store.setAssignment(id, paUserId, world.teamId);
  return docNameFor(id);
}

const write = (opened: OpenedDoc, token: string): void => {
  const text = opened.doc.getText('t');
  text.insert(text.length, `${token};`);
};

afterAll(() => {
  for (const socket of sockets) socket.destroy();
});

describe('two server instances through Redis', () => {
  it('edits through one instance reach a client on the other, both ways, and the store has both', async () => {
    const name = await newRecord();
    const pa = await world.signIn(world.users.pa);
    const manager = await world.signIn(world.users.manager);
    const onA = await open(0, name, pa);
    const onB = await open(1, name, manager);
    write(onA, 'from-a');
    write(onB, 'from-b');
    const both = (opened: OpenedDoc): boolean => {
      const text = opened.doc.getText('t').toString();
      return text.includes('from-a;') && text.includes('from-b;');
    };
    await waitFor(() => both(onA) && both(onB), 'both clients to see both edits', 15_000);
    expect(onA.doc.getText('t').toString()).toBe(onB.doc.getText('t').toString());
    await waitFor(
      async () => {
        const stored = textOf(await world.store.loadDoc(name));
        return stored.includes('from-a;') && stored.includes('from-b;');
      },
      'both edits stored',
      15_000,
    );
    // Each edit is stored and audited once, by the instance its laptop sent it to: the instance that
    // received it through Redis only applies it and passes it on.
    const history = (await world.store.listDocHistory(name)).filter((row) => row.origin === 'sync');
    expect(history.map((row) => row.userId).sort()).toEqual(
      [world.users.pa.id, world.users.manager.id].sort(),
    );
    const changes = await world.store.queryAudit({ event: 'doc.change', docName: name });
    expect(changes).toHaveLength(2);
    onA.provider.destroy();
    onB.provider.destroy();
  });

  it('revoking a device through instance A closes its socket on instance B at once', async () => {
    const name = await newRecord(world.users.otherPa.id);
    const laptop = await world.signIn(world.users.otherPa);
    const admin = await world.signIn(world.users.admin);
    const onB = await open(1, name, laptop);
    const instanceA = world.instances[0];
    if (!instanceA) throw new Error('no instance A');
    const response = await fetch(`${instanceA.url}/api/admin/devices/${laptop.deviceId}/revoke`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(response.status).toBe(200);
    // The periodic re-check is 10 minutes in this world: only the Redis control message can close it.
    await waitFor(
      () => onB.closeReasons.includes(SERVER_REASONS.deviceRevoked),
      'the revoked device to be closed on instance B',
      15_000,
    );
    onB.provider.destroy();
  });

  it('when a peer stops beating, an instance re-reads its records from the store (edits the peer never passed on)', async () => {
    const name = await newRecord();
    const onB = await open(1, name, await world.signIn(world.users.pa));
    // A peer that beats, then "dies" after storing an edit it never published through Redis.
    const ghost = new Redis(redisOptionsFromUrl(world.redisUrl));
    const channel = `${world.redisPrefix}:control`;
    const beat = (): Promise<number> =>
      ghost.publish(channel, JSON.stringify({ from: 'ghost', kind: 'heartbeat' }));
    try {
      await beat();
      await world.store.appendUpdate(name, textUpdate('stored-by-the-lost-peer;'));
      await beat();
      expect(onB.doc.getText('t').toString()).not.toContain('stored-by-the-lost-peer;');
      await waitFor(
        () => onB.doc.getText('t').toString().includes('stored-by-the-lost-peer;'),
        'the client on instance B to get the lost peer’s stored edit',
        20_000,
      );
    } finally {
      ghost.disconnect();
      onB.provider.destroy();
    }
  });

  it('an instance killed with SIGKILL during writes loses nothing acknowledged; its clients go on via the other', async () => {
    const name = await newRecord();
    const writers: OpenedDoc[] = [];
    for (let i = 0; i < 3; i += 1) writers.push(await open(0, name, await world.signIn(world.users.pa)));
    const observer = await open(1, name, await world.signIn(world.users.manager));
    const written = writers.map(() => [] as string[]);
    const acknowledged = writers.map(() => 0);
    let writing = true;
    const loops = writers.map(async (writer, i) => {
      for (let n = 0; writing; n += 1) {
        const token = `w${i}-${n}`;
        write(writer, token);
        written[i]?.push(token);
        // Wait for the acknowledgement a little (not at all while the socket is down), then write on.
        const until = Date.now() + 150;
        while (writer.provider.hasUnsyncedChanges && Date.now() < until)
          await new Promise((resolve) => setTimeout(resolve, 5));
        // Every token written before a moment with nothing unsynced was acknowledged by a server.
        if (!writer.provider.hasUnsyncedChanges) acknowledged[i] = written[i]?.length ?? 0;
        else await new Promise((resolve) => setTimeout(resolve, 20));
      }
    });
    await waitFor(() => acknowledged.every((n) => n >= 20), 'twenty acknowledged writes each', 30_000);
    const instanceA = world.instances[0];
    if (!instanceA) throw new Error('no instance A');
    await instanceA.kill();
    world.balancer.markDown(0);
    const ackedBeforeKill = written.map((tokens, i) => tokens.slice(0, acknowledged[i]));
    const countAtKill = written.map((tokens) => tokens.length);
    // Writes go on while the clients reconnect to instance B.
    await waitFor(
      () => written.every((tokens, i) => tokens.length >= (countAtKill[i] ?? 0) + 20),
      'twenty more writes each',
      30_000,
    );
    writing = false;
    await Promise.all(loops);
    const stored = textOf(await world.store.loadDoc(name));
    for (const tokens of ackedBeforeKill) {
      expect(tokens.length).toBeGreaterThanOrEqual(20);
      for (const token of tokens) expect(stored).toContain(`${token};`);
    }
    // Writes made while instance A was gone reach PostgreSQL through instance B.
    await waitFor(
      async () => {
        const now = textOf(await world.store.loadDoc(name));
        return written.every((tokens) => tokens.every((token) => now.includes(`${token};`)));
      },
      'every write stored through instance B',
      30_000,
    );
    await waitFor(
      () =>
        written.every((tokens) =>
          tokens.every((t) => observer.doc.getText('t').toString().includes(`${t};`)),
        ),
      'the client on instance B to have every write',
      15_000,
    );
    for (const writer of writers) writer.provider.destroy();
    observer.provider.destroy();
  }, 120_000);
});
