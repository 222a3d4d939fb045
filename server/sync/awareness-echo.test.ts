/**
 * Awareness frames go back to their sender only (awareness-echo.ts): another reader of the record never
 * receives them, the sender's socket gets its own frame back (the keep-alive), and a socket that has not
 * authenticated gets nothing.
 */
import * as encoding from 'lib0/encoding';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { acknowledged, login, makeWorld, openDoc, openSocket, waitFor } from '../testing/fixtures.ts';
import { isAwarenessFrame } from './awareness-echo.ts';

const DOC = 'yp:ypN1';

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, DOC);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

function awarenessFrame(clientId: number, state: Record<string, string>): Uint8Array {
  const awareness = new Awareness(new Y.Doc());
  awareness.clientID = clientId;
  awareness.setLocalState(state);
  const update = encodeAwarenessUpdate(awareness, [clientId]);
  awareness.destroy();
  return frame((e) => {
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint8Array(e, update);
  });
}

/** A raw socket that records every frame it receives. */
function rawSocket(url: string): Promise<{ ws: WebSocket; received: Uint8Array[] }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    const received: Uint8Array[] = [];
    ws.on('message', (data: Buffer) => received.push(new Uint8Array(data)));
    ws.once('open', () => resolve({ ws, received }));
    ws.once('error', reject);
  });
}

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean =>
  a.length === b.length && a.every((byte, i) => byte === b[i]);

const world = await makeWorld();
afterAll(() => world.close());

describe('awareness stays with its sender', () => {
  it('recognises awareness frames and nothing else', () => {
    expect(isAwarenessFrame(awarenessFrame(7, { name: 'x' }))).toBe(true);
    expect(isAwarenessFrame(frame((e) => encoding.writeVarUint(e, 0)))).toBe(false);
    expect(isAwarenessFrame(new Uint8Array([200]))).toBe(false);
    expect(isAwarenessFrame(new Uint8Array([]))).toBe(false);
  });

  it('echoes an authenticated socket its own awareness and never sends it to another reader of the record', async () => {
    const manager = await login(world.server, 'tm.n');
    const managerSocket = openSocket(world.server);
    const opened = await openDoc(managerSocket, DOC, manager.token);
    if (opened.status !== 'synced') throw new Error(`the manager could not open ${DOC}`);

    const pa = await login(world.server, 'pa.n1');
    const paSocket = openSocket(world.server);
    const written = await openDoc(paSocket, DOC, pa.token);
    if (written.status !== 'synced') throw new Error(`the PA could not open ${DOC}`);

    const { ws, received } = await rawSocket(world.server.syncUrl);
    try {
      ws.send(
        frame(
          (e) => (
            encoding.writeVarUint(e, 2),
            encoding.writeVarUint(e, 0),
            encoding.writeVarString(e, pa.token)
          ),
        ),
      );
      await waitFor(() => received.length > 0, 'authentication answer');
      const presence = awarenessFrame(424242, { name: 'someone' });
      ws.send(presence);
      await waitFor(() => received.some((r) => sameBytes(r, presence)), 'the echo of its awareness');
    } finally {
      ws.close();
    }

    // A later edit reaches the manager after anything the server sent before it.
    written.opened.doc.getText('t').insert(0, 'after-awareness ');
    await acknowledged(written.opened);
    await waitFor(
      () => opened.opened.doc.getText('t').toString().includes('after-awareness'),
      'the manager receiving the edit',
    );
    expect([...(opened.opened.provider.awareness?.getStates().keys() ?? [])]).not.toContain(424242);
    opened.opened.provider.destroy();
    written.opened.provider.destroy();
    managerSocket.destroy();
    paSocket.destroy();
  });

  it('sends nothing back to a socket that has not authenticated', async () => {
    const { ws, received } = await rawSocket(world.server.syncUrl);
    try {
      ws.send(awarenessFrame(99, { name: 'anonymous' }));
      // An authenticated socket's frame sent after it is answered; by then the first would have been too.
      const pa = await login(world.server, 'pa.n1');
      const other = await rawSocket(world.server.syncUrl);
      other.ws.send(
        frame(
          (e) => (
            encoding.writeVarUint(e, 2),
            encoding.writeVarUint(e, 0),
            encoding.writeVarString(e, pa.token)
          ),
        ),
      );
      await waitFor(() => other.received.length > 0, 'authentication answer');
      const presence = awarenessFrame(100, { name: 'signed in' });
      other.ws.send(presence);
      await waitFor(() => other.received.some((r) => sameBytes(r, presence)), 'the echo');
      other.ws.close();
      expect(received).toEqual([]);
    } finally {
      ws.close();
    }
  });
});
