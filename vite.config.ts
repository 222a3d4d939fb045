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
  plugins: [cspMetaTag()],
  define: { __WAYMARK_VERSION__: JSON.stringify(packageJson.version) },
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2023',
    // No source maps in the app build: they would ship the full source, comments included, to every laptop.
    sourcemap: false,
  },
  server: { host: '127.0.0.1', headers: securityHeaders },
  preview: { host: '127.0.0.1', headers: securityHeaders },
});
