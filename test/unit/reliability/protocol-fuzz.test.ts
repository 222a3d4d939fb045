/**
 * Protocol fuzz (bounded: fixed seeds, a fixed 8 s budget): random and mutated Hocuspocus frames from
 * several raw websockets at a real server process — valid frames taken apart (bit flips, truncation,
 * splices, random document names, overlong varints), frames for a record the sender may not open, and
 * plain random bytes. The server must not crash, must keep serving, and a record written before the
 * fuzz (which the fuzzer may not open) must read back identically, live and from the database.
 * Extends server/sync/frames.test.ts (one hand-made frame per case) to bounded random input.
 */
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { API_PATHS, docNameFor } from '../../../shared/protocol.ts';
import { createRng, type Rng } from '../../../shared/synthetic/random.ts';
import { addContact } from '../../../shared/ydoc/write-record.ts';
import { readRecord } from '../../../shared/ydoc/read-record.ts';
import { SqliteStore } from '../../../server/store/sqlite-store.ts';
import { attach, sharedSocket, whenInStep } from './support/clients.ts';
import {
  authFrame,
  MESSAGE,
  step1Frame,
  step2Frame,
  updateFrame,
  varString,
  varUint,
} from './support/frames.ts';
import { encodedCaseload } from './support/records.ts';
import { startServerProcess, type ServerProcess } from './support/server-process.ts';
import { seedWorld, type SeedWorld } from './support/world.ts';

const TODAY = '2026-03-01';
const FUZZ_MS = 8_000;
const SOCKETS = 3;

let world: SeedWorld | null = null;
let server: ServerProcess | null = null;

afterAll(async () => {
  await server?.kill();
  world?.remove();
});

function mutate(rng: Rng, frame: Uint8Array, corpus: readonly Uint8Array[]): Uint8Array {
  const bytes = [...frame];
  switch (rng.int(0, 6)) {
    case 0: // flip a few bits
      for (let i = rng.int(1, 4); i > 0 && bytes.length > 0; i--) {
        const at = rng.int(0, bytes.length - 1);
        bytes[at] = (bytes[at] ?? 0) ^ (1 << rng.int(0, 7));
      }
      return new Uint8Array(bytes);
    case 1: // truncate
      return new Uint8Array(bytes.slice(0, rng.int(0, bytes.length)));
    case 2: // insert random bytes
      bytes.splice(
        rng.int(0, bytes.length),
        0,
        ...Array.from({ length: rng.int(1, 16) }, () => rng.int(0, 255)),
      );
      return new Uint8Array(bytes);
    case 3: {
      // splice the head of one frame onto the tail of another
      const other = corpus[rng.int(0, corpus.length - 1)] ?? frame;
      return new Uint8Array([
        ...bytes.slice(0, rng.int(0, bytes.length)),
        ...other.slice(rng.int(0, other.length)),
      ]);
    }
    case 4: {
      // the same body under another document name (random, long, or not UTF-8 clean)
      const names = [
        '',
        'yp:',
        'yp:../../etc',
        `yp:${'x'.repeat(rng.int(60, 900))}`,
        'yp:\u0000\uffff',
        'other:1',
      ];
      const name = names[rng.int(0, names.length - 1)] ?? '';
      return new Uint8Array([...varString(name), ...bytes.slice(rng.int(1, Math.max(1, bytes.length)))]);
    }
    case 5: // an overlong or huge varint where a length or type is expected
      return new Uint8Array([
        ...bytes.slice(0, rng.int(0, 12)),
        0xff,
        0xff,
        0xff,
        0xff,
        0xff,
        0xff,
        0xff,
        0xff,
        0x7f,
      ]);
    default: // random bytes
      return new Uint8Array(Array.from({ length: rng.int(0, 600) }, () => rng.int(0, 255)));
  }
}

function connect(url: string): Promise<WebSocket | null> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    ws.on('error', () => resolve(null));
    ws.once('open', () => resolve(ws));
  });
}

