/**
 * Finding 13 (issue 13): demo mode seeds accounts with a published password, so WAYMARK_DEMO must refuse
 * to run on a host other than loopback. Replayed against the real server process (`node server/main.ts`).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../../server/server.ts';

const root = path.resolve(import.meta.dirname, '..', '..');
const dataDir = mkdtempSync(path.join(tmpdir(), 'waymark-demo-guard-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function runServer(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['server/main.ts'], {
    cwd: root,
    env: { ...process.env, WAYMARK_PORT: '0', WAYMARK_DB: path.join(dataDir, 'waymark.sqlite'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    // A server that starts listening has failed the test; stop it.
    if (output.includes('listening on')) child.kill('SIGTERM');
  });
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

describe('demo mode listens on loopback only (finding 13)', () => {
  it('WAYMARK_DEMO with WAYMARK_HOST=0.0.0.0: the server process exits without listening', async () => {
    const { code, output } = await runServer({ WAYMARK_DEMO: 'caseload', WAYMARK_HOST: '0.0.0.0' });
    expect(code).toBe(1);
    expect(output).not.toContain('listening on');
    // The reason is in the JSON log line (quotes escaped).
    expect(output).toContain('Demo mode (WAYMARK_DEMO) refuses to listen on \\"0.0.0.0\\"');
  }, 180_000);

  it.each(['::', '192.0.2.10', 'waymark.council.example', '[::]'])(
    'refuses demo mode on %s',
    async (host) => {
      await expect(
        startServer({ host, port: 0, seedDemo: true, sqlitePath: path.join(dataDir, 'direct.sqlite') }),
      ).rejects.toThrow(/refuses to listen on/);
    },
  );

  it('refuses through the startServer option too, before opening any store', async () => {
    await expect(
      startServer({
        host: '0.0.0.0',
        port: 0,
        seedDemo: true,
        sqlitePath: path.join(dataDir, 'direct.sqlite'),
      }),
    ).rejects.toThrow(/refuses to listen on "0\.0\.0\.0"/);
  });
});
