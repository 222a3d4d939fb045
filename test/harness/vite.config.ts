import path from 'node:path';
import { readFileSync } from 'node:fs';
import { defineConfig, mergeConfig, type Plugin } from 'vite';
import appConfig from '../../vite.config.ts';

const root = path.resolve(import.meta.dirname, '../..');

/**
 * The test build: the app (renderer/index.html) and the store harness (test/harness/index.html), a
 * test-only page that loads the real renderer/db and renderer/sync modules and exposes them on
 * `window.waymarkHarness`, built together so they share one origin and so one IndexedDB. The
 * browser tests and benchmarks use it; it is never part of the app build.
 */
/** The app finds its host settings beside index.html: put the default copy at renderer/ too. */
function hostConfigBesideApp(): Plugin {
  return {
    name: 'waymark-host-config-beside-app',
    generateBundle() {
      this.emitFile({
        type: 'asset',
        fileName: 'renderer/waymark-config.json',
        source: readFileSync(path.join(root, 'renderer/public/waymark-config.json'), 'utf8'),
      });
    },
  };
}

export default mergeConfig(
  { ...appConfig, root },
  defineConfig({
    plugins: [hostConfigBesideApp()],
    build: {
      outDir: path.join(root, 'dist/e2e'),
      emptyOutDir: true,
      sourcemap: false,
      rollupOptions: {
        input: {
          app: path.join(root, 'renderer/index.html'),
          harness: path.join(root, 'test/harness/index.html'),
        },
      },
    },
  }),
);
