/**
 * Issue 13 finding 1 (critical): one unauthenticated request killed the server — the websocket upgrade
 * built `new URL(...)` from the Host header, and `Host: x:99999999` (or `[`, `a b`, `exa%mple`, or the
 * target `http://[/sync`) ended the process with ERR_INVALID_URL. This fires a table of malformed
 * requests at a real server process over raw TCP — bad Host headers, bad request targets, bad methods,
 * oversized headers and bodies, bad JSON, bad content types, every API path with every method — and
 * asserts each gets a 4xx and the server still answers /api/health afterwards.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BULK_STATES_PATH } from '../../shared/bulk-states.ts';
import { API_PATHS } from '../../shared/protocol.ts';
import {
  ADMIN_API_PATHS,
  adminRecordPath,
  adminTeamRenamePath,
  adminUserPath,
} from '../../shared/admin-api.ts';
import { TEAM_API_PATHS } from '../../shared/team-api.ts';
import { rawRequest, upgradeRequest } from './support/raw-http.ts';
import { startSecurityServer, type SecurityServer } from './support/security-server.ts';

// Each test starts real server processes, which a loaded machine can be slow to start and serve.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 180_000 });

let running: SecurityServer;

beforeAll(async () => {
  running = await startSecurityServer('sec-malformed');
});
afterAll(async () => {
  await running?.close();
});

function httpRequest(
  method: string,
  target: string,
  options: { host?: string; headers?: readonly string[]; body?: Buffer | string } = {},
): Buffer {
  const body = options.body === undefined ? null : Buffer.from(options.body);
  const head = [
    `${method} ${target} HTTP/1.1`,
    `Host: ${options.host ?? 'localhost'}`,
    'Connection: close',
    ...(options.headers ?? []),
    ...(body ? [`Content-Length: ${body.length}`] : []),
    '',
    '',
  ].join('\r\n');
  return Buffer.concat([Buffer.from(head, 'latin1'), body ?? Buffer.alloc(0)]);
}

const BAD_HOSTS = [
  'x:99999999',
  '[',
  'a b',
  'exa%mple',
  'x:-1',
  '[::1',
  'host:80:80',
  '',
  'a/b',
  'xn--\u00e9',
];

interface Case {
  readonly name: string;
  readonly request: Buffer | string;
}

const upgradeCases: Case[] = [
  ...BAD_HOSTS.map((host) => ({
    name: `upgrade with Host ${JSON.stringify(host)}`,
    request: upgradeRequest('/sync', host),
  })),
  { name: 'upgrade to http://[/sync', request: upgradeRequest('http://[/sync', 'localhost') },
  {
    name: 'upgrade to an absolute-form target',
    request: upgradeRequest('http://localhost/sync', 'localhost'),
  },
  { name: 'upgrade to //evil/sync', request: upgradeRequest('//evil/sync', 'localhost') },
  { name: 'upgrade to *', request: upgradeRequest('*', 'localhost') },
  { name: 'upgrade to an unknown path', request: upgradeRequest('/nothere', 'localhost') },
  { name: 'upgrade to a percent-garbled path', request: upgradeRequest('/%zz%', 'localhost') },
  { name: 'upgrade to a 5,000-character path', request: upgradeRequest(`/${'a'.repeat(5000)}`, 'localhost') },
  {
    name: 'upgrade from a hostile web page',
    request: upgradeRequest('/sync', 'localhost', ['Origin: https://evil.example']),
  },
  { name: 'upgrade with Origin null', request: upgradeRequest('/sync', 'localhost', ['Origin: null']) },
  {
    name: 'upgrade with an unsupported websocket version',
    request: upgradeRequest('/sync', 'localhost').replace(
      'Sec-WebSocket-Version: 13',
      'Sec-WebSocket-Version: 99',
    ),
  },
  { name: 'upgrade by POST', request: upgradeRequest('/sync', 'localhost').replace(/^GET/, 'POST') },
];

const API_ROUTES = [
  API_PATHS.login,
  API_PATHS.loginOidc,
  API_PATHS.refresh,
  API_PATHS.myDocuments,
  `${API_PATHS.myDocuments}?since=-1`,
  API_PATHS.adminAssignments,
  `${API_PATHS.adminDeviceRevokePrefix}dev-12345678/revoke`,
  `${API_PATHS.adminDeviceRevokePrefix}${'x'.repeat(200)}/revoke`,
  TEAM_API_PATHS.members,
  TEAM_API_PATHS.assignments,
  BULK_STATES_PATH,
  ADMIN_API_PATHS.users,
  adminUserPath('pa.alex', 'update'),
  adminUserPath('pa.alex', 'disable'),
  adminUserPath('pa.alex', 'enable'),
  adminUserPath('pa.alex', 'reset-password'),
  adminUserPath('pa.alex', 'devices'),
  `${ADMIN_API_PATHS.users}/%E0%A4%A/update`,
  `${ADMIN_API_PATHS.users}/${'u'.repeat(300)}/disable`,
  ADMIN_API_PATHS.teams,
  adminTeamRenamePath('team-0001'),
  `${ADMIN_API_PATHS.teams}/../rename`,
  `${ADMIN_API_PATHS.audit}?record=ypN1&user=pa.alex&from=2026-01-01&to=2026-12-31`,
  `${ADMIN_API_PATHS.audit}?from=2026-02-30&before=-1&record=%00`,
  ADMIN_API_PATHS.auditVerify,
  adminRecordPath('BC4-7KM-X9T'),
  adminRecordPath('BC4-7KM-X9T', 'move'),
  `${ADMIN_API_PATHS.records}/%E0%A4%A/move`,
  `${TEAM_API_PATHS.recordAudit}?record=%00&before=-1`,
  '/',
  '/api',
  '/api/../api/health/..',
];

const everyPathCases: Case[] = API_ROUTES.flatMap((path) =>
  ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD'].map((method) => ({
    name: `${method} ${path.slice(0, 60)} without credentials`,
    request: httpRequest(
      method,
      path,
      method === 'POST' ? { headers: ['Content-Type: application/json'], body: '{}' } : {},
    ),
  })),
);

const json = ['Content-Type: application/json'];
const deepJson = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
const bodyCases: Case[] = [
  {
    name: 'login with a body that is not JSON',
    request: httpRequest('POST', API_PATHS.login, { headers: json, body: 'not json' }),
  },
  {
    name: 'login with truncated JSON',
    request: httpRequest('POST', API_PATHS.login, { headers: json, body: '{"username":' }),
  },
  {
    name: 'login with JSON null',
    request: httpRequest('POST', API_PATHS.login, { headers: json, body: 'null' }),
  },
  {
    name: 'login with a JSON array',
    request: httpRequest('POST', API_PATHS.login, { headers: json, body: '[]' }),
  },
  {
    name: 'login with wrong field types',
    request: httpRequest('POST', API_PATHS.login, {
      headers: json,
      body: '{"username":1,"password":[],"deviceId":{}}',
    }),
  },
  {
    name: 'login with JSON nested 20,000 deep',
    request: httpRequest('POST', API_PATHS.login, { headers: json, body: deepJson }),
  },
  {
    name: 'login with a 100 KiB body',
    request: httpRequest('POST', API_PATHS.login, {
      headers: json,
      body: `{"username":"${'u'.repeat(100 * 1024)}"}`,
    }),
  },
  {
    name: 'login with invalid UTF-8',
    request: httpRequest('POST', API_PATHS.login, {
      headers: json,
      body: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]),
    }),
  },
  {
    name: 'login as text/plain',
    request: httpRequest('POST', API_PATHS.login, { headers: ['Content-Type: text/plain'], body: '{}' }),
  },
  {
    name: 'login as a form',
    request: httpRequest('POST', API_PATHS.login, {
      headers: ['Content-Type: application/x-www-form-urlencoded'],
      body: 'a=b',
    }),
  },
  { name: 'login without a content type', request: httpRequest('POST', API_PATHS.login, { body: '{}' }) },
  {
    name: 'OIDC login with a junk token',
    request: httpRequest('POST', API_PATHS.loginOidc, {
      headers: json,
      body: '{"idToken":"x.y.z","deviceId":"dev-12345678"}',
    }),
  },
  {
    name: 'a 20,000-character bearer token',
    request: httpRequest('GET', API_PATHS.myDocuments, {
      headers: [`Authorization: Bearer ${'a'.repeat(20_000)}`],
    }),
  },
  {
    name: 'a malformed bearer token',
    request: httpRequest('POST', API_PATHS.refresh, { headers: ['Authorization: Bearer ???'] }),
  },
  {
    name: 'a broken chunked body',
    request: `POST ${API_PATHS.login} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`,
  },
  {
    name: 'both Content-Length and Transfer-Encoding',
    request: `POST ${API_PATHS.login} HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n{}`,
  },
];

/**
 * The operations endpoints: /healthz and /readyz answer GET only, without credentials and with no data;
 * /metrics is not served on the public port without a configured metrics token.
 */
