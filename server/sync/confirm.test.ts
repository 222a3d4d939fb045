/**
 * The confirm request over a raw websocket (no provider): the server answers only after every earlier
 * update on the connection is stored, with a snapshot that holds them; malformed requests get no
 * answer and break nothing.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { fromBase64 } from 'lib0/buffer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { CONFIRM_ANSWER_TYPE, confirmRequestPayload, parseConfirmAnswer } from '../../shared/protocol.ts';
import { login, makeWorld, textOf, type World } from '../testing/fixtures.ts';

const MESSAGE_SYNC = 0;
const MESSAGE_AUTH = 2;
const MESSAGE_STATELESS = 5;
const SYNC_UPDATE = 2;

function frame(doc: string, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, doc);
  write(encoder);
  return encoding.toUint8Array(encoder);
}
const authFrame = (doc: string, token: string) =>
  frame(doc, (e) => {
    encoding.writeVarUint(e, MESSAGE_AUTH);
    encoding.writeVarUint(e, 0);
    encoding.writeVarString(e, token);
  });
const updateFrame = (doc: string, update: Uint8Array) =>
  frame(doc, (e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    encoding.writeVarUint(e, SYNC_UPDATE);
    encoding.writeVarUint8Array(e, update);
  });
const statelessFrame = (doc: string, payload: string) =>
  frame(doc, (e) => {
    encoding.writeVarUint(e, MESSAGE_STATELESS);
    encoding.writeVarString(e, payload);
  });

/** A raw socket collecting the stateless payloads the server sends. */
async function rawSocket(world: World): Promise<{ ws: WebSocket; stateless: string[] }> {
  const ws = new WebSocket(world.server.syncUrl);
  const stateless: string[] = [];
  ws.on('message', (data: Buffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data));
    decoding.readVarString(decoder);
    if (decoding.readVarUint(decoder) === MESSAGE_STATELESS) stateless.push(decoding.readVarString(decoder));
  });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return { ws, stateless };
}

async function until(predicate: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('confirm requests', () => {
  let world: World;
  beforeAll(async () => {
    world = await makeWorld();
  });
  afterAll(async () => {
    await world.close();
  });

  it('answers after every earlier update on the connection is stored, with a snapshot holding them', async () => {
    const session = await login(world.server, 'pa.n1');
    const { ws, stateless } = await rawSocket(world);
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    for (let i = 0; i < 40; i++) doc.getText('t').insert(0, `w${i};`);
    // All at once, no waiting: the confirm request is queued behind the updates.
    ws.send(authFrame('yp:ypN1', session.token));
    for (const update of updates) ws.send(updateFrame('yp:ypN1', update));
    ws.send(statelessFrame('yp:ypN1', confirmRequestPayload('nonce-first-1')));
    await until(() => stateless.length === 1, 'the confirm answer');
    const stored = textOf(await world.store.loadDoc('yp:ypN1'));
    for (let i = 0; i < 40; i++) expect(stored).toContain(`w${i};`);
    const answer = parseConfirmAnswer(stateless[0] ?? '');
    expect(answer?.type).toBe(CONFIRM_ANSWER_TYPE);
    expect(answer?.nonce).toBe('nonce-first-1');
    const snapshot = Y.decodeSnapshot(fromBase64(answer?.snapshot ?? ''));
    expect(Y.snapshotContainsUpdate(snapshot, Y.encodeStateAsUpdate(doc))).toBe(true);
    // A change the server has not seen is not in the snapshot.
    doc.getText('t').insert(0, 'unsent;');
    expect(Y.snapshotContainsUpdate(snapshot, Y.encodeStateAsUpdate(doc))).toBe(false);
    ws.close();
  });

  it('ignores malformed confirm requests and keeps serving the connection', async () => {
    const session = await login(world.server, 'pa.n1');
    const { ws, stateless } = await rawSocket(world);
    ws.send(authFrame('yp:ypN1', session.token));
    for (const payload of [
      'not json',
      '{"type":"waymark.confirm"}',
      '{"type":"waymark.confirm","nonce":"x"}',
      '{"type":"waymark.confirm","nonce":"has spaces in it"}',
      JSON.stringify({ type: 'waymark.confirm', nonce: 'long-'.repeat(200) }),
      '[]',
      'null',
      'x'.repeat(10_000),
    ]) {
      ws.send(statelessFrame('yp:ypN1', payload));
    }
    ws.send(statelessFrame('yp:ypN1', confirmRequestPayload('nonce-valid-2')));
    await until(() => stateless.length >= 1, 'the answer to the valid request');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(stateless.map((payload) => parseConfirmAnswer(payload)?.nonce)).toEqual(['nonce-valid-2']);
    expect(ws.readyState).toBe(WebSocket.OPEN);
    ws.close();
  });
});
