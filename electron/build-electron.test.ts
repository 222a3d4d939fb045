import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
let outDir = '';

/** Every string passed to require(...) in a bundle, plus any require of a non-literal. */
function requiredModules(code: string): string[] {
  return [...code.matchAll(/\brequire\(\s*([^)]*?)\s*\)/g)].map((m) => m[1] ?? '');
}

beforeAll(async () => {
  outDir = await mkdtemp(path.join(os.tmpdir(), 'waymark-electron-build-'));
  // Run the real build script exactly as documented, with Node 24 from node_modules.
  await promisify(execFile)(
    path.join(root, 'node_modules', '.bin', 'node'),
    ['scripts/build-electron.ts', '--out-dir', outDir],
    { cwd: root, timeout: 120_000 },
  );
}, 180_000);

afterAll(async () => {
  if (outDir !== '') await rm(outDir, { recursive: true, force: true });
});

describe('scripts/build-electron.ts', () => {
  it('writes main.cjs and preload.cjs', async () => {
    expect((await stat(path.join(outDir, 'main.cjs'))).size).toBeGreaterThan(1000);
    expect((await stat(path.join(outDir, 'preload.cjs'))).size).toBeGreaterThan(100);
  });

  it("produces a self-contained preload that requires nothing but 'electron'", async () => {
    const preload = await readFile(path.join(outDir, 'preload.cjs'), 'utf8');
    const required = requiredModules(preload);
    expect(required).toEqual(['"electron"']);
    expect(preload).toContain('exposeInMainWorld("waymark"');
    expect(preload).not.toContain('zod');
  });

  it('bundles main.cjs so it requires only electron and Node built-ins', async () => {
    const main = await readFile(path.join(outDir, 'main.cjs'), 'utf8');
    const allowed = new Set(['electron', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    const required = requiredModules(main);
    expect(required.length).toBeGreaterThan(0);
    const unexpected = required.filter(
      (spec) => !/^["'][^"']+["']$/.test(spec) || !allowed.has(spec.slice(1, -1)),
    );
    expect(unexpected).toEqual([]);
    // The IPC handlers are in the bundle (checked without dumping a megabyte of code on failure).
    expect(main.includes('"waymark:tokens:save"')).toBe(true);
  });
});
