/**
 * Bulk first sync (shared/bulk-states.ts) against a real server over HTTP: each caller gets the stored
 * states of exactly the records the socket would open for them, audited; administrators, revoked
 * devices and bad requests are refused with a clear reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BULK_STATES_PATH, BulkFrameReader, type BulkFrame } from '../../shared/bulk-states.ts';
import { SERVER_REASONS, apiErrorSchema } from '../../shared/protocol.ts';
import * as fx from '../testing/fixtures.ts';
import type { World } from '../testing/fixtures.ts';

async function bulk(
  world: World,
  token: string,
  ids: readonly string[],
): Promise<{ status: number; frames: BulkFrame[]; complete: boolean }> {
  const response = await fetch(world.server.url + BULK_STATES_PATH, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ ids }),
  });
  if (response.status !== 200) return { status: response.status, frames: [], complete: false };
  expect(response.headers.get('content-type')).toBe('application/octet-stream');
  const reader = new BulkFrameReader();
  const frames = reader.push(new Uint8Array(await response.arrayBuffer()));
  return { status: 200, frames, complete: reader.finish() };
}

function summary(frames: readonly BulkFrame[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const frame of frames) {
    if (frame.kind === 'state') out[frame.id] = `state:${fx.textOf(frame.state)}`;
    else if (frame.kind === 'skipped') out[frame.id] = 'skipped';
  }
  return out;
}

describe('POST /api/records/states', () => {
  let world: World;
  beforeAll(async () => {
    world = await fx.makeWorld();
  });
  afterAll(async () => {
    await world.close();
  });

  it('sends a PA the stored states of their own records only, in order, ending with an end frame', async () => {
    const pa = await fx.login(world.server, 'pa.n1');
    const result = await bulk(world, pa.token, ['ypS1', 'ypN1', 'ypN2', 'never-seen']);
    expect(result.status).toBe(200);
    expect(result.complete).toBe(true);
    expect(result.frames.map((f) => (f.kind === 'end' ? 'end' : f.id))).toEqual([
      'ypS1',
      'ypN1',
      'ypN2',
      'never-seen',
      'end',
    ]);
    expect(summary(result.frames)).toEqual({
      ypS1: 'skipped',
      ypN1: 'state:seed-N1',
      ypN2: 'skipped',
      'never-seen': 'skipped',
    });
    // Nothing is claimed by asking: only the socket assigns a new record to its first PA.
    expect(await world.store.getAssignment('never-seen')).toBeNull();
    const audit = await world.store.queryAudit({ event: 'doc.load', docName: 'yp:ypN1' });
    expect(audit.some((row) => row.userId === world.users.paN1.id && row.detail === 'bulk first sync')).toBe(
      true,
    );
    expect(await world.store.queryAudit({ event: 'doc.load', docName: 'yp:ypS1' })).toEqual([]);
  });

  it('sends what the server stored, including updates appended over the socket since the last compaction', async () => {
    const pa = await fx.login(world.server, 'pa.n1');
    const socket = fx.openSocket(world.server);
    try {
      const opened = await fx.openDoc(socket, 'yp:ypN1', pa.token);
      expect(opened.status).toBe('synced');
      if (opened.status !== 'synced') return;
      opened.opened.doc.getText('t').insert(0, 'more ');
      await fx.acknowledged(opened.opened);
    } finally {
      socket.destroy();
    }
    const result = await bulk(world, pa.token, ['ypN1']);
    expect(summary(result.frames)).toEqual({
      ypN1: `state:${fx.textOf(await world.store.loadDoc('yp:ypN1'))}`,
    });
    expect(summary(result.frames)['ypN1']).toContain('more ');
  });

  it('sends a team manager the records of their own team only', async () => {
    const tm = await fx.login(world.server, 'tm.s');
    const result = await bulk(world, tm.token, ['ypN1', 'ypS1']);
    expect(result.complete).toBe(true);
    expect(summary(result.frames)).toEqual({ ypN1: 'skipped', ypS1: 'state:seed-S1' });
  });

  it('refuses administrators (they read no records) and callers without a valid token', async () => {
    const admin = await fx.login(world.server, 'admin');
    const res = await fx.postJson(world.server.url + BULK_STATES_PATH, { ids: ['ypN1'] }, admin.token);
    expect(res.status).toBe(403);
    expect(apiErrorSchema.parse(res.body).error).toBe(SERVER_REASONS.forbidden);
    expect((await fx.postJson(world.server.url + BULK_STATES_PATH, { ids: ['ypN1'] })).status).toBe(401);
    expect(
      (await fx.postJson(world.server.url + BULK_STATES_PATH, { ids: ['ypN1'] }, 'not-a-token')).status,
    ).toBe(401);
  });

  it('refuses a revoked device', async () => {
    const pa = await fx.login(world.server, 'pa.n1');
    await world.store.revokeDevice(pa.deviceId);
    const res = await fx.postJson(world.server.url + BULK_STATES_PATH, { ids: ['ypN1'] }, pa.token);
    expect(res.status).toBe(403);
    expect(apiErrorSchema.parse(res.body).error).toBe(SERVER_REASONS.deviceRevoked);
  });

  it('refuses malformed requests with a specific message and stays up', async () => {
    const pa = await fx.login(world.server, 'pa.n1');
    const cases: [unknown, string][] = [
      [{}, 'ids'],
      [{ ids: [] }, 'at least one'],
      [{ ids: ['ypN1', 'ypN1'] }, 'must not repeat'],
      [{ ids: ['../etc'] }, 'youngPersonId'],
      [{ ids: Array.from({ length: 1001 }, (_, i) => `yp${i}`) }, 'at most 1000'],
      [{ ids: ['ypN1'], extra: true }, 'extra'],
      [['ypN1'], 'body'],
    ];
    for (const [body, message] of cases) {
      const res = await fx.postJson(world.server.url + BULK_STATES_PATH, body, pa.token);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      const error = apiErrorSchema.parse(res.body);
      expect(error.error).toBe(SERVER_REASONS.badRequest);
      expect(error.message).toContain(message);
    }
    const notJson = await fetch(world.server.url + BULK_STATES_PATH, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', authorization: `Bearer ${pa.token}` },
      body: 'ypN1',
    });
    expect(notJson.status).toBe(415);
    expect((await fx.getJson(`${world.server.url}/api/health`)).status).toBe(200);
  });
});
