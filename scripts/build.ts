/**
 * Builds what the app runs: the renderer (Vite) and, where its build script exists, the Electron
 * main/preload. With --with-test-build also the test build (app + store harness) for the browser tests.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { run } from './run-steps.ts';

const root = path.resolve(import.meta.dirname, '..');
process.chdir(root);

const vite = await run(path.join(root, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn']);
if (vite !== 0) process.exit(vite);
if (existsSync('scripts/build-electron.ts')) {
  const electron = await run(process.execPath, ['scripts/build-electron.ts']);
  if (electron !== 0) process.exit(electron);
}
if (process.argv.includes('--with-test-build')) {
  const harness = await run(path.join(root, 'node_modules', '.bin', 'vite'), [
    'build',
    '--logLevel',
    'warn',
    '--config',
    'test/harness/vite.config.ts',
  ]);
  if (harness !== 0) process.exit(harness);
}
console.log('Built dist/renderer' + (existsSync('dist/electron') ? ' and dist/electron' : ''));
