/**
 * The request target (path and query) of an HTTP request or websocket upgrade, parsed without trusting
 * anything the client sent about the host: the Host header and absolute-form targets are never used to
 * build a URL (a malformed Host such as `x:99999999` or `[` made `new URL` throw and killed the process).
 * Only origin-form targets (`/path?query`) are accepted; anything else is a 400 for the caller.
 */

/** A fixed base: parsing happens against it, so the client's Host header plays no part. */
const BASE_ORIGIN = 'http://waymark.invalid';
/** Longer targets are refused (Node already caps the whole header block at 16 KiB). */
const MAX_TARGET_LENGTH = 4096;

export interface RequestTarget {
  readonly pathname: string;
  /** `?…` or '' */
  readonly search: string;
  readonly searchParams: URLSearchParams;
  /** `http://waymark.invalid/<path>?<query>`: safe to hand to `new Request(…)`. */
  readonly href: string;
}

/** Parses an origin-form request target; null for anything else (absolute form, `*`, `//host/…`, junk). */
export function parseRequestTarget(raw: string | undefined): RequestTarget | null {
  if (raw === undefined || raw.length === 0 || raw.length > MAX_TARGET_LENGTH) return null;
  if (!raw.startsWith('/') || raw.startsWith('//')) return null;
  let url: URL;
  try {
    url = new URL(raw, BASE_ORIGIN);
  } catch {
    return null;
  }
  if (url.origin !== BASE_ORIGIN) return null;
  return { pathname: url.pathname, search: url.search, searchParams: url.searchParams, href: url.href };
}

/** A web `Request` for libraries that want one (Hocuspocus), built from a parsed target and never from Host. */
export function toWebRequest(
  target: RequestTarget,
  rawHeaders: Readonly<Record<string, string | string[] | undefined>>,
): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(rawHeaders)) {
    if (value === undefined) continue;
    try {
      headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    } catch {
      // A header the fetch API will not hold (Node's parser is more lenient): leave it out.
    }
  }
  return new Request(target.href, { headers });
}

const HOST_PATTERN =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}))*\.?|\[[0-9A-Fa-f:.]{2,45}\])(?::(\d{1,5}))?$/;

/**
 * True for a well-formed Host header: a DNS name, an IPv4 address or a bracketed IPv6 address, with an
 * optional port up to 65535 (RFC 9110 §7.2: a request with an invalid Host gets 400). Missing Host is
 * left to Node, which refuses HTTP/1.1 requests without one.
 */
export function isValidHost(host: string | undefined): boolean {
  if (host === undefined) return true;
  if (host.length > 260) return false;
  const match = HOST_PATTERN.exec(host);
  if (!match) return false;
  return match[1] === undefined || Number(match[1]) <= 65535;
}
