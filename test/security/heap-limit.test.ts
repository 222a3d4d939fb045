/**
 * Issue 13 finding 2: the heap limit is set explicitly on the paths that start the server. Starts the
 * server exactly as `npm run server` does (the package.json script) and reads the limit it reports;
 * checks `npm start` (which hosts the embedded server) passes a limit too.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { HEAP_LIMIT_FLAG, SERVER_HEAP_MIB, heapLimitIsExplicit } from '../../server/heap-limit.ts';

// Starts a real server process, which a loaded machine can be slow to start.
vi.setConfig({ testTimeout: 150_000 });

const root = path.resolve(import.meta.dirname, '..', '..');
const scripts = (
  JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
).scripts;
const dataDir = mkdtempSync(path.join(tmpdir(), 'waymark-sec-heap-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('the server heap limit', () => {
  it('is set by npm run server, and the server reports it', async () => {
    const [command, ...args] = (scripts['server'] ?? '').split(' ');
    expect(command).toBe('node');
    expect(heapLimitIsExplicit(args, undefined)).toBe(true);
    const child = spawn(process.execPath, args, {
      cwd: root,
      env: {
        ...process.env,
        NODE_OPTIONS: '',
        WAYMARK_PORT: '0',
        WAYMARK_DB: path.join(dataDir, 'w.sqlite'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes('listening on')) resolve();
        });
        child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.once('exit', (code) => reject(new Error(`server exited (${code}): ${output}`)));
      });
    } finally {
      child.kill('SIGKILL');
    }
    const reported = /heap limit (\d+) MiB \(explicit\)/.exec(output);
    expect(reported).not.toBeNull();
    // V8 adds its young generation to the old-space limit it was given
    expect(Number(reported?.[1])).toBeGreaterThanOrEqual(SERVER_HEAP_MIB);
    expect(Number(reported?.[1])).toBeLessThan(SERVER_HEAP_MIB + 256);
  });

  it('is set by npm start, which hosts the embedded server', () => {
    expect(scripts['start']).toMatch(new RegExp(`^node ${HEAP_LIMIT_FLAG}=\\d+ scripts/start\\.ts$`));
  });
});
