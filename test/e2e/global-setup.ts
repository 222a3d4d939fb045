/**
 * Global setup of the browser tests: builds the renderer when no build is present and serves it with
 * Vite's preview server (the same server and headers `npm start` uses without Electron).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { build, preview } from 'vite';
import type { TestProject } from 'vitest/node';

const root = path.resolve(import.meta.dirname, '..', '..');

declare module 'vitest' {
  export interface ProvidedContext {
    rendererUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const configFile = path.join(root, 'vite.config.ts');
  if (!existsSync(path.join(root, 'dist', 'renderer', 'index.html'))) {
    await build({ configFile, logLevel: 'warn' });
  }
  const server = await preview({ configFile, logLevel: 'warn', preview: { port: 4300, strictPort: false } });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('The preview server did not report a URL.');
  project.provide('rendererUrl', url);
  return async () => {
    await server.close();
  };
}
