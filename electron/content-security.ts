/**
 * Content-Security-Policy and the network allow-list for the renderer's session.
 *
 * The renderer loads nothing remote: scripts, styles, images and fonts come from `app://waymark` only.
 * The one network destination is the configured sync server (WebSocket, plus HTTPS for its sign-in
 * endpoints), whether managed policy, the user's settings or a development build's embedded server set
 * it: connections go to that origin only, and nowhere when no server is set.
 */
import { contentSecurityPolicyFor, syncServerOrigins } from '../shared/csp.ts';
import { isAppUrl } from './app-origin.ts';

export { syncServerOrigins };

export interface NetworkPolicy {
  /** The configured sync server URL, or null when none is set (the app works offline only). */
  readonly syncServerUrl: string | null;
}

/**
 * The renderer's CSP header: the shared policy (shared/csp.ts) with `connect-src` pinned to the sync
 * server's origins. The meta tag in index.html also applies, so the effective policy is their intersection.
 */
export function buildContentSecurityPolicy(network: NetworkPolicy): string {
  return contentSecurityPolicyFor(network.syncServerUrl);
}

/** Electron's webRequest resource types that are connections rather than loaded content. */
const CONNECTION_TYPES: ReadonlySet<string> = new Set(['xhr', 'webSocket']);

/**
 * Decides each request the renderer's session makes (webRequest.onBeforeRequest). Allowed: the app's own
 * origin, in-memory `data:`/`blob:` URLs, and connections (fetch/WebSocket) to the configured sync server's
 * origins. Everything else is cancelled: other servers, remote pages, scripts, stylesheets, images, fonts,
 * frames.
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
  if (network.syncServerUrl === null) return false;
  return syncServerOrigins(network.syncServerUrl).includes(`${url.protocol}//${url.host}`);
}
