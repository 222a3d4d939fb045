/**
 * What an instance does when Redis goes away (docs/operations.md "Several instances"): it stops being
 * ready, closes its sockets with "server shutting down, retry later" and refuses new ones with 503, so no
 * client edits a record that no longer sees the other instances' edits; when Redis is back it accepts
 * sockets again and clients carry on. A Redis of the test's own (the binary scripts/ensure-redis.sh
 * installs) is killed and restarted on the same port; the shared test Redis is left alone.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_PATHS, SERVER_REASONS, apiErrorSchema, docNameFor } from '../../shared/protocol.ts';
import { SCHEMA_VERSION } from '../../shared/domain/schema-version.ts';
import { hashPassword } from '../../server/auth/passwords.ts';
import { startServer, type RunningServer } from '../../server/server.ts';
import { deviceFor, signIn } from '../../server/testing/device-identity.ts';
import { newDeviceId, openDoc, openSocket, textOf, waitFor } from '../../server/testing/fixtures.ts';
import { freePort } from '../unit/reliability/support/clients.ts';
import { dropSchema, requireServices } from './support/cluster-world.ts';

const password = randomBytes(12).toString('hex');
let port = 0;
let redis: ChildProcess | null = null;
let server: RunningServer | null = null;
let databaseUrl = '';
const schema = `waymark_scale_outage_${randomBytes(5).toString('hex')}`;

async function startRedis(): Promise<void> {
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--requirepass',
      password,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  redis = child;
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${output}`)), 20_000);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`redis-server could not run (run scripts/ensure-redis.sh first): ${error.message}`));
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
}

async function killRedis(): Promise<void> {
  const child = redis;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

/** A password sign-in from the laptop that signed in before: its answer. */
async function passwordSignIn(
  url: string,
  deviceId: string,
  username: string,
  password: string,
): Promise<{ status: number; retryAfter: string | null; body: unknown }> {
  const proof = await (await deviceFor(deviceId)).proof(url, 'sign-in');
  const response = await fetch(url + API_PATHS.login, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password, deviceId, proof, recordEncoding: SCHEMA_VERSION }),
  });
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body: await response.json(),
  };
}

/** The HTTP status the server answers a websocket upgrade with (101 when accepted). */
function upgradeStatus(url: string): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('error', () => undefined);
  });
}

beforeAll(async () => {
  databaseUrl = requireServices().databaseUrl;
  port = await freePort();
  await startRedis();
  server = await startServer({
    databaseUrl,
    pgSchema: schema,
    redisUrl: `redis://:${password}@127.0.0.1:${port}`,
    redisPrefix: `waymark-outage-${schema}`,
    tokenSecret: new Uint8Array(randomBytes(32)),
    storeDebounceMs: 100,
    log: () => undefined,
  });
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await killRedis();
  await dropSchema(databaseUrl, schema);
});

describe('an instance when Redis goes down', () => {
  it('closes its sockets and refuses new ones while Redis is down, and serves again when it is back', async () => {
    if (!server) throw new Error('no server');
    const running = server;
    const team = await running.store.createTeam('North');
    const pa = await running.store.createUser({
      username: 'pa.ola',
      displayName: 'Ola',
      role: 'pa',
      teamId: team.id,
      passwordHash: await hashPassword('synthetic outage pass'),
    });
    const id = randomUUID();
    await running.store.setAssignment(id, pa.id, team.id);
    const deviceId = newDeviceId();
    const { token } = await signIn(running.url, 'pa.ola', 'synthetic outage pass', await deviceFor(deviceId));
    const socket = openSocket(running);
    const result = await openDoc(socket, docNameFor(id), token, 15_000);
    if (result.status !== 'synced') throw new Error(`refused: ${result.reason}`);
    const { opened } = result;
    expect(running.isReady()).toBe(true);

    await killRedis();
    await waitFor(() => !running.isReady(), 'the instance to stop being ready', 15_000);
    await waitFor(
      () => opened.closeReasons.includes(SERVER_REASONS.serverShutdown),
      'the open socket to be closed with a retry-later reason',
      15_000,
    );
    expect(await upgradeStatus(running.syncUrl)).toBe(503);
    // Sign-in fails closed: no shared budget can be counted, so even the right password is refused, and
    // nothing is hashed or audited as a failure (docs/operations.md "Limits shared by every instance").
    const duringOutage = await passwordSignIn(running.url, deviceId, 'pa.ola', 'synthetic outage pass');
    expect(duringOutage.status).toBe(503);
    expect(duringOutage.retryAfter).toBe('5');
    expect(apiErrorSchema.parse(duringOutage.body).error).toBe(SERVER_REASONS.serverShutdown);
    expect(await running.store.queryAudit({ event: 'login.failed', userId: pa.id })).toEqual([]);
    // The laptop keeps editing offline meanwhile.
    opened.doc.getText('t').insert(0, 'written-during-outage;');

    await startRedis();
    await waitFor(() => running.isReady(), 'the instance to be ready again', 20_000);
    expect(await upgradeStatus(running.syncUrl)).toBe(101);
    expect((await passwordSignIn(running.url, deviceId, 'pa.ola', 'synthetic outage pass')).status).toBe(200);
    await waitFor(
      async () => textOf(await running.store.loadDoc(docNameFor(id))).includes('written-during-outage;'),
      'the edit made during the outage to be stored after it',
      30_000,
    );
    opened.provider.destroy();
    socket.destroy();
  }, 120_000);
});