const OPS_PATHS = ['/healthz', '/readyz'] as const;
const opsCases: Case[] = [
  ...OPS_PATHS.flatMap((path) =>
    ['POST', 'PUT', 'DELETE', 'PATCH', 'HEAD'].map((method) => ({
      name: `${method} ${path}`,
      request: httpRequest(
        method,
        path,
        method === 'POST' ? { headers: ['Content-Type: application/json'], body: '{}' } : {},
      ),
    })),
  ),
  ...OPS_PATHS.flatMap((path) =>
    BAD_HOSTS.map((host) => ({
      name: `GET ${path} with Host ${JSON.stringify(host)}`,
      request: httpRequest('GET', path, { host }),
    })),
  ),
  { name: 'GET /healthz/..', request: httpRequest('GET', '/healthz/..') },
  { name: 'GET /readyz/extra', request: httpRequest('GET', '/readyz/extra') },
  // /metrics is never served on the public port without a configured metrics token.
  { name: 'GET /metrics without credentials', request: httpRequest('GET', '/metrics') },
  {
    name: 'GET /metrics with a guessed bearer token',
    request: httpRequest('GET', '/metrics', { headers: ['Authorization: Bearer metrics'] }),
  },
  { name: 'POST /metrics', request: httpRequest('POST', '/metrics', { body: '{}' }) },
];

