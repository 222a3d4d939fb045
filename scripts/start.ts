/**
 * `npm start`: runs Waymark with everything it needs on this machine.
 *  1. builds the renderer (and the Electron main/preload);
 *  2. starts the embedded sync server (SQLite in .waymark-data/, demo caseload and demo accounts);
 *  3. opens the Electron app when its binary is installed, otherwise serves the renderer on
 *     localhost with the same security headers and prints the address and why.
 */
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { preview } from 'vite';
import { contentSecurityPolicyFor } from '../shared/csp.ts';
import { run } from './run-steps.ts';
import { startEmbeddedServer } from './embedded-server.ts';

const root = path.resolve(import.meta.dirname, '..');
process.chdir(root);

/** The Electron binary's path, or the reason there is none. */
function findElectron(): { binary: string } | { missing: string } {
  try {
    const required: unknown = createRequire(import.meta.url)('electron');
    if (typeof required === 'string' && existsSync(required)) return { binary: required };
    return { missing: 'the electron package is present but its binary was not downloaded' };
  } catch {
    return {
      missing:
        'the electron package is not installed (it is optional: its binary download failed or was skipped on this machine)',
    };
  }
}

const built = await run(process.execPath, ['scripts/build.ts']);
if (built !== 0) process.exit(built);

const server = await startEmbeddedServer(root);
const electron = findElectron();
const syncUrl = server.url;

if ('binary' in electron) {
  console.log(`Opening the Waymark desktop app (Electron); sync server ${syncUrl}.`);
  const child = spawn(electron.binary, ['.'], {
    stdio: 'inherit',
    env: { ...process.env, WAYMARK_SYNC_URL: syncUrl },
  });
  child.on('exit', async (code) => {
    await server.stop();
    process.exit(code ?? 0);
  });
} else {
  writeFileSync(
    path.join(root, 'dist', 'renderer', 'waymark-config.json'),
    JSON.stringify({ syncServerUrl: syncUrl }, null, 2),
  );
  const web = await preview({
    configFile: path.join(root, 'vite.config.ts'),
    logLevel: 'warn',
    preview: {
      port: Number(process.env.WAYMARK_WEB_PORT ?? 5173),
      strictPort: false,
      // Merged over vite.config.ts's headers: connections go to the embedded sync server only.
      headers: { 'Content-Security-Policy': contentSecurityPolicyFor(syncUrl) },
    },
  });
  const url = web.resolvedUrls?.local[0] ?? '(unknown address)';
  console.log(`\nElectron is not available here: ${electron.missing}.`);
  console.log('Serving the Waymark renderer in the browser instead (same app, browser bridge).');
  console.log(`\n  Waymark: ${url}\n`);
  console.log(`  Sync server: ${server.url} (demo accounts: see README)\n`);
  console.log('Press Ctrl+C to stop.');
  const stop = async () => {
    await web.close();
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}