describe('protocol fuzz against a real server process', () => {
  it(`survives ${FUZZ_MS / 1000} s of random and mutated frames; a protected record reads back identically`, async () => {
    world = await seedWorld('fuzz');
    const team = await world.store.createTeam('North');
    const owner = await world.account('pa.owner', 'pa', team.id);
    const fuzzer = await world.account('pa.fuzzer', 'pa', team.id);
    const [protectedRecord, sacrificial] = encodedCaseload(303, 2, TODAY);
    if (!protectedRecord || !sacrificial) throw new Error('no records');
    await world.addRecord(protectedRecord.id, protectedRecord.update, owner);
    await world.addRecord(sacrificial.id, sacrificial.update, fuzzer);
    await world.closeStore();
    server = await startServerProcess(
      { sqlitePath: world.sqlitePath, dataDir: world.dir, port: 0, storeDebounceMs: 100 },
      world.secret,
    );
    const P = docNameFor(protectedRecord.id);
    const S = docNameFor(sacrificial.id);

    // Written before the fuzz, through the real client, and acknowledged.
    const ownerSocket = sharedSocket(server.syncUrl, 1);
    const before = attach(ownerSocket, P, owner.token);
    await whenInStep(before, 10_000);
    const template = protectedRecord.record.contacts[0];
    if (!template) throw new Error('the protected record has no contact');
    addContact(
      before.doc,
      { ...template, id: 'before-fuzz', notes: 'Written before the fuzz' },
      { writer: owner.user.id, today: TODAY },
    );
    await whenInStep(before, 10_000);
    const expected = readRecord(before.doc);
    before.provider.destroy();
    ownerSocket.destroy();

    // A corpus of valid frames to take apart.
    const scratch = new Y.Doc();
    Y.applyUpdate(scratch, sacrificial.update);
    const sv = Y.encodeStateVector(scratch);
    const sTemplate = sacrificial.record.contacts[0] ?? template;
    const beforeEdit = Y.encodeStateVector(scratch);
    addContact(scratch, { ...sTemplate, id: 'fuzz-edit' }, { writer: fuzzer.user.id, today: TODAY });
    const edit = Y.encodeStateAsUpdate(scratch, beforeEdit);
    const corpus: Uint8Array[] = [
      authFrame(S, fuzzer.token),
      authFrame(P, fuzzer.token),
      authFrame(P, 'not-a-token'),
      authFrame(P, owner.token.slice(0, -4) + 'AAAA'),
      step1Frame(S),
      step1Frame(S, sv),
      step1Frame(P),
      updateFrame(S, edit),
      step2Frame(S, edit),
      updateFrame(P, edit),
      new Uint8Array([...varString(S), MESSAGE.awareness, ...varUint(3), 1, 2, 3]),
      new Uint8Array([...varString(S), MESSAGE.queryAwareness]),
      new Uint8Array([...varString(S), MESSAGE.stateless, ...varString('{"x":1}')]),
      new Uint8Array([...varString(S), MESSAGE.broadcastStateless, ...varString('hello')]),
      new Uint8Array([...varString(S), MESSAGE.close]),
      new Uint8Array([...varString(S), MESSAGE.syncStatus, 1]),
      new Uint8Array([...varString(S), MESSAGE.ping]),
      new Uint8Array([...varString(S), 99, 1, 2]),
    ];

    let frames = 0;
    let sessions = 0;
    const deadline = Date.now() + FUZZ_MS;
    const loop = async (seed: number): Promise<void> => {
      const rng = createRng(seed);
      while (Date.now() < deadline) {
        const ws = await connect(server?.syncUrl ?? '');
        if (!ws) {
          await new Promise((resolve) => setTimeout(resolve, 20));
          continue;
        }
        sessions += 1;
        // Usually authenticate properly first, so mutated frames reach the sync handlers too.
        if (rng.chance(0.7)) {
          ws.send(authFrame(S, fuzzer.token));
          ws.send(step1Frame(S));
        }
        for (
          let i = rng.int(1, 40);
          i > 0 && ws.readyState === WebSocket.OPEN && Date.now() < deadline;
          i--
        ) {
          const base = corpus[rng.int(0, corpus.length - 1)] ?? new Uint8Array();
          ws.send(rng.chance(0.15) ? base : mutate(rng, base, corpus));
          frames += 1;
          if (i % 8 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
        }
        await new Promise((resolve) => setTimeout(resolve, rng.int(0, 15)));
        if (rng.chance(0.5)) ws.terminate();
        else ws.close();
      }
    };
    await Promise.all(Array.from({ length: SOCKETS }, (_, i) => loop(7000 + i)));
    console.info(`protocol fuzz: ${frames} frames in ${sessions} sessions over ${FUZZ_MS / 1000} s`);
    expect(frames).toBeGreaterThan(1000);
    expect(sessions).toBeGreaterThan(50);

    // Still alive and serving; the protected record is untouched; nothing left loaded or connected.
    expect(server.child.exitCode).toBeNull();
    expect((await fetch(server.url + API_PATHS.health)).status).toBe(200);
    const readerSocket = sharedSocket(server.syncUrl, 1);
    const after = attach(readerSocket, P, owner.token);
    const other = attach(readerSocket, S, fuzzer.token);
    await whenInStep(after, 10_000);
    await whenInStep(other, 10_000);
    expect(readRecord(after.doc)).toEqual(expected);
    after.provider.destroy();
    other.provider.destroy();
    readerSocket.destroy();
    const live = server;
    let stats = await live.stats();
    for (let i = 0; i < 100 && (stats.connections > 0 || stats.docs > 0); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      stats = await live.stats();
    }
    expect({ connections: stats.connections, docs: stats.docs }).toEqual({ connections: 0, docs: 0 });

    await live.stop();
    expect((await live.exited).code).toBe(0);
    const store = new SqliteStore(world.sqlitePath);
    try {
      const stored = new Y.Doc();
      Y.applyUpdate(stored, (await store.loadDoc(P)) ?? new Uint8Array([0, 0]));
      expect(readRecord(stored)).toEqual(expected);
    } finally {
      await store.close();
    }
  }, 60_000);
});
