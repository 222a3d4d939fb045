/**
 * Which web origins may call the API and open the sync websocket. Browsers send `Origin` on every
 * cross-origin fetch and on every websocket; a hostile web page therefore shows up with its own origin
 * and is refused. Requests without `Origin` (the admin CLI, monitoring, Node clients) are not from a web
 * page and are allowed: they can set any header they like, so `Origin` is no defence against them.
 *
 * Entries are exact origins (`https://waymark.council.example`) or the word `loopback`: any http(s)
 * origin on localhost / 127.0.0.1 / [::1], whatever the port (the browser build that `npm start` and
 * the browser tests serve on this machine).
 */

/** The Electron app's origin: electron/app-origin.ts APP_ORIGIN (test/security checks they agree). */
export const ELECTRON_APP_ORIGIN = 'app://waymark';
export const LOOPBACK_ORIGINS = 'loopback';
export const DEFAULT_ALLOWED_ORIGINS: readonly string[] = [ELECTRON_APP_ORIGIN, LOOPBACK_ORIGINS];

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function isLoopbackOrigin(origin: string): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  return (
    (url.protocol === 'http:' || url.protocol === 'https:') &&
    LOOPBACK_HOSTS.has(url.hostname) &&
    url.origin === origin
  );
}

/** Splits `WAYMARK_ALLOWED_ORIGINS` (comma-separated); throws on an entry that is not an origin. */
export function parseAllowedOrigins(value: string): string[] {
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  for (const entry of entries) {
    if (entry === LOOPBACK_ORIGINS || entry === ELECTRON_APP_ORIGIN) continue;
    let url: URL | null;
    try {
      url = new URL(entry);
    } catch {
      url = null;
    }
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin !== entry) {
      throw new Error(
        `WAYMARK_ALLOWED_ORIGINS: ${JSON.stringify(entry)} is not an origin like https://waymark.council.example (no path, no trailing slash)`,
      );
    }
  }
  return entries;
}

export class OriginPolicy {
  private readonly exact: ReadonlySet<string>;
  private readonly loopback: boolean;

  constructor(allowed: readonly string[] = DEFAULT_ALLOWED_ORIGINS) {
    this.exact = new Set(allowed.filter((entry) => entry !== LOOPBACK_ORIGINS));
    this.loopback = allowed.includes(LOOPBACK_ORIGINS);
  }

  /** True when a browser request with this `Origin` header value may be served. */
  isAllowed(origin: string): boolean {
    if (this.exact.has(origin)) return true;
    return this.loopback && isLoopbackOrigin(origin);
  }

  /**
   * The verdict on a request's `Origin` header: absent (not a web page) or allowed → the value to echo in
   * Access-Control-Allow-Origin (null when absent); a disallowed or repeated header → refused.
   */
  check(header: string | string[] | undefined): { allowed: true; echo: string | null } | { allowed: false } {
    if (header === undefined) return { allowed: true, echo: null };
    if (typeof header !== 'string' || !this.isAllowed(header)) return { allowed: false };
    return { allowed: true, echo: header };
  }
}