const requestLineCases: Case[] = [
  ...BAD_HOSTS.map((host) => ({
    name: `GET /api/health with Host ${JSON.stringify(host)}`,
    request: httpRequest('GET', API_PATHS.health, { host }),
  })),
  { name: 'GET http://[/api/health', request: httpRequest('GET', 'http://[/api/health') },
  { name: 'GET an absolute-form target', request: httpRequest('GET', 'http://localhost/api/health') },
  { name: 'GET //evil/api/health', request: httpRequest('GET', '//evil/api/health') },
  { name: 'OPTIONS *', request: httpRequest('OPTIONS', '*') },
  { name: 'an unknown method', request: httpRequest('FROB', API_PATHS.health) },
  { name: 'a request line of garbage', request: 'GARBAGE\r\n\r\n' },
  {
    name: 'a header block over 16 KiB',
    request: httpRequest('GET', API_PATHS.health, { headers: [`X-Big: ${'b'.repeat(20_000)}`] }),
  },
  {
    name: 'a header with a control character',
    request: httpRequest('GET', API_PATHS.health, { headers: ['X-Bad: a\u0001b'] }),
  },
  { name: 'HTTP/1.1 without Host', request: `GET ${API_PATHS.health} HTTP/1.1\r\nConnection: close\r\n\r\n` },
  {
    name: 'a preflight from a hostile web page',
    request: httpRequest('OPTIONS', API_PATHS.login, {
      headers: ['Origin: https://evil.example', 'Access-Control-Request-Method: POST'],
    }),
  },
];

