/**
 * Hostile and broken input over raw websockets (the `ws` package, no provider): malformed frames,
 * text frames, oversized frames, unauthenticated writes, too many pending documents, too many
 * connections per address. The server must refuse each without crashing and keep serving others.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { API_PATHS, CLOSE_CODES } from '../../shared/protocol.ts';
import {
  acknowledged,
  login,
  makeWorld,
  openDoc,
  openSocket,
  textOf,
  textUpdate,
  type World,
} from '../testing/fixtures.ts';

// Minimal encoder for the Hocuspocus wire format (lib0 varuint / varstring / varuint8array).
function varUint(n: number): number[] {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push(0x80 | (n & 0x7f));
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
}
function varBytes(bytes: Uint8Array): number[] {
  return [...varUint(bytes.length), ...bytes];
}
function varString(s: string): number[] {
  return varBytes(new TextEncoder().encode(s));
}
const MSG_SYNC = 0;
const MSG_AUTH = 2;
const SYNC_STEP_1 = 0;
const SYNC_UPDATE = 2;
function authMessage(doc: string, token: string): Uint8Array {
  return new Uint8Array([...varString(doc), MSG_AUTH, 0, ...varString(token)]);
}
function updateMessage(doc: string, update: Uint8Array): Uint8Array {
  return new Uint8Array([...varString(doc), MSG_SYNC, SYNC_UPDATE, ...varBytes(update)]);
}
function step1Message(doc: string): Uint8Array {
  return new Uint8Array([...varString(doc), MSG_SYNC, SYNC_STEP_1, ...varBytes(new Uint8Array([0]))]);
}

function connect(world: World): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(world.server.syncUrl);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

function closed(ws: WebSocket, timeoutMs = 5000): Promise<{ code: number; reason: string }> {
  return new Promise((resolve, reject) => {
    if (ws.readyState === WebSocket.CLOSED) return reject(new Error('already closed'));
    const timer = setTimeout(() => reject(new Error('socket was not closed by the server')), timeoutMs);
    ws.once('close', (code, reason) => {
      clearTimeout(timer);
      resolve({ code, reason: reason.toString() });
    });
  });
}

describe('malformed, oversized and unauthenticated frames', () => {
  let world: World;

  beforeAll(async () => {
    world = await makeWorld({ maxMessageBytes: 64 * 1024, maxPendingDocuments: 3, maxConnectionsPerIp: 6 });
  });

  afterAll(async () => {
    await world.close();
  });

  async function stillServing(): Promise<void> {
    const health = await fetch(world.server.url + API_PATHS.health);
    expect(health.status).toBe(200);
    const session = await login(world.server, 'pa.n1');
    const socket = openSocket(world.server);
    try {
      const opened = await openDoc(socket, 'yp:ypN1', session.token);
      expect(opened.status).toBe('synced');
      expect(opened.opened.doc.getText('t').toString()).toContain('seed-N1');
    } finally {
      socket.destroy();
    }
  }

  it('closes a socket that sends an undecodable binary frame', async () => {
    const ws = await connect(world);
    const done = closed(ws);
    ws.send(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]));
    const { code } = await done;
    expect(code).toBeGreaterThanOrEqual(1000);
    await stillServing();
  });

  it('closes a socket that sends a text frame (1003)', async () => {
    const ws = await connect(world);
    const done = closed(ws);
    ws.send('{"hello":"server"}');
    expect((await done).code).toBe(CLOSE_CODES.unsupportedData);
    await stillServing();
  });

  it('closes a socket that sends a frame over the size cap (1009) and stores nothing from it', async () => {
    const ws = await connect(world);
    const done = closed(ws);
    ws.send(updateMessage('yp:ypN1', new Uint8Array(100 * 1024).fill(7)));
    expect((await done).code).toBe(CLOSE_CODES.messageTooBig);
    expect(textOf(await world.store.loadDoc('yp:ypN1'))).toBe('seed-N1');
    await stillServing();
  });

  it('never applies an update sent without authentication', async () => {
    const ws = await connect(world);
    ws.send(updateMessage('yp:ypN1', textUpdate('unauthenticated-write')));
    ws.send(authMessage('yp:ypN1', 'not-a-token'));
    await new Promise((r) => setTimeout(r, 200));
    ws.close();
    expect(textOf(await world.store.loadDoc('yp:ypN1'))).not.toContain('unauthenticated-write');
    expect((await world.store.queryAudit({ event: 'access.denied', docName: 'yp:ypN1' }))[0]?.detail).toBe(
      'invalid-token',
    );
  });

  it('closes the document connection on a malformed update after authentication, storing nothing of it', async () => {
    const session = await login(world.server, 'pa.n1');
    const ws = await connect(world);
    const before = await world.store.pendingUpdateCount('yp:ypN1');
    ws.send(authMessage('yp:ypN1', session.token));
    ws.send(step1Message('yp:ypN1'));
    await new Promise((r) => setTimeout(r, 200));
    ws.send(updateMessage('yp:ypN1', new Uint8Array([255, 255, 255, 255, 255, 255, 255, 255, 1])));
    await new Promise((r) => setTimeout(r, 200));
    expect(await world.store.pendingUpdateCount('yp:ypN1')).toBeLessThanOrEqual(before);
    expect(textOf(await world.store.loadDoc('yp:ypN1'))).toContain('seed-N1');
    ws.close();
    await stillServing();
  });

  it('caps documents pending authentication per socket', async () => {
    const ws = await connect(world);
    const done = closed(ws);
    for (let i = 0; i < 5; i++) ws.send(step1Message(`yp:pending-${i}`));
    expect((await done).code).toBe(4205);
    await stillServing();
  });

  it('caps open connections per address (HTTP 429 on upgrade)', async () => {
    const open: WebSocket[] = [];
    try {
      let refused: Error | null = null;
      for (let i = 0; i < 8 && !refused; i++) {
        try {
          open.push(await connect(world));
        } catch (error) {
          refused = error as Error;
        }
      }
      expect(refused?.message).toMatch(/429/);
      expect(open.length).toBe(6);
    } finally {
      for (const ws of open) ws.close();
    }
    await new Promise((r) => setTimeout(r, 100));
    await stillServing();
  });

  it('still accepts and acknowledges normal writes afterwards', async () => {
    const session = await login(world.server, 'pa.n1');
    const socket = openSocket(world.server);
    const opened = await openDoc(socket, 'yp:ypN1', session.token);
    expect(opened.status).toBe('synced');
    opened.opened.doc.getText('t').insert(0, 'after-abuse ');
    await acknowledged(opened.opened);
    expect(textOf(await world.store.loadDoc('yp:ypN1'))).toContain('after-abuse');
    socket.destroy();
  });
});
