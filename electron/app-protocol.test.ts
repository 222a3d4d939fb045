import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAppUrl } from './app-origin.ts';
import { createAppProtocolHandler, resolveAppRequest } from './app-protocol.ts';

const root = path.resolve('/opt/Waymark/resources/app.asar/dist/renderer');
const inRoot = (...parts: string[]): string => path.join(root, ...parts);

describe('resolveAppRequest', () => {
  it('maps the root and client-side routes to index.html', () => {
    for (const url of [
      'app://waymark/',
      'app://waymark',
      'app://waymark/caseload/42',
      'app://waymark/index.html?x=1#y',
    ]) {
      expect(resolveAppRequest(url, root)).toEqual({
        kind: 'file',
        filePath: inRoot('index.html'),
        mimeType: 'text/html; charset=utf-8',
      });
    }
  });

  it('maps assets under the root with their MIME type', () => {
    expect(resolveAppRequest('app://waymark/assets/index-abc123.js', root)).toEqual({
      kind: 'file',
      filePath: inRoot('assets', 'index-abc123.js'),
      mimeType: 'text/javascript; charset=utf-8',
    });
    expect(resolveAppRequest('app://waymark/assets/My%20Font.woff2', root)).toMatchObject({
      kind: 'file',
      filePath: inRoot('assets', 'My Font.woff2'),
      mimeType: 'font/woff2',
    });
  });

  it.each([
    ['app://waymark/../../etc/passwd.txt', 403],
    ['app://waymark/assets/%2e%2e/%2e%2e/secret.js', 403],
    ['app://waymark/assets/..%2f..%2fsecret.js', 400],
    ['app://waymark/assets/..%5c..%5csecret.js', 400],
    ['app://waymark/assets/a%00.js', 400],
    ['app://waymark/C:/Windows/win.ini', 400],
    ['app://waymark/.env', 404],
    ['app://waymark/assets/app.exe', 404],
    ['app://other/index.html', 403],
    ['app://waymark.evil.example/index.html', 403],
    ['file:///etc/passwd', 403],
    ['https://waymark/index.html', 403],
    ['app://waymark/%E0%A4%A.js', 400],
  ])('refuses %s with %i', (url, status) => {
    const result = resolveAppRequest(url, root);
    expect(result.kind).toBe('refused');
    expect(result.kind === 'refused' ? result.status : 0).toBe(status);
  });

  it('refuses methods other than GET and HEAD, and a relative root', () => {
    expect(resolveAppRequest('app://waymark/', root, 'POST')).toMatchObject({ kind: 'refused', status: 405 });
    expect(resolveAppRequest('app://waymark/', 'dist/renderer')).toMatchObject({
      kind: 'refused',
      status: 403,
    });
  });
});

describe('isAppUrl', () => {
  it('accepts only the app origin', () => {
    expect(isAppUrl('app://waymark/index.html')).toBe(true);
    expect(isAppUrl('app://waymark:8080/index.html')).toBe(false);
    expect(isAppUrl('app://user@waymark/')).toBe(false);
    expect(isAppUrl('https://waymark/')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
    expect(isAppUrl(null)).toBe(false);
  });
});

describe('createAppProtocolHandler', () => {
  const files: Record<string, string> = {
    [inRoot('index.html')]: '<!doctype html><title>Waymark</title>',
    [inRoot('assets', 'app.js')]: 'console.log(1)',
  };
  const handler = createAppProtocolHandler({
    rootDir: root,
    readFile: async (filePath) => {
      const text = files[filePath];
      if (text === undefined) throw Object.assign(new Error('missing'), { code: 'ENOENT' });
      return new TextEncoder().encode(text);
    },
    contentSecurityPolicy: () => "default-src 'none'",
  });

  it('serves index.html with the CSP and nosniff headers', async () => {
    const response = await handler({ url: 'app://waymark/', method: 'GET' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>Waymark</title>');
  });

  it('serves scripts without a CSP header, 404s missing files, and refuses traversal', async () => {
    const script = await handler({ url: 'app://waymark/assets/app.js', method: 'GET' });
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('content-security-policy')).toBeNull();
    expect((await handler({ url: 'app://waymark/assets/none.js', method: 'GET' })).status).toBe(404);
    const traversal = await handler({ url: 'app://waymark/%2e%2e/x.js', method: 'GET' });
    expect(traversal.status).toBe(403);
    expect(await traversal.text()).toBe('path traversal refused');
  });
});
