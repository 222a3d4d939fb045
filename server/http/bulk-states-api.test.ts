/**
 * Bulk first sync (shared/bulk-states.ts) against a real server over HTTP: each caller gets the stored
 * states of exactly the records the socket would open for them, audited; administrators, revoked
 * devices and bad requests are refused with a clear reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  BULK_STATES_PATH,
  BulkFrameReader,
  type BulkFrame,
  type BulkStatesRequest,
} from '../../shared/bulk-states.ts';
import { DEFAULT_SETTINGS, type TeamSettings } from '../../shared/domain/settings.ts';
import { SERVER_REASONS, apiErrorSchema } from '../../shared/protocol.ts';
import { generateCaseload } from '../../shared/synthetic/generator.ts';
import { projectDoc } from '../../shared/ydoc/projection.ts';
import { createRecordDoc } from '../../shared/ydoc/write-record.ts';
import * as fx from '../testing/fixtures.ts';
import type { World } from '../testing/fixtures.ts';

async function bulk(
  world: World,
  token: string,
  ids: readonly string[],
  rows?: BulkStatesRequest['rows'],
): Promise<{ status: number; frames: BulkFrame[]; complete: boolean }> {
  const response = await fetch(world.server.url + BULK_STATES_PATH, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ ids, ...(rows ? { rows } : {}) }),
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

  describe('caseload rows', () => {
    const today = new Date().toISOString().slice(0, 10);
    const [record] = generateCaseload({ seed: 1702, count: 1, today });
    if (!record) throw new Error('no synthetic record');
    const id = record.profile.id;

    /** The row the laptop computes from a state it received (renderer/db/record-codec.ts projectForCaseload). */
    function laptopRow(state: Uint8Array, day: string, settings: TeamSettings): unknown {
      const doc = new Y.Doc({ gc: false });
      Y.applyUpdate(doc, state);
      try {
        return projectDoc(doc, day, settings);
      } finally {
        doc.destroy();
      }
    }

    /** `kind:id` of each frame, and each row frame's row parsed with the state sent after it. */
    function rowsAndStates(frames: readonly BulkFrame[]): { order: string[]; rows: Map<string, unknown> } {
      const rows = new Map<string, unknown>();
      const order = frames.map((frame) => {
        if (frame.kind === 'row') rows.set(frame.id, JSON.parse(frame.row));
        return frame.kind === 'end' ? 'end' : `${frame.kind}:${frame.id}`;
      });
      return { order, rows };
    }

    beforeAll(async () => {
      const doc = createRecordDoc(record, { writer: 'seed', today }, new Y.Doc({ gc: false }));
      await world.store.setAssignment(id, world.users.paN1.id, world.teams.north);
      await world.store.appendUpdate(`yp:${id}`, Y.encodeStateAsUpdate(doc));
      await world.store.compact(`yp:${id}`);
      doc.destroy();
    });

    it('sends each compacted record’s row before its state: exactly the row the laptop computes from that state', async () => {
      const pa = await fx.login(world.server, 'pa.n1');
      const settings: TeamSettings[] = [DEFAULT_SETTINGS, { ...DEFAULT_SETTINGS, contactThresholdWeeks: 2 }];
      // Today on the defaults (the row kept at compaction), other settings and another day (computed).
      for (const [day, asked] of [
        [today, settings[0]],
        [today, settings[1]],
        ['2031-03-01', settings[0]],
      ] as const) {
        if (!asked) throw new Error('no settings');
        const result = await bulk(world, pa.token, [id, 'ypN1', 'ypS1'], { today: day, settings: asked });
        expect(result.complete).toBe(true);
        const { order, rows } = rowsAndStates(result.frames);
        // A document holding no record (ypN1) and one not the caller's (ypS1) get no row.
        expect(order).toEqual([`row:${id}`, `state:${id}`, 'state:ypN1', 'skipped:ypS1', 'end']);
        const state = result.frames.find((f) => f.kind === 'state' && f.id === id);
        if (state?.kind !== 'state') throw new Error('no state frame');
        expect(state.state).toEqual(await world.store.loadDoc(`yp:${id}`));
        expect(rows.get(id)).toEqual(laptopRow(state.state, day, asked));
        expect(rows.get(id)).toMatchObject({ id, asOf: day });
      }
      const changedRule = rowsAndStates(
        (await bulk(world, pa.token, [id], { today, settings: settings[1] ?? DEFAULT_SETTINGS })).frames,
      ).rows.get(id);
      expect(changedRule).not.toEqual(
        rowsAndStates(
          (await bulk(world, pa.token, [id], { today, settings: DEFAULT_SETTINGS })).frames,
        ).rows.get(id),
      );
    });

    it('sends no row while an update waits to be compacted, and none unless asked', async () => {
      const pa = await fx.login(world.server, 'pa.n1');
      expect(rowsAndStates((await bulk(world, pa.token, [id])).frames).order).toEqual([`state:${id}`, 'end']);
      await world.store.appendUpdate(`yp:${id}`, fx.textUpdate('not compacted yet'));
      const pending = await bulk(world, pa.token, [id], { today, settings: DEFAULT_SETTINGS });
      expect(rowsAndStates(pending.frames).order).toEqual([`state:${id}`, 'end']);
      await world.store.compact(`yp:${id}`);
      const again = await bulk(world, pa.token, [id], { today, settings: DEFAULT_SETTINGS });
      const { order, rows } = rowsAndStates(again.frames);
      expect(order).toEqual([`row:${id}`, `state:${id}`, 'end']);
      const state = again.frames.find((f) => f.kind === 'state');
      if (state?.kind !== 'state') throw new Error('no state frame');
      expect(rows.get(id)).toEqual(laptopRow(state.state, today, DEFAULT_SETTINGS));
    });

    it('gives a team manager of another team neither row nor state, and refuses administrators', async () => {
      const tm = await fx.login(world.server, 'tm.s');
      const result = await bulk(world, tm.token, [id], { today, settings: DEFAULT_SETTINGS });
      expect(rowsAndStates(result.frames).order).toEqual([`skipped:${id}`, 'end']);
      const admin = await fx.login(world.server, 'admin');
      const res = await fx.postJson(
        world.server.url + BULK_STATES_PATH,
        { ids: [id], rows: { today, settings: DEFAULT_SETTINGS } },
        admin.token,
      );
      expect(res.status).toBe(403);
    });
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
      [{ ids: ['ypN1'], rows: { today: '2026-02-30', settings: {} } }, 'yyyy-MM-dd'],
      [{ ids: ['ypN1'], rows: { today: '2026-03-01', settings: { contactThresholdWeeks: 0 } } }, 'weeks'],
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
