/**
 * The Content Security Policy of the renderer, in one place. The Vite build writes it into index.html as a
 * meta tag; the Electron main process and the local servers (`npm start` in a browser, the preview server
 * of the browser tests) send it as a header, which adds `frame-ancestors` (a meta tag cannot carry it).
 *
 * Where connections may go (`connect-src`): the built index.html cannot know the council's sync server, so
 * the meta tag allows secure (wss:/https:) origins and this machine's loopback; every header pins
 * connections to the one configured sync server (`contentSecurityPolicyFor`). A browser enforces both
 * policies, so the effective `connect-src` is the header's.
 */
const directives: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
};

/** Plain ws:// and http:// only on this machine (a development or embedded sync server). */
const LOOPBACK_SOURCES = ['ws://127.0.0.1:*', 'ws://localhost:*', 'http://127.0.0.1:*', 'http://localhost:*'];

function render(extra: Readonly<Record<string, readonly string[]>>): string {
  return Object.entries({ ...directives, ...extra })
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}

/** The origins a sync server URL stands for: its WebSocket origin and the matching HTTP(S) origin. */
export function syncServerOrigins(syncServerUrl: string): string[] {
  let url: URL;
  try {
    url = new URL(syncServerUrl);
  } catch {
    return [];
  }
  const host = url.host;
  if (url.protocol === 'wss:' || url.protocol === 'https:') return [`wss://${host}`, `https://${host}`];
  if (url.protocol === 'ws:' || url.protocol === 'http:') return [`ws://${host}`, `http://${host}`];
  return [];
}

/** The policy for a `<meta http-equiv="Content-Security-Policy">` tag in the built index.html. */
export const contentSecurityPolicyMeta: string = render({
  'connect-src': ["'self'", 'wss:', 'https:', ...LOOPBACK_SOURCES],
});

/**
 * The `Content-Security-Policy` header for a renderer whose sync server is `syncServerUrl`: connections
 * go to that server's origins only (none but the app's own when no server is set).
 */
export function contentSecurityPolicyFor(syncServerUrl: string | null): string {
  const origins = syncServerUrl === null ? [] : syncServerOrigins(syncServerUrl);
  return render({ 'connect-src': ["'self'", ...origins], 'frame-ancestors': ["'none'"] });
}

/**
 * The header of a local server that does not know which sync server the page will be given (Vite's dev and
 * preview servers: development and the browser tests, whose sync servers run on this machine): loopback
 * connections only.
 */
export const contentSecurityPolicyHeader: string = render({
  'connect-src': ["'self'", ...LOOPBACK_SOURCES],
  'frame-ancestors': ["'none'"],
});
