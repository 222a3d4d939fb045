/** Builds what the app runs: the renderer (Vite) and, where its build script exists, the Electron main/preload. */
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
console.log('Built dist/renderer' + (existsSync('dist/electron') ? ' and dist/electron' : ''));
