/**
 * The sync server as a real process (`node server/main.ts`), watched the way operations watch it:
 *  - its stdout is JSON log lines that carry ids (request, user, record) but never a record's contents,
 *    a password, an access or refresh token or the metrics token — after a failed and a successful
 *    sign-in, a record update with a distinctive value, a refused update and refused tokens;
 *  - /metrics is refused on the public port without the metrics token, served with it and on the
 *    loopback metrics port, and its counters move with what happened;
 *  - /healthz and /readyz answer without credentials and carry no data;
 *  - SIGTERM drains: /readyz fails at once, new sockets are refused, writes in flight are all stored,
 *    the open socket closes with the reconnect hint, the process exits 0.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { API_PATHS, SERVER_REASONS } from '../../shared/protocol.ts';
import { readRecord } from '../../shared/ydoc/read-record.ts';
import { addContact } from '../../shared/ydoc/write-record.ts';
import { DEMO_PASSWORD } from '../seed-demo.ts';
import { openStore } from '../store/open-store.ts';
import { TestDevice, signIn } from '../testing/device-identity.ts';
import { acknowledged, newDeviceId, openDoc, textOf, waitFor, type OpenedDoc } from '../testing/fixtures.ts';
import { exited, startMainProcess, type MainProcess } from '../testing/main-process.ts';

vi.setConfig({ testTimeout: 180_000, hookTimeout: 60_000 });

const METRICS_TOKEN = 'metrics-token-for-tests-only-0123456789';
const WRONG_PASSWORD = 'wrong-pass-phrase-Qx81';
const NOTE_VALUE = 'Synthetic note value 5521-ZEBRA';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startServer(env: Record<string, string> = {}): Promise<{ server: MainProcess; db: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'waymark-obs-'));
  const db = join(dir, 'waymark.sqlite');
  const server = await startMainProcess({
    WAYMARK_DB: db,
    WAYMARK_DATA_DIR: dir,
    WAYMARK_DEMO: 'caseload',
    WAYMARK_METRICS_PORT: '0',
    WAYMARK_METRICS_TOKEN: METRICS_TOKEN,
    WAYMARK_LOG_LEVEL: 'debug',
    ...env,
  });
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  cleanups.push(async () => {
    if (server.process.exitCode === null && server.process.signalCode === null)
      server.process.kill('SIGKILL');
    await exited(server.process);
  });
  return { server, db };
}

function metricsUrlOf(server: MainProcess): string {
  const match = /metrics on (http:\/\/[^\s"]+)\/metrics/.exec(server.stdout.join(''));
  if (!match?.[1]) throw new Error(`no metrics URL in the log:\n${server.stdout.join('')}`);
  return match[1];
}

/** One sample of a metric (labels in the order given, as prom-client writes them), or 0 when absent. */
function sample(text: string, name: string, labels = ''): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels ? `{${labels}}` : ''} `));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}

async function scrape(metricsUrl: string): Promise<string> {
  const response = await fetch(`${metricsUrl}/metrics`);
  expect(response.status).toBe(200);
  return response.text();
}

function socketTo(server: MainProcess): HocuspocusProviderWebsocket {
  const socket = new HocuspocusProviderWebsocket({
    url: server.syncUrl,
    WebSocketPolyfill: WebSocket,
    maxAttempts: 1,
  });
  cleanups.push(() => socket.destroy());
  return socket;
}

/** The HTTP status a websocket upgrade to `url` gets (101 when it opens). */
function upgradeStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('error', (error) => reject(error));
  });
}

/** The demo PA signed in from a new device. */
async function signInAlex(server: MainProcess): Promise<{ token: string }> {
  return signIn(server.url, 'pa.alex', DEMO_PASSWORD, await TestDevice.create(newDeviceId()));
}

function addNote(opened: OpenedDoc, id: string, notes: string, writer: string): void {
  const template = readRecord(opened.doc).contacts[0];
  if (!template) throw new Error('the demo record has no contact to copy');
  addContact(
    opened.doc,
    { ...template, id, notes },
    { writer, today: new Date().toISOString().slice(0, 10) },
  );
}

describe('logs, metrics and health endpoints of a real server process', () => {
  it('logs ids but no secrets or record contents; counters move; /metrics needs the token publicly', async () => {
    const { server } = await startServer();
    const metricsUrl = metricsUrlOf(server);
    expect(new URL(metricsUrl).hostname).toBe('127.0.0.1');

    // /metrics on the public port: refused without (or with a wrong) token, served with it.
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).not.toContain('waymark_');
    const publicScrape = await fetch(`${server.url}/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(publicScrape.status).toBe(200);
    expect(await publicScrape.text()).toContain('waymark_sockets_open');

    // Health: no credentials, no data.
    for (const base of [server.url, metricsUrl]) {
      const health = await fetch(`${base}/healthz`);
      expect([health.status, await health.json()]).toEqual([200, { ok: true }]);
      const ready = await fetch(`${base}/readyz`);
      expect([ready.status, await ready.json()]).toEqual([
        200,
        { ready: true, checks: { store: 'ok', draining: 'ok' } },
      ]);
    }

    const before = await scrape(metricsUrl);

    // A failed and a successful sign-in.
    const device = await TestDevice.create(newDeviceId());
    const failed = await fetch(server.url + API_PATHS.login, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        username: 'pa.alex',
        password: WRONG_PASSWORD,
        deviceId: device.id,
        proof: await device.proof(server.url, 'sign-in'),
      }),
    });
    expect(failed.status).toBe(401);
    const session = await signIn(server.url, 'pa.alex', DEMO_PASSWORD, device);

    // A refused token on the API and on the socket.
    expect(
      (await fetch(server.url + API_PATHS.myDocuments, { headers: { authorization: 'Bearer x.y.z' } }))
        .status,
    ).toBe(401);
    const socket = socketTo(server);
    expect((await openDoc(socket, 'yp:demo-yp-003', 'x.y.z')).status).toBe('denied');

    // A record update with a distinctive value, acknowledged (so appended and stored).
    const first = await openDoc(socket, 'yp:demo-yp-001', session.token);
    expect(first.status).toBe('synced');
    addNote(first.opened, 'obs-note-1', NOTE_VALUE, session.user.id);
    await acknowledged(first.opened);

    // An update stamped with someone else's id: refused by the record checks.
    const second = await openDoc(socket, 'yp:demo-yp-002', session.token);
    expect(second.status).toBe('synced');
    addNote(second.opened, 'obs-note-2', NOTE_VALUE, 'someone-else');
    await waitFor(
      () => second.opened.closeReasons.includes(SERVER_REASONS.updateRefused),
      'the forged update refused',
      20_000,
    );

    const during = await scrape(metricsUrl);
    const moved = (name: string, labels = ''): number =>
      sample(during, name, labels) - sample(before, name, labels);
    expect(moved('waymark_sign_in_attempts_total', 'method="password",outcome="ok"')).toBe(1);
    expect(moved('waymark_sign_in_attempts_total', 'method="password",outcome="failed"')).toBe(1);
    expect(moved('waymark_refusals_total', 'where="http",reason="invalid-token"')).toBe(1);
    expect(moved('waymark_refusals_total', 'where="sync",reason="invalid-token"')).toBe(1);
    expect(moved('waymark_refusals_total', 'where="sync",reason="update-refused"')).toBe(1);
    expect(moved('waymark_update_refusals_total', 'rule="forged-writer"')).toBe(1);
    expect(moved('waymark_append_duration_seconds_count')).toBeGreaterThanOrEqual(1);
    expect(moved('waymark_sync_duration_seconds_count')).toBeGreaterThanOrEqual(1);
    expect(moved('waymark_record_load_duration_seconds_count')).toBeGreaterThanOrEqual(2);
    expect(sample(during, 'waymark_sockets_open')).toBe(1);
    expect(sample(during, 'waymark_authenticated_users')).toBe(1);
    expect(sample(during, 'waymark_records_loaded')).toBeGreaterThanOrEqual(1);
    expect(sample(during, 'waymark_ready')).toBe(1);
    expect(sample(during, 'waymark_heap_limit_bytes')).toBeGreaterThan(0);
    expect(during).toContain('nodejs_heap_size_used_bytes');

    // The written record is compacted once it is closed (not while it stays open).
    first.opened.provider.destroy();
    await waitFor(
      async () => sample(await scrape(metricsUrl), 'waymark_compactions_total', 'outcome="ok"') >= 1,
      'a compaction counted',
      30_000,
    );
    expect(
      sample(await scrape(metricsUrl), 'waymark_compaction_duration_seconds_count'),
    ).toBeGreaterThanOrEqual(1);

    socket.destroy();
    server.process.kill('SIGTERM');
    expect(await exited(server.process)).toEqual({ code: 0, signal: null });

    // Every stdout line is a JSON object with a level and a message.
    const lines = server.stdout.join('').split('\n').filter(Boolean);
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries.every((e) => typeof e['level'] === 'string' && typeof e['msg'] === 'string')).toBe(true);
    // Ids are there: a request id, the signed-in user on their requests, a record on the refusal.
    expect(entries.some((e) => e['userId'] === session.user.id && typeof e['reqId'] === 'string')).toBe(true);
    expect(entries.some((e) => e['msg'] === 'update refused' && e['docName'] === 'yp:demo-yp-002')).toBe(
      true,
    );
    // Secrets and contents are not, on stdout or stderr.
    const everything = server.output.join('');
    for (const secret of [
      DEMO_PASSWORD,
      WRONG_PASSWORD,
      session.token,
      session.refreshToken,
      METRICS_TOKEN,
      NOTE_VALUE,
    ])
      expect(everything).not.toContain(secret);
  });

  it('drains on SIGTERM: not ready at once, new sockets refused, writes in flight stored, exit 0', async () => {
    const { server, db } = await startServer({ WAYMARK_DRAIN_GRACE_MS: '8000' });
    const session = await signInAlex(server);
    const socket = socketTo(server);
    const opened = await openDoc(socket, 'yp:demo-yp-001', session.token);
    expect(opened.status).toBe('synced');
    const text = opened.opened.doc.getText('drain-test');
    text.insert(0, 'acknowledged;');
    await acknowledged(opened.opened);

    // Writes in flight: sent, not yet acknowledged, when the signal arrives.
    for (let i = 0; i < 300; i++) text.insert(text.length, `w${i};`);
    expect(opened.opened.provider.hasUnsyncedChanges).toBe(true);
    server.process.kill('SIGTERM');

    // Readiness fails while the process still serves (the grace period), and new sockets are refused.
    await waitFor(
      async () => (await fetch(`${server.url}/readyz`)).status === 503,
      '/readyz failing',
      10_000,
    );
    const ready = await fetch(`${server.url}/readyz`);
    expect(await ready.json()).toEqual({ ready: false, checks: { store: 'ok', draining: 'failed' } });
    expect(await upgradeStatus(server.syncUrl)).toBe(503);
    // The open socket is still served while draining: writes sent now are stored and acknowledged too.
    expect(opened.opened.closeReasons).toEqual([]);
    for (let i = 0; i < 50; i++) text.insert(text.length, `d${i};`);

    expect(await exited(server.process)).toEqual({ code: 0, signal: null });
    // The socket was closed with the reconnect hint, after everything it sent was acknowledged.
    expect(opened.opened.closeReasons).toContain(SERVER_REASONS.serverShutdown);
    expect(opened.opened.provider.hasUnsyncedChanges).toBe(false);
    const expected = text.toString();
    expect(expected).toContain('w299;');
    expect(expected).toContain('d49;');

    const store = await openStore({ sqlitePath: db });
    try {
      // Stored, and compacted before the sockets closed.
      expect(await store.pendingUpdateCount('yp:demo-yp-001')).toBe(0);
      const stored = await store.loadDoc('yp:demo-yp-001');
      expect(textOf(stored, 'drain-test')).toBe(expected);
    } finally {
      await store.close();
    }
    const log = server.stdout.join('');
    expect(log).toContain('drain: stored every loaded record; closing sockets');
  });
});
