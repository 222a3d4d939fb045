/**
 * Two real Waymark server processes on one real PostgreSQL schema, coordinated through a real Redis,
 * behind the loopback load balancer (load-balancer.ts). PostgreSQL and Redis come from the test command
 * (scripts/ensure-postgres.sh, scripts/ensure-redis.sh): WAYMARK_TEST_DATABASE_URL and
 * WAYMARK_TEST_REDIS_URL. Each world uses its own schema and Redis prefix. Synthetic data only.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { PostgresStore } from '../../../server/store/postgres-store.ts';
import type { User } from '../../../server/store/types.ts';
import { signIn, deviceFor } from '../../../server/testing/device-identity.ts';
import { accountMaker, newDeviceId } from '../../../server/testing/fixtures.ts';
import {
  startServerProcess,
  type ChildOptions,
  type ServerProcess,
} from '../../unit/reliability/support/server-process.ts';
import { startLoadBalancer, type LoadBalancer } from './load-balancer.ts';

export const CLUSTER_PASSWORD = 'synthetic cluster pass 1';

export function requireServices(): { databaseUrl: string; redisUrl: string } {
  const databaseUrl = process.env['WAYMARK_TEST_DATABASE_URL'];
  const redisUrl = process.env['WAYMARK_TEST_REDIS_URL'];
  if (!databaseUrl || !redisUrl)
    throw new Error(
      'WAYMARK_TEST_DATABASE_URL and WAYMARK_TEST_REDIS_URL must be set: run `bash scripts/ensure-postgres.sh` ' +
        'and `bash scripts/ensure-redis.sh`, export the lines they print, then run the tests again.',
    );
  return { databaseUrl, redisUrl };
}

/** Drops a test schema and everything in it. */
export async function dropSchema(databaseUrl: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

export interface SignedIn {
  readonly token: string;
  readonly deviceId: string;
}

export interface ClusterWorld {
  readonly instances: ServerProcess[];
  readonly balancer: LoadBalancer;
  /** A store on the same schema, to read what the servers stored. */
  readonly store: PostgresStore;
  /** `otherPa` is for tests that revoke a device (the account then needs a password reset). */
  readonly users: { pa: User; otherPa: User; manager: User; admin: User };
  readonly teamId: string;
  /** The instances' Redis namespace (their control channel is `<prefix>:control`). */
  readonly redisPrefix: string;
  readonly redisUrl: string;
  /** Signs in through the load balancer (challenge and sign-in may land on different instances). */
  signIn(user: User): Promise<SignedIn>;
  close(): Promise<void>;
}

export async function startClusterWorld(options: Partial<ChildOptions> = {}): Promise<ClusterWorld> {
  const { databaseUrl, redisUrl } = requireServices();
  const suffix = randomBytes(6).toString('hex');
  const schema = `waymark_scale_${suffix}`;
  const redisPrefix = `waymark-test-${suffix}`;
  const store = await PostgresStore.open({ connectionString: databaseUrl, schema });
  const team = await store.createTeam('North');
  const make = await accountMaker(store, CLUSTER_PASSWORD);
  const users = {
    pa: await make('pa.sam', 'pa', team.id),
    otherPa: await make('pa.jo', 'pa', team.id),
    manager: await make('tm.kit', 'team_manager', team.id),
    admin: await make('admin.lee', 'admin', null),
  };
  const secret = new Uint8Array(randomBytes(32));
  const instances: ServerProcess[] = [];
  let balancer: LoadBalancer | null = null;
  const close = async (): Promise<void> => {
    await balancer?.close();
    await Promise.all(instances.map((instance) => instance.stop()));
    await store.close();
    await dropSchema(databaseUrl, schema);
  };
  try {
    for (const name of ['a', 'b']) {
      instances.push(
        await startServerProcess(
          {
            databaseUrl,
            pgSchema: schema,
            redisUrl,
            redisPrefix,
            instanceId: `instance-${name}`,
            storeDebounceMs: 200,
            // Only the Redis control message may close sockets on the other instance in these tests.
            accessRecheckMs: 600_000,
            ...options,
          },
          secret,
        ),
      );
    }
    balancer = await startLoadBalancer(instances.map((instance) => instance.port));
    const url = `http://127.0.0.1:${balancer.port}`;
    return {
      instances,
      balancer,
      store,
      users,
      teamId: team.id,
      redisPrefix,
      redisUrl,
      signIn: async (user) => {
        const deviceId = newDeviceId();
        const answer = await signIn(url, user.username, CLUSTER_PASSWORD, await deviceFor(deviceId));
        return { token: answer.token, deviceId };
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
