import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, it } from 'vitest';
import { describeStoreSuite } from './store-suite.ts';
import { PostgresStore } from './postgres-store.ts';

const url = process.env['WAYMARK_TEST_DATABASE_URL'];

if (!url) {
  describe('Store contract: PostgreSQL', () => {
    it('needs a real PostgreSQL', () => {
      throw new Error(
        'WAYMARK_TEST_DATABASE_URL is not set. Run `bash scripts/ensure-postgres.sh` and export the ' +
          'WAYMARK_TEST_DATABASE_URL=… line it prints, then run the tests again.',
      );
    });
  });
} else {
  describeStoreSuite('PostgreSQL (real server, one schema per test)', () => {
    const schema = `waymark_test_${randomBytes(6).toString('hex')}`;
    const withClient = async (fn: (client: pg.Client) => Promise<void>): Promise<void> => {
      const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
      await client.connect();
      try {
        await fn(client);
      } finally {
        await client.end();
      }
    };
    return {
      create: () => PostgresStore.open({ connectionString: url, schema }),
      reopen: () => PostgresStore.open({ connectionString: url, schema }),
      raw: (sql) => withClient(async (c) => void (await c.query(sql))),
      destroy: () => withClient(async (c) => void (await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`))),
    };
  });
}
