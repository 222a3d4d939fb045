/**
 * The server process is killed (SIGKILL) at seeded random points while a PA's client writes contacts to
 * four records over one socket, and restarted on the same port; the client reconnects by itself. After
 * every kill, every contact the server had confirmed (renderer/sync/confirmation.ts: the server's
 * snapshot, taken after every earlier message on the connection was stored, holds the client's whole
 * state) is in the database; at the end the writer and a fresh client read identical records holding
 * every contact written. (The provider's own "no unsynced changes" counter is not a confirmation: it
 * is reset on reconnect and reached zero with updates still in flight, failing this test ~1 run in 7.) Extends server/crash-recovery.test.ts (one kill, a text doc) to several kill points and
 * real record docs written through the shared/ydoc writers.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { ContactEvent } from '../../../shared/domain/model.ts';
import { docNameFor } from '../../../shared/protocol.ts';
import { createRng } from '../../../shared/synthetic/random.ts';
import { addContact } from '../../../shared/ydoc/write-record.ts';
import { readRecord } from '../../../shared/ydoc/read-record.ts';
import { SqliteStore } from '../../../server/store/sqlite-store.ts';
import * as Y from 'yjs';
import { attach, freePort, sharedSocket, whenConfirmed, type Attached } from './support/clients.ts';
import { encodedCaseload } from './support/records.ts';
import { startServerProcess, type ServerProcess } from './support/server-process.ts';
import { seedWorld, type SeedWorld } from './support/world.ts';

const TODAY = '2026-03-01';
const KILLS = 4;
const SEED = 4242;

let world: SeedWorld | null = null;
let server: ServerProcess | null = null;

afterAll(async () => {
  await server?.kill();
  world?.remove();
});

async function storedContactIds(
  sqlitePath: string,
  names: readonly string[],
): Promise<Map<string, Set<string>>> {
  const store = new SqliteStore(sqlitePath);
  try {
    const result = new Map<string, Set<string>>();
    for (const name of names) {
      const doc = new Y.Doc();
      const state = await store.loadDoc(name);
      if (state) Y.applyUpdate(doc, state);
      result.set(name, new Set(readRecord(doc).contacts.map((c) => c.id)));
      doc.destroy();
    }
    return result;
  } finally {
    await store.close();
  }
}

describe('server killed at random points during sync, then restarted', () => {
  it(`loses no acknowledged contact over ${KILLS} kills, and every client converges`, async () => {
    const rng = createRng(SEED);
    world = await seedWorld('crash-restart');
    const team = await world.store.createTeam('North');
    const pa = await world.account('pa.north', 'pa', team.id);
    const records = encodedCaseload(77, 4, TODAY);
    for (const r of records) await world.addRecord(r.id, r.update, pa);
    await world.closeStore();
    const port = await freePort();
    const options = {
      sqlitePath: world.sqlitePath,
      dataDir: world.dir,
      port,
      storeDebounceMs: 100,
      compactAfterUpdates: 15,
      accessRecheckMs: 60_000,
    };

    server = await startServerProcess(options, world.secret);
    const socket = sharedSocket(server.syncUrl);
    const names = records.map((r) => docNameFor(r.id));
    const templates = new Map(records.map((r) => [docNameFor(r.id), r.record.contacts[0]]));
    const written = new Map<string, string[]>(names.map((n) => [n, []]));
    const acked = new Map<string, Set<string>>(names.map((n) => [n, new Set<string>()]));
    const clients: Attached[] = names.map((name) => attach(socket, name, pa.token));
    await Promise.all(clients.map((c) => whenConfirmed(c, 30_000)));
    // Asks the server for confirmations all along, as the app does; at each one, every contact written
    // to that record before its request counts as confirmed (writes are applied to the local doc at once).
    let confirming = true;
    const confirmers = clients.map(async (client) => {
      let requested: string[] = [];
      while (confirming) {
        await whenConfirmed(client, 5_000, {
          onRequest: () => {
            requested = [...(written.get(client.name) ?? [])];
          },
          onConfirmed: () => {
            for (const id of requested) acked.get(client.name)?.add(id);
          },
          isStopped: () => !confirming,
        }).catch(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
    });

    let serial = 0;
    const writeOne = (): void => {
      const client = clients[rng.int(0, clients.length - 1)];
      const template: ContactEvent | undefined = client ? templates.get(client.name) : undefined;
      if (!client || !template) return;
      const id = `crash-${++serial}`;
      addContact(
        client.doc,
        { ...template, id, notes: `Contact ${serial}` },
        { writer: pa.user.id, today: TODAY },
      );
      written.get(client.name)?.push(id);
    };

    let ackedTotal = 0;
    for (let kill = 0; kill < KILLS; kill++) {
      // Writes go on whether or not the server is up, as a PA's would; the kill lands at a random point:
      // during the reconnect and resync, in the middle of writes, or during a compaction.
      const killAfter = rng.int(100, 1500);
      const started = Date.now();
      while (Date.now() - started < killAfter) {
        writeOne();
        await new Promise((resolve) => setTimeout(resolve, rng.int(2, 30)));
      }
      await server.kill();
      const stored = await storedContactIds(world.sqlitePath, names);
      for (const name of names) {
        const missing = [...(acked.get(name) ?? [])].filter((id) => !stored.get(name)?.has(id));
        expect(missing, `acknowledged contacts of ${name} missing after kill ${kill + 1}`).toEqual([]);
      }
      ackedTotal = [...acked.values()].reduce((sum, set) => sum + set.size, 0);
      server = await startServerProcess(options, world.secret);
    }
    expect(ackedTotal).toBeGreaterThan(0);

    // Converge: the writer catches up by itself after the last restart; a fresh client reads the same.
    confirming = false;
    await Promise.all(confirmers);
    await Promise.all(clients.map((c) => whenConfirmed(c, 30_000)));
    const reader = sharedSocket(server.syncUrl, 1);
    const fresh = names.map((name) => attach(reader, name, pa.token));
    await Promise.all(fresh.map((c) => whenConfirmed(c, 30_000)));
    for (const [i, client] of clients.entries()) {
      const mine = readRecord(client.doc);
      expect(readRecord(fresh[i]?.doc ?? new Y.Doc())).toEqual(mine);
      const ids = new Set(mine.contacts.map((c) => c.id));
      expect((written.get(client.name) ?? []).filter((id) => !ids.has(id))).toEqual([]);
    }
    expect(serial).toBeGreaterThan(50);
    for (const c of [...clients, ...fresh]) c.provider.destroy();
    socket.destroy();
    reader.destroy();
    await server.stop();
    expect((await server.exited).code).toBe(0);
  }, 300_000); // five server starts: slow on a loaded machine
});
