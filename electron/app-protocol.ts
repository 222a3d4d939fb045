/**
 * The `app://waymark/` protocol: maps a request URL to a file under the built renderer folder
 * (dist/renderer, produced by Vite with base './'), refusing anything that could escape that folder.
 */
import path from 'node:path';
import { APP_HOST, APP_SCHEME } from './app-origin.ts';

export type AppRequestResolution =
  | { readonly kind: 'file'; readonly filePath: string; readonly mimeType: string }
  | { readonly kind: 'refused'; readonly status: 400 | 403 | 404 | 405; readonly reason: string };

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export function mimeTypeFor(filePath: string): string | undefined {
  return MIME_TYPES[path.extname(filePath).toLowerCase()];
}

const refused = (status: 400 | 403 | 404 | 405, reason: string): AppRequestResolution => ({
  kind: 'refused',
  status,
  reason,
});

/**
 * Pure request → file mapping. `rootDir` must be absolute. Refuses: other schemes or hosts, encoded
 * slashes/backslashes, NUL bytes, any `..` or `.` segment, hidden files, and anything that resolves outside
 * `rootDir`. `/` maps to index.html; an extensionless path (a client-side route) falls back to index.html.
 */
export function resolveAppRequest(requestUrl: string, rootDir: string, method = 'GET'): AppRequestResolution {
  if (method !== 'GET' && method !== 'HEAD') return refused(405, `method ${method} is not allowed`);
  if (!path.isAbsolute(rootDir)) return refused(403, 'renderer root must be an absolute path');
  // The URL parser silently resolves `..` and `%2e%2e` segments; refuse them in the raw text instead of
  // serving whatever they normalise to.
  const rawPath = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*([^?#]*)/i.exec(requestUrl)?.[1] ?? '';
  if (rawPath.split('/').some((segment) => /^(\.|%2e){1,2}$/i.test(segment))) {
    return refused(403, 'path traversal refused');
  }
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return refused(400, 'malformed URL');
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) {
    return refused(403, `only ${APP_SCHEME}://${APP_HOST}/ is served`);
  }
  const pathname = url.pathname;
  // Encoded separators or NULs are never legitimate in our asset names; refuse before decoding.
  if (/%(2f|5c|00)/i.test(pathname) || pathname.includes('\\')) {
    return refused(400, 'encoded separators are not allowed');
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return refused(400, 'malformed percent-encoding');
  }
  const segments = decoded.split('/').filter((segment) => segment.length > 0);
  for (const segment of segments) {
    if (segment === '..' || segment === '.') return refused(403, 'path traversal refused');
    if (segment.startsWith('.')) return refused(404, 'hidden files are not served');
    if (segment.includes('\0') || segment.includes(':')) return refused(400, 'invalid path segment');
  }
  const last = segments.at(-1);
  const relative =
    segments.length === 0 || last === undefined || path.posix.extname(last) === ''
      ? 'index.html'
      : segments.join('/');
  const root = path.resolve(rootDir);
  const filePath = path.resolve(root, ...relative.split('/'));
  const fromRoot = path.relative(root, filePath);
  if (fromRoot === '' || fromRoot.startsWith('..') || path.isAbsolute(fromRoot)) {
    return refused(403, 'path traversal refused');
  }
  const mimeType = mimeTypeFor(filePath);
  if (mimeType === undefined) return refused(404, 'file type is not served');
  return { kind: 'file', filePath, mimeType };
}

/** The minimal request shape `protocol.handle` passes (a WHATWG Request). */
export interface ProtocolRequestLike {
  readonly url: string;
  readonly method: string;
}

export interface AppProtocolHandlerOptions {
  readonly rootDir: string;
  readFile(filePath: string): Promise<Uint8Array>;
  /** Content-Security-Policy sent with every HTML response. */
  contentSecurityPolicy(): string;
}

/** Builds the `protocol.handle('app', …)` handler. Missing files are 404, never a directory listing. */
export function createAppProtocolHandler(
  options: AppProtocolHandlerOptions,
): (request: ProtocolRequestLike) => Promise<Response> {
  return async (request) => {
    const resolution = resolveAppRequest(request.url, options.rootDir, request.method);
    if (resolution.kind === 'refused') {
      return new Response(resolution.reason, {
        status: resolution.status,
        headers: { 'content-type': 'text/plain; charset=utf-8' },
      });
    }
    let body: Uint8Array;
    try {
      body = await options.readFile(resolution.filePath);
    } catch {
      return new Response('not found', {
        status: 404,
        headers: { 'content-type': 'text/plain; charset=utf-8' },
      });
    }
    const headers: Record<string, string> = {
      'content-type': resolution.mimeType,
      'x-content-type-options': 'nosniff',
      'cross-origin-opener-policy': 'same-origin',
      'referrer-policy': 'no-referrer',
    };
    if (resolution.mimeType.startsWith('text/html')) {
      headers['content-security-policy'] = options.contentSecurityPolicy();
    }
    return new Response(request.method === 'HEAD' ? null : Buffer.from(body), { status: 200, headers });
  };
}
