/**
 * Hardens the renderer's session: every permission denied, a strict Content-Security-Policy header on
 * every response (in addition to the renderer's own <meta> CSP), and every request outside the app's
 * origin and the sync server cancelled, so no remote content can load.
 */
import { buildContentSecurityPolicy, isRendererRequestAllowed } from './content-security.ts';
import type { NetworkPolicy } from './content-security.ts';
import { denyAllPermissions } from './permissions.ts';
import type { PermissionSessionLike } from './permissions.ts';

export type ResponseHeaders = Record<string, string | string[]>;

export interface BeforeRequestDetails {
  readonly url: string;
  readonly resourceType: string;
}

export interface HeadersReceivedDetails {
  readonly url: string;
  readonly responseHeaders?: ResponseHeaders;
}

export interface WebRequestLike {
  onBeforeRequest(
    listener: (details: BeforeRequestDetails, callback: (response: { cancel: boolean }) => void) => void,
  ): void;
  onHeadersReceived(
    listener: (
      details: HeadersReceivedDetails,
      callback: (response: { responseHeaders: ResponseHeaders }) => void,
    ) => void,
  ): void;
}

export interface HardenableSessionLike extends PermissionSessionLike {
  readonly webRequest: WebRequestLike;
}

/** Replaces any Content-Security-Policy header (in any letter case) with ours. */
export function withContentSecurityPolicy(
  headers: ResponseHeaders | undefined,
  csp: string,
): ResponseHeaders {
  const result: ResponseHeaders = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') result[name] = value;
  }
  result['Content-Security-Policy'] = [csp];
  return result;
}

export interface HardenSessionOptions {
  /** Read on every request so a policy reload takes effect without restarting. */
  network(): NetworkPolicy;
  onBlockedRequest?(origin: string, resourceType: string): void;
  onDeniedPermission?(permission: string): void;
}

export function hardenSession(session: HardenableSessionLike, options: HardenSessionOptions): void {
  denyAllPermissions(session, options.onDeniedPermission);
  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isRendererRequestAllowed(details.url, details.resourceType, options.network());
    if (!allowed) {
      let origin = '(malformed)';
      try {
        const url = new URL(details.url);
        origin = `${url.protocol}//${url.host}`;
      } catch {
        // keep '(malformed)'
      }
      options.onBlockedRequest?.(origin, details.resourceType);
    }
    callback({ cancel: !allowed });
  });
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: withContentSecurityPolicy(
        details.responseHeaders,
        buildContentSecurityPolicy(options.network()),
      ),
    });
  });
}
