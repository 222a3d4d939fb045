import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
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

  describe('PostgreSQL application role without DDL rights (docs/operations.md)', () => {
    it('runs the store on a schema its owner migrated, and cannot drop the triggers or change audit rows', async () => {
      const suffix = randomBytes(5).toString('hex');
      const schema = `waymark_role_${suffix}`;
      const role = `waymark_app_${suffix}`;
      const password = randomBytes(12).toString('hex');
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        // The owner (here the test's superuser) creates and migrates the schema.
        const owner = await PostgresStore.open({ connectionString: url, schema });
        await owner.appendAudit({ event: 'login.ok', userId: 'u-owner' });
        await owner.close();
        await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD '${password}'`);
        await admin.query(`GRANT USAGE ON SCHEMA ${schema} TO ${role}`);
        await admin.query(
          `GRANT SELECT, INSERT, UPDATE, DELETE ON ${schema}.teams, ${schema}.users, ${schema}.assignments,
             ${schema}.devices, ${schema}.doc_state, ${schema}.doc_updates, ${schema}.doc_versions,
             ${schema}.doc_summary, ${schema}.team_settings TO ${role}`,
        );
        await admin.query(`GRANT SELECT, INSERT ON ${schema}.audit, ${schema}.doc_history TO ${role}`);
        await admin.query(`GRANT USAGE ON ALL SEQUENCES IN SCHEMA ${schema} TO ${role}`);
        const appUrl = new URL(url);
        appUrl.username = role;
        appUrl.password = password;

        const app = await PostgresStore.open({ connectionString: appUrl.toString(), schema });
        try {
          await app.appendUpdate('yp:role', new Uint8Array([0, 0]), {
            userId: 'u-app',
            deviceId: null,
            ip: null,
          });
          await app.compact('yp:role');
          await app.appendAudit({ event: 'doc.load', userId: 'u-app' });
          // A team manager's settings change (insert, then update) works as this role too.
          const team = await app.createTeam('Role team');
          const settingsAudit = { event: 'team.settings-changed', userId: 'u-app' } as const;
          await app.putTeamSettings(team.id, JSON.stringify({ caseloadTarget: 18 }), settingsAudit);
          await app.putTeamSettings(team.id, JSON.stringify({ caseloadTarget: 20 }), settingsAudit);
          expect(await app.getTeamSettings(team.id)).toMatchObject({ settings: { caseloadTarget: 20 } });
          expect((await app.listDocHistory('yp:role')).length).toBe(1);
          expect((await app.queryAudit()).map((r) => r.event)).toEqual([
            'team.settings-changed',
            'team.settings-changed',
            'doc.load',
            'doc.change',
            'login.ok',
          ]);
        } finally {
          await app.close();
        }
        const attacker = new pg.Client({
          connectionString: appUrl.toString(),
          options: `-c search_path=${schema}`,
        });
        await attacker.connect();
        try {
          await expect(attacker.query('DROP TRIGGER audit_no_update_delete ON audit')).rejects.toThrow(
            /must be owner/,
          );
          await expect(attacker.query('ALTER TABLE audit DISABLE TRIGGER ALL')).rejects.toThrow(
            /must be owner/,
          );
          await expect(attacker.query("UPDATE audit SET detail = 'x'")).rejects.toThrow(/permission denied/);
          await expect(attacker.query('DELETE FROM doc_history')).rejects.toThrow(/permission denied/);
        } finally {
          await attacker.end();
        }
      } finally {
        await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await admin.query(`DROP ROLE IF EXISTS ${role}`);
        await admin.end();
      }
    });

    it('refuses to start as that role on a schema that needs migrating, saying what to do', async () => {
      const suffix = randomBytes(5).toString('hex');
      const schema = `waymark_old_${suffix}`;
      const role = `waymark_app_${suffix}`;
      const password = randomBytes(12).toString('hex');
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        await (await PostgresStore.open({ connectionString: url, schema })).close();
        await admin.query(`DROP TABLE ${schema}.doc_history`);
        await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD '${password}'`);
        await admin.query(`GRANT USAGE ON SCHEMA ${schema} TO ${role}`);
        await admin.query(`GRANT SELECT ON ALL TABLES IN SCHEMA ${schema} TO ${role}`);
        const appUrl = new URL(url);
        appUrl.username = role;
        appUrl.password = password;
        await expect(PostgresStore.open({ connectionString: appUrl.toString(), schema })).rejects.toThrow(
          /needs migrating and this role may not change it: start the server once as the schema owner/,
        );
      } finally {
        await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await admin.query(`DROP ROLE IF EXISTS ${role}`);
        await admin.end();
      }
    });
  });
}
