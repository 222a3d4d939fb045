/**
 * What a route of the built renderer loads, read from the build output: Vite's manifest
 * (dist/renderer/.vite/manifest.json: each chunk's static imports) and the modules of each chunk
 * (.vite/chunk-modules.json, written by vite.config.ts). Used by the bundle-size budget test and the
 * first-paint bench.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

interface ManifestChunk {
  readonly file: string;
  readonly isEntry?: boolean;
  readonly imports?: readonly string[];
}

export interface RouteBundle {
  /** JS files loaded before the route can render (the entry's and the route module's static imports). */
  readonly files: readonly string[];
  readonly jsBytes: number;
  /** Source modules and packages in those files. */
  readonly modules: ReadonlySet<string>;
}

/** The build was not found or is not from this Vite config: build first. */
export class MissingBuildError extends Error {}

/**
 * What the built renderer loads before a route can render: the entry page's static imports and, with
 * `routeModule`, the chunk holding that module and its static imports. Without it, only the entry: the
 * app's first screen (the lock screen, renderer/main.tsx), which loads the rest while it shows.
 */
export function routeBundle(distDir: string, routeModule?: string): RouteBundle {
  const manifestFile = path.join(distDir, '.vite', 'manifest.json');
  const modulesFile = path.join(distDir, '.vite', 'chunk-modules.json');
  if (!existsSync(manifestFile) || !existsSync(modulesFile))
    throw new MissingBuildError(
      `No build manifest in ${distDir}/.vite: run \`node scripts/build.ts\` first (the test command builds before the unit tests).`,
    );
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, ManifestChunk>;
  const chunkModules = JSON.parse(readFileSync(modulesFile, 'utf8')) as Record<string, string[]>;
  const keyOfFile = new Map(Object.entries(manifest).map(([key, chunk]) => [chunk.file, key]));
  const entry = Object.keys(manifest).find((key) => manifest[key]?.isEntry && key.endsWith('index.html'));
  const routeFile =
    routeModule === undefined
      ? undefined
      : Object.keys(chunkModules).find((file) => chunkModules[file]?.includes(routeModule));
  const routeKey = routeFile ? keyOfFile.get(routeFile) : undefined;
  if (!entry || (routeModule !== undefined && !routeKey))
    throw new MissingBuildError(`The build has no entry page or no chunk holding ${routeModule}.`);
  const seen = new Set<string>();
  const visit = (key: string): void => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const next of manifest[key]?.imports ?? []) visit(next);
  };
  visit(entry);
  if (routeKey) visit(routeKey);
  const files = [...seen]
    .map((key) => manifest[key]?.file ?? '')
    .filter((file) => file.endsWith('.js'))
    .sort();
  return {
    files,
    jsBytes: files.reduce((sum, file) => sum + statSync(path.join(distDir, file)).size, 0),
    modules: new Set(files.flatMap((file) => chunkModules[file] ?? [])),
  };
}
