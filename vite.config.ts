import path from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import packageJson from './package.json' with { type: 'json' };
import { contentSecurityPolicyHeader, contentSecurityPolicyMeta } from './shared/csp.ts';

/** Writes the shared CSP into index.html so the policy holds under file://, app:// and http://. */
function cspMetaTag(): Plugin {
  return {
    name: 'waymark-csp-meta',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicyMeta },
        injectTo: 'head-prepend',
      },
    ],
  };
}

/**
 * Writes `.vite/chunk-modules.json` beside the manifest: the modules (source paths, or package names
 * for node_modules) in each JS chunk, so the bundle-size budget (scripts/bundle-budget.test.ts) can
 * say what a route loads, not only how much.
 */
function chunkModules(): Plugin {
  const moduleName = (id: string): string => {
    const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(id);
    return (
      inPackage?.[1] ??
      path
        .relative(import.meta.dirname, id)
        .split(path.sep)
        .join('/')
    );
  };
  return {
    name: 'waymark-chunk-modules',
    generateBundle(_options, bundle) {
      const chunks: Record<string, string[]> = {};
      for (const output of Object.values(bundle)) {
        if (output.type === 'chunk')
          chunks[output.fileName] = [...new Set(Object.keys(output.modules).map(moduleName))].sort();
      }
      this.emitFile({
        type: 'asset',
        fileName: '.vite/chunk-modules.json',
        source: JSON.stringify(chunks, null, 1),
      });
    },
  };
}

const securityHeaders = {
  'Content-Security-Policy': contentSecurityPolicyHeader,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

export default defineConfig({
  root: 'renderer',
  base: './',
  // Holds the default waymark-config.json (no sync server); `npm start` writes the real one.
  publicDir: path.resolve(import.meta.dirname, 'renderer/public'),
  plugins: [cspMetaTag(), chunkModules()],
  define: { __WAYMARK_VERSION__: JSON.stringify(packageJson.version) },
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2023',
    // .vite/manifest.json: the chunks each entry and lazy route loads (read by the bundle-size budget).
    manifest: true,
    // No source maps in the app build: they would ship the full source, comments included, to every laptop.
    sourcemap: false,
  },
  server: { host: '127.0.0.1', headers: securityHeaders },
  preview: { host: '127.0.0.1', headers: securityHeaders },
});
