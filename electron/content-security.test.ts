import { describe, expect, it } from 'vitest';
import { contentSecurityPolicyHeader, contentSecurityPolicyMeta } from '../shared/csp.ts';
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

const configured = { syncServerUrl: 'wss://sync.council.example/sync' };
const embedded = { syncServerUrl: 'http://127.0.0.1:1234' };
const none = { syncServerUrl: null };

describe('Content-Security-Policy', () => {
  it('pins connections to the configured sync server, however it was configured', () => {
    const csp = buildContentSecurityPolicy(configured);
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

  it('allows no connection but the app itself when no sync server is set', () => {
    expect(buildContentSecurityPolicy(none)).toContain("connect-src 'self';");
    expect(buildContentSecurityPolicy(embedded)).toContain(
      "connect-src 'self' ws://127.0.0.1:1234 http://127.0.0.1:1234;",
    );
  });

  it('never allows any https:/wss: host in a header; only the meta tag, which cannot know the server, does', () => {
    for (const header of [
      contentSecurityPolicyHeader,
      buildContentSecurityPolicy(configured),
      buildContentSecurityPolicy(none),
    ]) {
      expect(header).not.toMatch(/ (wss|https):( |;|$)/);
      expect(header).toContain("frame-ancestors 'none'");
    }
    expect(contentSecurityPolicyMeta).not.toContain('frame-ancestors');
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
    ['app://waymark/assets/app.js', 'script', configured, true],
    ['data:image/png;base64,AAAA', 'image', configured, true],
    ['wss://sync.council.example/sync', 'webSocket', configured, true],
    ['https://sync.council.example/auth/token', 'xhr', configured, true],
    ['wss://elsewhere.example/sync', 'webSocket', configured, false],
    ['https://attacker.example/collect', 'xhr', configured, false],
    ['https://sync.council.example/evil.js', 'script', configured, false],
    ['https://cdn.example/lib.js', 'script', none, false],
    ['https://tracker.example/pixel.gif', 'image', none, false],
    ['https://any.example/frame', 'subFrame', none, false],
    ['http://sync.example/', 'xhr', none, false],
    ['wss://chosen.example/sync', 'webSocket', none, false],
    ['ws://127.0.0.1:1234/sync', 'webSocket', embedded, true],
    ['ws://127.0.0.1:9999/sync', 'webSocket', embedded, false],
    ['ws://localhost:1234/sync', 'webSocket', configured, false],
    ['ws://intranet.example/sync', 'webSocket', none, false],
    ['file:///etc/passwd', 'mainFrame', none, false],
    ['app://other/index.html', 'mainFrame', none, false],
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
    hardenSession(session, { network: () => none, onDeniedPermission: (p) => denied.push(p) });
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
      network: () => configured,
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
    expect(headers['Content-Security-Policy']).toEqual([buildContentSecurityPolicy(configured)]);
  });
});
