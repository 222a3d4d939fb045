import { describe, expect, it } from 'vitest';
import { contentSecurityPolicyHeader } from '../shared/csp.ts';
import {
  buildContentSecurityPolicy,
  isRendererRequestAllowed,
  syncServerOrigins,
} from './content-security.ts';
import { hardenSession, withContentSecurityPolicy } from './session-hardening.ts';
import type {
  BeforeRequestDetails,
  HardenableSessionLike,
  HeadersReceivedDetails,
  ResponseHeaders,
} from './session-hardening.ts';

const locked = { lockedSyncServerUrl: 'wss://sync.council.example/sync' };
const unlocked = { lockedSyncServerUrl: null };

describe('Content-Security-Policy', () => {
  it('narrows the shared CSP to the locked sync server for connections', () => {
    const csp = buildContentSecurityPolicy(locked);
    expect(csp).toContain("connect-src 'self' wss://sync.council.example https://sync.council.example;");
    expect(csp).not.toContain('wss: ');
    expect(csp).not.toContain('localhost');
    // Everything else is the shared policy, unchanged.
    const others = (policy: string) => policy.split('; ').filter((d) => !d.startsWith('connect-src'));
    expect(others(csp)).toEqual(others(contentSecurityPolicyHeader));
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
  });

  it('uses the shared CSP as is when the sync URL is not locked', () => {
    expect(buildContentSecurityPolicy(unlocked)).toBe(contentSecurityPolicyHeader);
  });

  it('maps sync URLs to their origins', () => {
    expect(syncServerOrigins('ws://localhost:1234/sync')).toEqual([
      'ws://localhost:1234',
      'http://localhost:1234',
    ]);
    expect(syncServerOrigins('ftp://x')).toEqual([]);
    expect(syncServerOrigins('nonsense')).toEqual([]);
  });

  it('replaces any existing CSP header, whatever its case', () => {
    const headers: ResponseHeaders = {
      'content-security-policy': ['default-src *'],
      'Content-Type': ['text/html'],
    };
    expect(withContentSecurityPolicy(headers, "default-src 'none'")).toEqual({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': ["default-src 'none'"],
    });
    expect(withContentSecurityPolicy(undefined, 'x')).toEqual({ 'Content-Security-Policy': ['x'] });
  });
});

describe('renderer request filter', () => {
  it.each([
    ['app://waymark/assets/app.js', 'script', locked, true],
    ['data:image/png;base64,AAAA', 'image', locked, true],
    ['wss://sync.council.example/sync', 'webSocket', locked, true],
    ['https://sync.council.example/auth/token', 'xhr', locked, true],
    ['wss://elsewhere.example/sync', 'webSocket', locked, false],
    ['https://sync.council.example/evil.js', 'script', locked, false],
    ['https://cdn.example/lib.js', 'script', unlocked, false],
    ['https://tracker.example/pixel.gif', 'image', unlocked, false],
    ['https://any.example/frame', 'subFrame', unlocked, false],
    ['http://sync.example/', 'xhr', unlocked, false],
    ['ws://localhost:1234/sync', 'webSocket', unlocked, true],
    ['ws://127.0.0.1:1234/sync', 'webSocket', unlocked, true],
    ['ws://localhost:1234/sync', 'webSocket', locked, false],
    ['ws://intranet.example/sync', 'webSocket', unlocked, false],
    ['wss://chosen-by-user.example/sync', 'webSocket', unlocked, true],
    ['file:///etc/passwd', 'mainFrame', unlocked, false],
    ['app://other/index.html', 'mainFrame', unlocked, false],
  ] as const)('%s (%s) → %s', (url, type, network, allowed) => {
    expect(isRendererRequestAllowed(url, type, network)).toBe(allowed);
  });
});

describe('hardenSession', () => {
  function fakeSession() {
    const state: {
      request?: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void;
      check?: (webContents: unknown, permission: string) => boolean;
      device?: (details: unknown) => boolean;
      before?: (details: BeforeRequestDetails, callback: (response: { cancel: boolean }) => void) => void;
      headers?: (
        details: HeadersReceivedDetails,
        callback: (response: { responseHeaders: ResponseHeaders }) => void,
      ) => void;
    } = {};
    const session: HardenableSessionLike = {
      setPermissionRequestHandler: (handler) => (state.request = handler),
      setPermissionCheckHandler: (handler) => (state.check = handler),
      setDevicePermissionHandler: (handler) => (state.device = handler),
      webRequest: {
        onBeforeRequest: (listener) => (state.before = listener),
        onHeadersReceived: (listener) => (state.headers = listener),
      },
    };
    return { session, state };
  }

  it('denies every permission request and check', () => {
    const { session, state } = fakeSession();
    const denied: string[] = [];
    hardenSession(session, { network: () => unlocked, onDeniedPermission: (p) => denied.push(p) });
    const answers: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      state.request?.({}, permission, (granted) => answers.push(granted));
    }
    expect(answers).toEqual([false, false, false, false, false]);
    expect(denied).toEqual(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']);
    expect(state.check?.({}, 'media')).toBe(false);
    expect(state.device?.({ device: {} })).toBe(false);
  });

  it('cancels remote content and adds the CSP header to every response', () => {
    const { session, state } = fakeSession();
    const blocked: string[] = [];
    hardenSession(session, {
      network: () => locked,
      onBlockedRequest: (origin, type) => blocked.push(`${type} ${origin}`),
    });
    const decisions: boolean[] = [];
    state.before?.({ url: 'https://cdn.example/x.js', resourceType: 'script' }, (r) =>
      decisions.push(r.cancel),
    );
    state.before?.({ url: 'app://waymark/index.html', resourceType: 'mainFrame' }, (r) =>
      decisions.push(r.cancel),
    );
    expect(decisions).toEqual([true, false]);
    expect(blocked).toEqual(['script https://cdn.example']);
    let headers: ResponseHeaders = {};
    state.headers?.({ url: 'app://waymark/', responseHeaders: {} }, (r) => (headers = r.responseHeaders));
    expect(headers['Content-Security-Policy']).toEqual([buildContentSecurityPolicy(locked)]);
  });
});
