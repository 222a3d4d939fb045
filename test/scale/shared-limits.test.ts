/**
 * Limits that hold across every instance (docs/operations.md "Limits shared by every instance"): two
 * real server processes on one real PostgreSQL and one real Redis. An attacker alternating between the
 * instances is refused at the same count as against one (the budgets of test/security/login-abuse.test.ts,
 * DEFAULT_LOGIN_BUDGET); a day quota filled on instance A is refused on instance B. Each request goes
 * straight to the chosen instance, so the alternation is exact. Synthetic data only.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { API_PATHS, SERVER_REASONS, apiErrorSchema, docNameFor } from '../../shared/protocol.ts';
import { SCHEMA_VERSION } from '../../shared/domain/schema-version.ts';
import { DEFAULT_LOGIN_BUDGET } from '../../server/auth/login-budget.ts';
import { deviceFor } from '../../server/testing/device-identity.ts';
import { RawSync } from '../security/support/raw-sync.ts';
import { openRawRecord, write } from '../security/support/raw-write.ts';
import { authFrame } from '../unit/reliability/support/frames.ts';
import { startClusterWorld, type ClusterWorld } from './support/cluster-world.ts';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 180_000 });

let world: ClusterWorld;

beforeAll(async () => {
  world = await startClusterWorld({
    // 127.0.0.1 is the "proxy", so X-Forwarded-For gives each simulated laptop its own address.
    trustedProxies: ['127.0.0.1'],
    hashGate: { maxQueued: 64 },
    writeLimits: { maxNewRecordsPerDay: 2, maxUserRecordsPerDay: 3 },
  });
});

afterAll(async () => {
  await world?.close();
});

const instanceUrl = (index: number): string => {
  const instance = world.instances[index % world.instances.length];
  if (!instance) throw new Error(`no instance ${index}`);
  return instance.url;
};

/** A sign-in straight to instance `index` from `address`; the status code. */
async function signInOn(index: number, username: string, password: string, address: string): Promise<number> {
  const url = instanceUrl(index);
  const deviceId = `dev-${randomUUID()}`;
  const proof = await (await deviceFor(deviceId)).proof(url, 'sign-in');
  const response = await fetch(url + API_PATHS.login, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify({ username, password, deviceId, proof, recordEncoding: SCHEMA_VERSION }),
  });
  const body: unknown = await response.json();
  if (response.status === 429) expect(apiErrorSchema.parse(body).error).toBe(SERVER_REASONS.rateLimited);
  return response.status;
}

const count = (statuses: readonly number[], status: number): number =>
  statuses.filter((s) => s === status).length;

describe('sign-in budgets across two instances', () => {
  it('refuses an attacker alternating between the instances at the same count as against one', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++)
      statuses.push(await signInOn(i, world.users.pa.username, `guess ${i}`, '203.0.113.20'));
    const budget = DEFAULT_LOGIN_BUDGET.perAccountAddress;
    expect(statuses).toEqual([...Array<number>(budget).fill(401), ...Array<number>(12 - budget).fill(429)]);
  });

  it('evaluates only one budget of 40 parallel guesses spread over both instances', async () => {
    const statuses = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        signInOn(i, world.users.pa.username, `parallel ${i}`, '203.0.113.21'),
      ),
    );
    expect(count(statuses, 401)).toBe(DEFAULT_LOGIN_BUDGET.perAccountAddress);
    expect(count(statuses, 429)).toBe(40 - DEFAULT_LOGIN_BUDGET.perAccountAddress);
  });

  it('shares one per-account budget across addresses and instances', async () => {
    const statuses = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        signInOn(i, world.users.otherPa.username, `spread ${i}`, `198.18.1.${i + 1}`),
      ),
    );
    expect(count(statuses, 401)).toBe(DEFAULT_LOGIN_BUDGET.perAccount);
    expect(count(statuses, 429)).toBe(40 - DEFAULT_LOGIN_BUDGET.perAccount);
  });
});

describe('day quotas across two instances', () => {
  const syncUrl = (index: number): string => {
    const instance = world.instances[index];
    if (!instance) throw new Error(`no instance ${index}`);
    return instance.syncUrl;
  };

  it('refuses on instance B a new record past the PA quota filled on instance A', async () => {
    const { token } = await world.signIn(world.users.pa);
    const claims: (true | string | null)[] = [];
    for (const index of [0, 0, 1]) {
      const doc = docNameFor(randomUUID());
      const client = await RawSync.open(syncUrl(index));
      client.send(authFrame(doc, token));
      claims.push(await client.authAnswer(doc));
      client.close();
    }
    expect(claims).toEqual([true, true, SERVER_REASONS.newRecordLimit]);
  });

  it('refuses on instance B a write to a record past the daily records quota filled on instance A', async () => {
    const { token } = await world.signIn(world.users.pa);
    const docs: string[] = [];
    for (let i = 0; i < 4; i++) {
      const id = randomUUID();
      await world.store.setAssignment(id, world.users.pa.id, world.teamId);
      docs.push(docNameFor(id));
    }
    const results: string[] = [];
    for (const [i, doc] of docs.entries()) {
      const client = await openRawRecord(syncUrl(i < 3 ? 0 : 1), token, doc);
      const edit = new Y.Doc();
      edit.getText('t').insert(0, `entry ${i}`);
      results.push(await write(client, doc, Y.encodeStateAsUpdate(edit)));
      client.close();
    }
    expect(results).toEqual(['ack', 'ack', 'ack', SERVER_REASONS.quotaExceeded]);
  });
});
