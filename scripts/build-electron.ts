/**
 * Bundles the Electron main process and preload with rolldown:
 *   electron/main.ts    → dist/electron/main.cjs    (CJS, Node platform; `electron` external; npm
 *                                                    dependencies such as electron-updater bundled in, so
 *                                                    the packaged app needs no node_modules)
 *   electron/preload.ts → dist/electron/preload.cjs (one self-contained file: a sandboxed preload can
 *                                                    require only 'electron', never a local module)
 *
 * Usage: node scripts/build-electron.ts [--out-dir <dir>]
 */
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'rolldown';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const nodeBuiltins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);

export interface ElectronBuildResult {
  readonly mainFile: string;
  readonly preloadFile: string;
}

export async function buildElectron(
  outDir = path.join(root, 'dist', 'electron'),
): Promise<ElectronBuildResult> {
  const mainFile = path.join(outDir, 'main.cjs');
  const preloadFile = path.join(outDir, 'preload.cjs');
  const production = process.env.NODE_ENV !== 'development';

  await build({
    input: path.join(root, 'electron', 'main.ts'),
    platform: 'node',
    external: (id) => id === 'electron' || nodeBuiltins.has(id),
    tsconfig: path.join(root, 'electron', 'tsconfig.json'),
    logLevel: 'warn',
    output: {
      file: mainFile,
      format: 'cjs',
      sourcemap: !production,
      minify: false,
    },
  });

  await build({
    input: path.join(root, 'electron', 'preload.ts'),
    // A sandboxed preload runs in a renderer with a limited `require` that knows only 'electron' (plus a
    // few polyfilled modules); Node built-ins are not available, so none may be external.
    platform: 'node',
    external: (id) => id === 'electron',
    tsconfig: path.join(root, 'electron', 'tsconfig.json'),
    logLevel: 'warn',
    output: {
      file: preloadFile,
      format: 'cjs',
      sourcemap: !production,
      minify: false,
      codeSplitting: false,
    },
  });

  return { mainFile, preloadFile };
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { 'out-dir': { type: 'string' } } });
  const outDir = values['out-dir'] === undefined ? undefined : path.resolve(values['out-dir']);
  const result = await buildElectron(outDir);
  console.log(
    `built ${path.relative(process.cwd(), result.mainFile)} and ${path.relative(process.cwd(), result.preloadFile)}`,
  );
}
