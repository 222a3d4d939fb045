/**
 * Global setup of the browser tests. Serves, with Vite's preview server and the app's headers:
 *  - the app build (dist/renderer, as `npm start` serves it without Electron) at `rendererUrl`;
 *  - the test build (dist/e2e: the app plus the store harness page, one origin) at `e2eUrl`.
 * Builds what is missing; the test command builds both fresh before the browser tests.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { build, preview } from 'vite';
import type { TestProject } from 'vitest/node';

const root = path.resolve(import.meta.dirname, '..', '..');

declare module 'vitest' {
  export interface ProvidedContext {
    rendererUrl: string;
    e2eUrl: string;
  }
}

async function serve(configFile: string, builtIndex: string, port: number) {
  if (!existsSync(builtIndex)) await build({ configFile, logLevel: 'warn' });
  const server = await preview({ configFile, logLevel: 'warn', preview: { port, strictPort: false } });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error(`The preview server for ${configFile} did not report a URL.`);
  return { server, url };
}

export default async function setup(project: TestProject) {
  const app = await serve(
    path.join(root, 'vite.config.ts'),
    path.join(root, 'dist', 'renderer', 'index.html'),
    4300,
  );
  const e2e = await serve(
    path.join(root, 'test', 'harness', 'vite.config.ts'),
    path.join(root, 'dist', 'e2e', 'test', 'harness', 'index.html'),
    4310,
  );
  project.provide('rendererUrl', app.url);
  project.provide('e2eUrl', e2e.url);
  return async () => {
    await app.server.close();
    await e2e.server.close();
  };
}
