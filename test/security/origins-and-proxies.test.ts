/**
 * Issue 13 findings 3 and 11, against real server processes:
 *  - the API answered every web page (`Access-Control-Allow-Origin: *`) and /sync took any Origin: now
 *    only the app's origins (the Electron app `app://waymark`, loopback browser builds, or the configured
 *    list); a hostile page's preflight, request and websocket are refused;
 *  - behind the TLS proxy every laptop had the proxy's address: X-Forwarded-For is now believed only
 *    from configured proxies, and then gives each laptop its own per-address limits.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { API_PATHS } from '../../shared/protocol.ts';
import { ELECTRON_APP_ORIGIN } from '../../server/http/origins.ts';
import { rawRequest, upgradeRequest } from './support/raw-http.ts';
import { startSecurityServer, type SecurityServer } from './support/security-server.ts';

// Each test starts real server processes, which a loaded machine can be slow to start and serve.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 180_000 });

const root = path.resolve(import.meta.dirname, '..', '..');

function openSocket(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => {
      resolve(101);
    });
    ws.once('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('error', () => resolve(0));
  });
}

describe('CORS and websocket origins (default policy)', () => {
  let running: SecurityServer;
  beforeAll(async () => {
    running = await startSecurityServer('sec-origins');
  });
  afterAll(async () => {
    await running?.close();
  });

  it('uses the Electron app origin that electron/app-origin.ts serves the renderer from', () => {
    const source = readFileSync(path.join(root, 'electron', 'app-origin.ts'), 'utf8');
    const scheme = /APP_SCHEME = '([^']+)'/.exec(source)?.[1];
    const host = /APP_HOST = '([^']+)'/.exec(source)?.[1];
    expect(`${scheme}://${host}`).toBe(ELECTRON_APP_ORIGIN);
  });

  it('never answers Access-Control-Allow-Origin: *, and echoes only the app origins', async () => {
    for (const origin of [ELECTRON_APP_ORIGIN, 'http://localhost:4310', 'http://127.0.0.1:5173']) {
      const response = await fetch(running.server.url + API_PATHS.health, { headers: { origin } });
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBe(origin);
      const preflight = await fetch(running.server.url + API_PATHS.login, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
    }
    const plain = await fetch(running.server.url + API_PATHS.health);
    expect(plain.status).toBe(200);
    expect(plain.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses a hostile web page: preflight, request and websocket', async () => {
    for (const origin of [
      'https://evil.example',
      'null',
      'http://localhost.evil.example',
      'app://waymark.evil',
    ]) {
      const preflight = await fetch(running.server.url + API_PATHS.login, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST' },
      });
      expect(preflight.status).toBe(403);
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
      const login = await fetch(running.server.url + API_PATHS.login, {
        method: 'POST',
        headers: { origin, 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'pa.alex', password: 'a guess at it', deviceId: 'dev-12345678' }),
      });
      expect(login.status).toBe(403);
      expect(await openSocket(running.server.syncUrl, { origin })).toBe(403);
    }
    // nothing was evaluated for the hostile page
    expect(await running.audit({ event: 'login.failed' })).toEqual([]);
  });

  it('opens /sync for the app origins and for clients that send no Origin (not a web page)', async () => {
    expect(await openSocket(running.server.syncUrl, { origin: ELECTRON_APP_ORIGIN })).toBe(101);
    expect(await openSocket(running.server.syncUrl, { origin: 'http://localhost:4300' })).toBe(101);
    expect(await openSocket(running.server.syncUrl)).toBe(101);
  });
});

describe('a configured origin list replaces the defaults', () => {
  let running: SecurityServer;
  beforeAll(async () => {
    running = await startSecurityServer('sec-origins-list', {
      allowedOrigins: ['https://waymark.council.example'],
    });
  });
  afterAll(async () => {
    await running?.close();
  });

  it('allows the listed origin only', async () => {
    const allowed = await fetch(running.server.url + API_PATHS.health, {
      headers: { origin: 'https://waymark.council.example' },
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://waymark.council.example');
    const loopback = await fetch(running.server.url + API_PATHS.health, {
      headers: { origin: 'http://localhost:4300' },
    });
    expect(loopback.status).toBe(403);
    const answer = await rawRequest(
      running.server.port,
      upgradeRequest('/sync', 'localhost', ['Origin: http://localhost:4300']),
    );
    expect(answer.status).toBe(403);
  });
});

async function failedLoginFrom(url: string, forwardedFor: string): Promise<void> {
  const response = await fetch(url + API_PATHS.login, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
    body: JSON.stringify({ username: 'tm.morgan', password: 'a wrong password', deviceId: 'dev-12345678' }),
  });
  expect(response.status).toBe(401);
}

describe('X-Forwarded-For from a peer that is not a configured proxy', () => {
  let running: SecurityServer;
  beforeAll(async () => {
    running = await startSecurityServer('sec-xff-untrusted', { maxConnectionsPerIp: 3 });
  });
  afterAll(async () => {
    await running?.close();
  });

  it('is ignored', async () => {
    await failedLoginFrom(running.server.url, '203.0.113.7');
    const [row] = await running.audit({ event: 'login.failed' });
    expect(row?.ip).toBe('127.0.0.1');
    // four laptops claiming four addresses still count as one address
    const statuses = [];
    for (let i = 0; i < 4; i++)
      statuses.push(await openSocket(running.server.syncUrl, { 'x-forwarded-for': `203.0.113.${i + 1}` }));
    expect(statuses).toEqual([101, 101, 101, 429]);
  });
});

describe('X-Forwarded-For from a trusted proxy', () => {
  let running: SecurityServer;
  beforeAll(async () => {
    running = await startSecurityServer('sec-xff-trusted', {
      maxConnectionsPerIp: 3,
      trustedProxies: ['127.0.0.1'],
    });
  });
  afterAll(async () => {
    await running?.close();
  });

  it('gives each laptop its own address for login and socket limits', async () => {
    // the client is the right-most address that is not a trusted proxy; what it wrote itself is ignored
    await failedLoginFrom(running.server.url, '192.0.2.99, 203.0.113.7, 127.0.0.1');
    const [row] = await running.audit({ event: 'login.failed' });
    expect(row?.ip).toBe('203.0.113.7');
    const statuses = [];
    for (let i = 0; i < 4; i++)
      statuses.push(await openSocket(running.server.syncUrl, { 'x-forwarded-for': `203.0.113.${i + 1}` }));
    expect(statuses).toEqual([101, 101, 101, 101]);
    const sameLaptop = [];
    for (let i = 0; i < 4; i++)
      sameLaptop.push(await openSocket(running.server.syncUrl, { 'x-forwarded-for': '198.51.100.50' }));
    expect(sameLaptop).toEqual([101, 101, 101, 429]);
  });
});
