/**
 * Issue 13 finding 2 and the auto-claim part of 12, against a real server process over raw websockets:
 * one PA account could exhaust server memory (four 10.8 MiB updates: 140 MiB → 2.1 GiB RSS; 24 ended
 * the process) and claim unseen record ids without limit. Now every update, record, account-day,
 * socket and write rate has a cap, each refusal carries its protocol reason, nothing refused is stored,
 * and the server stays up with bounded memory.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { API_PATHS, CLOSE_CODES, SERVER_REASONS } from '../../shared/protocol.ts';
import { authFrame, updateFrame } from '../unit/reliability/support/frames.ts';
import { RawSync } from './support/raw-sync.ts';
import { openRawRecord, write } from './support/raw-write.ts';
import { startSecurityServer, type SecurityServer } from './support/security-server.ts';

// Each test starts real server processes, which a loaded machine can be slow to start and serve.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 180_000 });

const KiB = 1024;
const MiB = 1024 * KiB;

let running: SecurityServer;

beforeAll(async () => {
  running = await startSecurityServer('sec-limits', {
    writeLimits: {
      maxRecordBytes: 700 * KiB,
      maxUserBytesPerDay: 1.5 * MiB,
      maxNewRecordsPerDay: 4,
      maxDocumentsPerSocket: 3,
      writesPerSecond: 1,
      writeBurst: 20,
    },
  });
});
afterAll(async () => {
  await running?.close();
});

/** A Yjs update inserting `length` characters (its encoded size is a little over `length` bytes). */
function textUpdate(length: number, fill = 'a'): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, fill.repeat(length));
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

const openRecord = (token: string, doc: string): Promise<RawSync> =>
  openRawRecord(running.server.syncUrl, token, doc);

describe('write limits', () => {
  it('closes a socket sending 10.8 MiB updates before buffering them, and stays up with bounded memory', async () => {
    const before = await running.server.stats(true);
    const doc = `yp:${randomUUID()}`;
    // the attack: four of these took the server from 140 MiB to 2.1 GiB
    for (let i = 0; i < 4; i++) {
      // an authenticated PA on their own record, as in the attack
      const client = await openRecord(running.pa.token, doc);
      client.send(updateFrame(doc, new Uint8Array(10.8 * MiB).fill(i)));
      expect((await client.closed).code).toBe(CLOSE_CODES.messageTooBig);
    }
    const after = await running.server.stats(true);
    expect(after.rss - before.rss).toBeLessThan(128 * MiB);
    expect(after.heapUsed - before.heapUsed).toBeLessThan(32 * MiB);
    expect((await fetch(running.server.url + API_PATHS.health)).status).toBe(200);
  });

  it('refuses one update over 1 MiB with update-too-large and stores nothing of it', async () => {
    const doc = `yp:${randomUUID()}`;
    const client = await openRecord(running.pa.token, doc);
    const update = textUpdate(1.02 * MiB);
    expect(update.byteLength).toBeGreaterThan(MiB);
    expect(await write(client, doc, update)).toBe(SERVER_REASONS.updateTooLarge);
    expect(await running.loadDoc(doc)).toBeNull();
    client.close();
  });

  it('refuses growing a record past its size cap with record-too-large', async () => {
    const doc = `yp:${randomUUID()}`;
    const client = await openRecord(running.pa.token, doc);
    expect(await write(client, doc, textUpdate(300 * KiB, 'b'))).toBe('ack');
    const second = new Y.Doc();
    Y.applyUpdate(second, (await running.loadDoc(doc)) ?? new Uint8Array());
    const grow = (fill: string): Uint8Array => {
      const sv = Y.encodeStateVector(second);
      second.getText('t').insert(0, fill.repeat(300 * KiB));
      return Y.encodeStateAsUpdate(second, sv);
    };
    expect(await write(client, doc, grow('c'))).toBe('ack');
    expect(await write(client, doc, grow('d'))).toBe(SERVER_REASONS.recordTooLarge);
    client.close();
  });

  it("refuses an account's writes past its daily bytes with quota-exceeded", async () => {
    const results: string[] = [];
    for (let i = 0; i < 3; i++) {
      const doc = `yp:${randomUUID()}`;
      const client = await openRecord(running.otherPa.token, doc);
      results.push(await write(client, doc, textUpdate(600 * KiB, String(i))));
      client.close();
    }
    expect(results).toEqual(['ack', 'ack', SERVER_REASONS.quotaExceeded]);
  });

  it('caps how many new records one PA can claim in a day', async () => {
    // pa.sam claimed three above; the cap is four
    const fourth = `yp:${randomUUID()}`;
    const fifth = `yp:${randomUUID()}`;
    const client = await RawSync.open(running.server.syncUrl);
    client.send(authFrame(fourth, running.otherPa.token));
    expect(await client.authAnswer(fourth)).toBe(true);
    client.send(authFrame(fifth, running.otherPa.token));
    expect(await client.authAnswer(fifth)).toBe(SERVER_REASONS.newRecordLimit);
    client.close();
    const claims = await running.audit({ event: 'assignment.auto', userId: running.otherPa.user.id });
    expect(claims).toHaveLength(4);
  });

  it('caps the records open on one socket', async () => {
    const team = (await running.audit({ event: 'assignment.auto' })).map((row) => row.docName ?? '');
    expect(team.length).toBeGreaterThanOrEqual(4);
    const tm = await RawSync.open(running.server.syncUrl);
    const answers: (true | string | null)[] = [];
    for (const doc of team.slice(0, 4)) {
      tm.send(authFrame(doc, running.manager.token));
      answers.push(await tm.authAnswer(doc));
    }
    expect(answers).toEqual([true, true, true, SERVER_REASONS.tooManyDocuments]);
    tm.close();
  });

  it('refuses writes faster than the per-socket rate with write-rate-exceeded', async () => {
    const doc = `yp:${randomUUID()}`;
    const client = await openRecord(running.pa.token, doc);
    const source = new Y.Doc();
    const from = client.received.length;
    for (let i = 0; i < 60; i++) {
      const sv = Y.encodeStateVector(source);
      source.getText('t').insert(0, 'x');
      client.send(updateFrame(doc, Y.encodeStateAsUpdate(source, sv)));
    }
    expect(await client.documentClosed(doc, from)).toBe(SERVER_REASONS.writeRateExceeded);
    expect(client.acknowledgements(doc)).toBeLessThan(60);
    client.close();
  });
});
