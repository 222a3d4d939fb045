/**
 * Kill the real server process (SIGKILL, no chance to store anything) in the middle of a sync, restart
 * it, and check that every update the server had acknowledged is still there — for SQLite and for
 * PostgreSQL. Also: SIGTERM stops gracefully and compacts.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from './seed-demo.ts';
import { verifyAuditChain } from './store/audit-chain.ts';
import { openStore } from './store/open-store.ts';
import { TestDevice, signIn } from './testing/device-identity.ts';
import { acknowledged, newDeviceId, openDoc, textOf, waitFor } from './testing/fixtures.ts';
import { exited, startMainProcess as startChild } from './testing/main-process.ts';
import { HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';

async function loginTo(url: string, username: string): Promise<string> {
  return (await signIn(url, username, DEMO_PASSWORD, await TestDevice.create(newDeviceId()))).token;
}

function socketTo(syncUrl: string): HocuspocusProviderWebsocket {
  return new HocuspocusProviderWebsocket({ url: syncUrl, WebSocketPolyfill: WebSocket, maxAttempts: 1 });
}

const children: ChildProcess[] = [];
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const f of cleanups.splice(0)) await f();
});

function crashSuite(
  name: string,
  backend: () => { env: Record<string, string>; cleanup: () => Promise<void> },
): void {
  describe(`killed mid-sync and restarted (${name})`, () => {
    it('loses no acknowledged update; SIGTERM then stores gracefully', async () => {
      const { env, cleanup } = backend();
      cleanups.push(cleanup);
      const doc = 'yp:demo-yp-001';

      let server = await startChild(env);
      children.push(server.process);
      let token = await loginTo(server.url, 'pa.alex');
      let socket = socketTo(server.syncUrl);
      const first = await openDoc(socket, doc, token);
      expect(first.status).toBe('synced');
      const text = first.opened.doc.getText('t');
      let acked = '';
      for (let i = 0; i < 60; i++) {
        const piece = `a${i};`;
        text.insert(text.length, piece);
        acked += piece;
      }
      await acknowledged(first.opened, 'first batch acknowledged');
      // keep writing, and kill the server while these are in flight
      for (let i = 0; i < 200; i++) text.insert(text.length, `b${i};`);
      server.process.kill('SIGKILL');
      expect((await exited(server.process)).signal).toBe('SIGKILL');
      socket.destroy();

      // No chance to flush anything: yet every stored update has its doc.change audit row, carrying the
      // update's SHA-256 (written in the update's own transaction), and the audit chain holds.
      const killed = await openStore({
        databaseUrl: env['WAYMARK_DATABASE_URL'],
        sqlitePath: env['WAYMARK_DB'],
        pgSchema: env['WAYMARK_PG_SCHEMA'],
      });
      try {
        const synced = (await killed.listDocHistory(doc)).filter((row) => row.origin === 'sync');
        expect(synced.length).toBeGreaterThan(0);
        const changes = await killed.queryAudit({ event: 'doc.change', docName: doc, limit: 10_000 });
        expect(changes.map((row) => row.updateSha256).sort()).toEqual(synced.map((row) => row.sha256).sort());
        expect(changes.every((row) => row.userId !== null && row.deviceId !== null)).toBe(true);
        expect((await verifyAuditChain((after, limit) => killed.auditPage(after, limit))).broken).toBeNull();
      } finally {
        await killed.close();
      }

      server = await startChild(env);
      children.push(server.process);
      token = await loginTo(server.url, 'pa.alex');
      socket = socketTo(server.syncUrl);
      const again = await openDoc(socket, doc, token);
      expect(again.status).toBe('synced');
      const recovered = again.opened.doc.getText('t').toString();
      expect(recovered.startsWith(acked)).toBe(true);
      // whatever of the in-flight batch survived is a clean prefix of it
      expect(/^(b\d+;)*$/.test(recovered.slice(acked.length))).toBe(true);

      again.opened.doc.getText('t').insert(0, 'final;');
      await acknowledged(again.opened);
      const expected = again.opened.doc.getText('t').toString();
      socket.destroy();
      server.process.kill('SIGTERM');
      expect(await exited(server.process)).toEqual({ code: 0, signal: null });

      const store = await openStore({
        databaseUrl: env['WAYMARK_DATABASE_URL'],
        sqlitePath: env['WAYMARK_DB'],
        pgSchema: env['WAYMARK_PG_SCHEMA'],
      });
      try {
        await waitFor(
          async () => (await store.pendingUpdateCount(doc)) === 0,
          'compaction at graceful stop',
          2000,
        );
        expect(textOf(await store.loadDoc(doc))).toBe(expected);
        expect((await store.queryAudit({ event: 'doc.change', docName: doc })).length).toBeGreaterThan(0);
      } finally {
        await store.close();
      }
    }, 240_000);
  });
}

crashSuite('SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'waymark-crash-'));
  return {
    env: { WAYMARK_DB: join(dir, 'waymark.sqlite'), WAYMARK_DATA_DIR: dir },
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

const pgUrl = process.env['WAYMARK_TEST_DATABASE_URL'];
if (!pgUrl) {
  describe('killed mid-sync and restarted (PostgreSQL)', () => {
    it('needs a real PostgreSQL', () => {
      throw new Error(
        'WAYMARK_TEST_DATABASE_URL is not set. Run `bash scripts/ensure-postgres.sh` and export the line it prints.',
      );
    });
  });
} else {
  crashSuite('PostgreSQL', () => {
    const dir = mkdtempSync(join(tmpdir(), 'waymark-crash-pg-'));
    const schema = `waymark_crash_${randomBytes(5).toString('hex')}`;
    return {
      env: { WAYMARK_DATABASE_URL: pgUrl, WAYMARK_PG_SCHEMA: schema, WAYMARK_DATA_DIR: dir },
      cleanup: async () => {
        rmSync(dir, { recursive: true, force: true });
        const client = new pg.Client({ connectionString: pgUrl });
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await client.end();
      },
    };
  });
}
