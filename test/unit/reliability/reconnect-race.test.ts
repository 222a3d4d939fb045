/**
 * The reconnect race of issue 12, made deterministic: contacts are written while the server is down
 * (the provider queues the updates), the server comes back, and at the very instant a record is first
 * reported confirmed the server process is SIGKILLed — before it can handle another message. Every
 * contact written before that instant must be in the server's database.
 *
 * The provider's own counter is no such signal (`unsyncedChanges`: `startSync` resets it to 1 on
 * reconnect while the queued updates are each acknowledged afterwards, so it can reach 0 with updates
 * still in flight; crash-restart.test.ts failed ~1 run in 7 on it). The server's confirmation
 * (renderer/sync/confirmation.ts) is: the server answers only after every earlier message on the
 * connection is stored, and the client checks the answer's snapshot against its whole local state.
 */
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { docNameFor } from '../../../shared/protocol.ts';
import { addContact } from '../../../shared/ydoc/write-record.ts';
import { readRecord } from '../../../shared/ydoc/read-record.ts';
import { SqliteStore } from '../../../server/store/sqlite-store.ts';
import { attach, freePort, sharedSocket, whenConfirmed, type Attached } from './support/clients.ts';
import { encodedCaseload } from './support/records.ts';
import { startServerProcess, type ServerProcess } from './support/server-process.ts';
import { seedWorld, type SeedWorld } from './support/world.ts';

const TODAY = '2026-03-01';
const ROUNDS = 2;
const WRITES_WHILE_DOWN = 25;

let world: SeedWorld | null = null;
let server: ServerProcess | null = null;

afterAll(async () => {
  await server?.kill();
  world?.remove();
});

async function storedContactIds(sqlitePath: string, name: string): Promise<Set<string>> {
  const store = new SqliteStore(sqlitePath);
  try {
    const doc = new Y.Doc();
    const state = await store.loadDoc(name);
    if (state) Y.applyUpdate(doc, state);
    const ids = new Set(readRecord(doc).contacts.map((c) => c.id));
    doc.destroy();
    return ids;
  } finally {
    await store.close();
  }
}

describe('reconnect race: writes queued while the server is down', () => {
  it(`loses no contact when the server is killed at the first confirmation (${ROUNDS} rounds)`, async () => {
    world = await seedWorld('reconnect-race');
    const team = await world.store.createTeam('North');
    const pa = await world.account('pa.race', 'pa', team.id);
    const records = encodedCaseload(91, 3, TODAY);
    for (const r of records) await world.addRecord(r.id, r.update, pa);
    await world.closeStore();
    const options = {
      sqlitePath: world.sqlitePath,
      dataDir: world.dir,
      port: await freePort(),
      storeDebounceMs: 100,
      compactAfterUpdates: 10,
      accessRecheckMs: 60_000,
    };
    server = await startServerProcess(options, world.secret);
    const socket = sharedSocket(server.syncUrl);
    const clients: Attached[] = records.map((r) => attach(socket, docNameFor(r.id), pa.token));
    await Promise.all(clients.map((c) => whenConfirmed(c, 30_000)));
    const template = records[0]?.record.contacts[0];
    if (!template) throw new Error('the synthetic record has no contact to copy');

    let serial = 0;
    const written = new Map<string, string[]>(clients.map((c) => [c.name, []]));
    let checked = 0;
    for (let round = 0; round < ROUNDS; round++) {
      await server.kill();
      // Written while the server is down: the provider queues every update on the socket.
      for (let i = 0; i < WRITES_WHILE_DOWN; i++) {
        const client = clients[i % clients.length];
        if (!client) continue;
        const id = `race-${round}-${++serial}`;
        addContact(
          client.doc,
          { ...template, id, notes: `Queued ${serial}` },
          { writer: pa.user.id, today: TODAY },
        );
        written.get(client.name)?.push(id);
      }
      server = await startServerProcess(options, world.secret);
      const running = server;
      // The first record the server confirms: at that instant the server dies (SIGKILL, synchronous),
      // so nothing sent after the confirm request can be stored any more.
      let first: { name: string; contacts: string[] } | null = null;
      const confirmations = clients.map((client) => {
        let requested: string[] = [];
        return whenConfirmed(client, 30_000, {
          onRequest: () => {
            requested = readRecord(client.doc).contacts.map((c) => c.id);
          },
          onConfirmed: () => {
            if (first) return;
            first = { name: client.name, contacts: requested };
            running.child.kill('SIGKILL');
          },
          isStopped: () => first !== null,
        });
      });
      await running.exited;
      await Promise.all(confirmations);
      const confirmed = first as { name: string; contacts: string[] } | null;
      expect(confirmed, `round ${round + 1}: a record was confirmed before the kill`).not.toBeNull();
      if (!confirmed) continue;
      const stored = await storedContactIds(world.sqlitePath, confirmed.name);
      const missing = confirmed.contacts.filter((id) => !stored.has(id));
      expect(missing, `contacts of ${confirmed.name} confirmed but missing after round ${round + 1}`).toEqual(
        [],
      );
      // Every contact queued for that record while the server was down is among them.
      expect(confirmed.contacts).toEqual(expect.arrayContaining(written.get(confirmed.name) ?? []));
      checked += confirmed.contacts.length;
      server = await startServerProcess(options, world.secret);
      await Promise.all(clients.map((c) => whenConfirmed(c, 30_000)));
    }
    expect(checked).toBeGreaterThan(ROUNDS * 3);

    // At the end the server confirms every record, and holds every contact written anywhere.
    await Promise.all(clients.map((c) => whenConfirmed(c, 30_000)));
    await server.stop();
    for (const client of clients) {
      const stored = await storedContactIds(world.sqlitePath, client.name);
      expect((written.get(client.name) ?? []).filter((id) => !stored.has(id))).toEqual([]);
    }
    for (const c of clients) c.provider.destroy();
    socket.destroy();
  }, 300_000);
});
