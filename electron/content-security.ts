/**
 * Content-Security-Policy and the network allow-list for the renderer's session.
 *
 * The renderer loads nothing remote: scripts, styles, images and fonts come from `app://waymark` only.
 * The one network destination is the sync server (WebSocket, plus HTTPS for its sign-in endpoints). When
 * managed policy locks the sync server URL only that origin may be contacted; otherwise the user chooses
 * the server in the app, so any `wss:`/`https:` origin (and ws/http on localhost, for a local server) may
 * be *connected to* — never loaded as content.
 */
import { contentSecurityPolicyHeader } from '../shared/csp.ts';
import { isAppUrl } from './app-origin.ts';

export interface NetworkPolicy {
  /** The sync server URL when managed policy locks it, else null. */
  readonly lockedSyncServerUrl: string | null;
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

/**
 * The renderer's CSP header: the shared policy (shared/csp.ts, also written into index.html as a meta
 * tag), with `connect-src` narrowed to the sync server's origins when managed policy locks that URL.
 * Both the meta tag and this header apply, so the effective policy is their intersection.
 */
export function buildContentSecurityPolicy(network: NetworkPolicy): string {
  if (network.lockedSyncServerUrl === null) return contentSecurityPolicyHeader;
  const connect = ["'self'", ...syncServerOrigins(network.lockedSyncServerUrl)].join(' ');
  return contentSecurityPolicyHeader
    .split(/;\s*/)
    .map((directive) => (directive.startsWith('connect-src ') ? `connect-src ${connect}` : directive))
    .join('; ');
}

const LOOPBACK_HOSTNAMES: ReadonlySet<string> = new Set(['localhost', '127.0.0.1']);

/** Electron's webRequest resource types that are connections rather than loaded content. */
const CONNECTION_TYPES: ReadonlySet<string> = new Set(['xhr', 'webSocket']);

/**
 * Decides each request the renderer's session makes (webRequest.onBeforeRequest). Allowed: the app's own
 * origin, in-memory `data:`/`blob:` URLs, and connections (fetch/WebSocket) to the sync server — to any
 * `wss:`/`https:` origin (or loopback ws/http) when the sync URL is not locked by policy. Everything else is cancelled: remote
 * pages, scripts, stylesheets, images, fonts, frames.
 */
export function isRendererRequestAllowed(
  requestUrl: string,
  resourceType: string,
  network: NetworkPolicy,
): boolean {
  if (isAppUrl(requestUrl)) return true;
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return false;
  }
  if (url.protocol === 'data:' || url.protocol === 'blob:') return true;
  // Chromium's own DevTools front end (development only; navigation to it from the page is blocked).
  if (url.protocol === 'devtools:') return true;
  if (!CONNECTION_TYPES.has(resourceType)) return false;
  if (network.lockedSyncServerUrl === null) {
    // Same as the shared CSP's connect-src: secure origins anywhere, plain ws/http only on this machine.
    if (url.protocol === 'wss:' || url.protocol === 'https:') return true;
    return (url.protocol === 'ws:' || url.protocol === 'http:') && LOOPBACK_HOSTNAMES.has(url.hostname);
  }
  return syncServerOrigins(network.lockedSyncServerUrl).includes(`${url.protocol}//${url.host}`);
}