/** Bulk first sync bodies from a signed-in PA (the token is known once the server runs). */
function bulkStatesCases(token: string): Case[] {
  const signedIn = ['Content-Type: application/json', `Authorization: Bearer ${token}`];
  const bulk = (name: string, body: string, headers: readonly string[] = signedIn): Case => ({
    name: `bulk first sync with ${name}`,
    request: httpRequest('POST', BULK_STATES_PATH, { headers, body }),
  });
  return [
    bulk('a body that is not JSON', 'not json'),
    bulk('JSON null', 'null'),
    bulk('no ids', '{}'),
    bulk('ids that are not a list', '{"ids":"yp-1"}'),
    bulk('an empty list', '{"ids":[]}'),
    bulk('a repeated id', '{"ids":["yp-1","yp-1"]}'),
    bulk('an id with a slash', '{"ids":["../yp"]}'),
    bulk('an id of 65 characters', `{"ids":["${'a'.repeat(65)}"]}`),
    bulk('1,001 ids', JSON.stringify({ ids: Array.from({ length: 1001 }, (_, i) => `yp-${i}`) })),
    bulk('a 100 KiB body', JSON.stringify({ ids: [`${'a'.repeat(100 * 1024)}`] })),
    bulk('JSON nested 20,000 deep', deepJson),
    bulk('a form body', 'ids=yp-1', [
      `Authorization: Bearer ${token}`,
      'Content-Type: application/x-www-form-urlencoded',
    ]),
  ];
}

async function expectStillServing(): Promise<void> {
  expect(running.server.child.exitCode).toBeNull();
  expect(running.server.child.signalCode).toBeNull();
  const health = await fetch(running.server.url + API_PATHS.health);
  expect(health.status).toBe(200);
}

describe('malformed requests get a 4xx and never end the server process', () => {
  it.each([
    ['websocket upgrades', upgradeCases],
    ['every API path and method', everyPathCases],
    ['request bodies', bodyCases],
    ['request lines and headers', requestLineCases],
    ['health, readiness and metrics endpoints', opsCases],
  ] as const)('%s', async (_group, cases) => {
    const answers: { name: string; status: number | null }[] = [];
    for (const { name, request } of cases) {
      const answer = await rawRequest(running.server.port, request);
      answers.push({ name, status: answer.status });
    }
    const bad = answers.filter((a) => a.status === null || a.status < 400 || a.status > 499);
    expect(bad).toEqual([]);
    await expectStillServing();
  });

  it('bulk first sync request bodies from a signed-in PA', async () => {
    const answers: { name: string; status: number | null }[] = [];
    for (const { name, request } of bulkStatesCases(running.pa.token)) {
      const answer = await rawRequest(running.server.port, request);
      answers.push({ name, status: answer.status });
    }
    expect(answers.filter((a) => a.status !== 400 && a.status !== 413 && a.status !== 415)).toEqual([]);
    await expectStillServing();
  });

  it('still upgrades a well-formed /sync request after all of that', async () => {
    const answer = await rawRequest(
      running.server.port,
      upgradeRequest('/sync', `127.0.0.1:${running.server.port}`),
    );
    expect(answer.status).toBe(101);
    await expectStillServing();
    expect(running.server.output.join('')).not.toMatch(/ERR_INVALID_URL|Invalid URL/);
  });

  it('answers /healthz and /readyz without credentials, with no data', async () => {
    const health = await fetch(`${running.server.url}/healthz`);
    expect([health.status, await health.json()]).toEqual([200, { ok: true }]);
    const ready = await fetch(`${running.server.url}/readyz`);
    expect([ready.status, await ready.json()]).toEqual([
      200,
      { ready: true, checks: { store: 'ok', draining: 'ok' } },
    ]);
  });
});
