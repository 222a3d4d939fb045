/**
 * Issue 13 finding 7, against real server processes over raw websockets: unauthenticated clients wrote
 * one audit row per bad-token frame (5,000 frames → 5,000 rows) with the socket left open, and held
 * thousands of idle unauthenticated sockets for 120 s. Now: the socket closes after a few bad tokens,
 * denials are aggregated (a few rows, then one summary row), a global cap refuses new unauthenticated
 * sockets, and a socket that authenticates nothing within the deadline is closed.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CLOSE_CODES, SERVER_REASONS } from '../../shared/protocol.ts';
import { DEFAULT_SOCKET_GUARD } from '../../server/sync/socket-guard.ts';
import { authFrame } from '../unit/reliability/support/frames.ts';
import { RawSync } from './support/raw-sync.ts';
import { startSecurityServer, type SecurityServer } from './support/security-server.ts';

// Each test starts real server processes, which a loaded machine can be slow to start and serve.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 180_000 });

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('bad tokens and the unauthenticated-socket cap', () => {
  let running: SecurityServer;
  const cap = 5;
  beforeAll(async () => {
    running = await startSecurityServer('sec-unauth', { socketGuard: { maxUnauthenticatedSockets: cap } });
  });
  afterAll(async () => {
    await running?.close();
  });

  const denials = async (prefix: string) =>
    (await running.audit({ event: 'access.denied' })).filter(
      (row) => row.docName?.startsWith(prefix) === true,
    );
  const summaries = async () =>
    (await running.audit({ event: 'access.denied' })).filter(
      (row) => row.detail?.startsWith('suppressed=') === true,
    );

  it('closes the socket after a few bad tokens and writes a few rows plus one summary', async () => {
    const client = await RawSync.open(running.server.syncUrl);
    const answers: (true | string | null)[] = [];
    for (let i = 0; i < 50; i++) {
      const doc = `yp:probe-${i}`;
      const from = client.received.length;
      client.send(authFrame(doc, `not-a-token-${i}`));
      const answer = await client.authAnswer(doc, from);
      if (answer === null) break;
      answers.push(answer);
    }
    expect(answers).toEqual(
      Array(DEFAULT_SOCKET_GUARD.maxAuthFailuresPerSocket).fill(SERVER_REASONS.invalidToken),
    );
    expect(await client.closed).toEqual({
      code: CLOSE_CODES.unauthorized,
      reason: SERVER_REASONS.tooManyAuthenticationFailures,
    });
    expect(await denials('yp:probe-')).toHaveLength(DEFAULT_SOCKET_GUARD.maxDenialRowsPerSocket);
    const [summary] = await waitFor(summaries, (rows) => rows.length > 0, 'the summary row');
    expect(summary?.detail).toBe(
      `suppressed=${DEFAULT_SOCKET_GUARD.maxAuthFailuresPerSocket - DEFAULT_SOCKET_GUARD.maxDenialRowsPerSocket} invalid-token=${DEFAULT_SOCKET_GUARD.maxAuthFailuresPerSocket - DEFAULT_SOCKET_GUARD.maxDenialRowsPerSocket}`,
    );
  });

  it('writes a bounded number of audit rows for 500 bad-token frames sent at once, and closes the socket', async () => {
    const before = (await summaries()).length;
    const client = await RawSync.open(running.server.syncUrl);
    for (let i = 0; i < 500; i++) client.send(authFrame(`yp:burst-${i}`, `not-a-token-${i}`));
    const closed = await client.closed;
    expect(closed.code).toBeGreaterThanOrEqual(4000);
    const rows = await waitFor(
      () => denials('yp:burst-'),
      (r) => r.length > 0,
      'the first denial row',
    );
    expect(rows.length).toBeLessThanOrEqual(DEFAULT_SOCKET_GUARD.maxDenialRowsPerSocket);
    expect((await summaries()).length - before).toBeLessThanOrEqual(1);
  });

  it('refuses new sockets past the global cap of unauthenticated ones, and frees a slot on authentication', async () => {
    const idle: RawSync[] = [];
    try {
      for (let i = 0; i < cap; i++) idle.push(await RawSync.open(running.server.syncUrl));
      await expect(RawSync.open(running.server.syncUrl)).rejects.toThrow('upgrade refused: 503');
      // one of them authenticates (a PA's new record): it no longer counts as unauthenticated
      const doc = `yp:${randomUUID()}`;
      idle[0]?.send(authFrame(doc, running.pa.token));
      expect(await idle[0]?.authAnswer(doc)).toBe(true);
      const another = await RawSync.open(running.server.syncUrl);
      idle.push(another);
      await expect(RawSync.open(running.server.syncUrl)).rejects.toThrow('upgrade refused: 503');
    } finally {
      for (const client of idle) client.close();
    }
    // closed sockets give their slots back
    await waitFor(
      () =>
        RawSync.open(running.server.syncUrl)
          .then((c) => (c.close(), true))
          .catch(() => false),
      (ok) => ok,
      'a free slot',
    );
  });
});

describe('the authentication deadline', () => {
  let running: SecurityServer;
  beforeAll(async () => {
    running = await startSecurityServer('sec-deadline', { socketGuard: { authDeadlineMs: 1000 } });
  });
  afterAll(async () => {
    await running?.close();
  });

  it('closes a socket that authenticates nothing in time, and keeps one that did', async () => {
    const authenticated = await RawSync.open(running.server.syncUrl);
    const doc = `yp:${randomUUID()}`;
    authenticated.send(authFrame(doc, running.pa.token));
    expect(await authenticated.authAnswer(doc)).toBe(true);
    const idle = await RawSync.open(running.server.syncUrl);
    expect(await idle.closed).toEqual({
      code: CLOSE_CODES.unauthorized,
      reason: SERVER_REASONS.authenticationTimeout,
    });
    // the authenticated socket opened earlier, so its deadline has passed too: it is still open
    expect(authenticated.isOpen).toBe(true);
    authenticated.close();
  });
});
