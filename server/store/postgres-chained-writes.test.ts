import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { verifyAuditChain } from './audit-chain.ts';
import { ChainedWrites } from './postgres-chained-writes.ts';
import { PostgresStore } from './postgres-store.ts';

const url = process.env['WAYMARK_TEST_DATABASE_URL'];

function updateOf(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('m').set('k', text);
  return Y.encodeStateAsUpdate(doc);
}

if (!url) {
  describe('PostgreSQL chained writes', () => {
    it('needs a real PostgreSQL', () => {
      throw new Error('WAYMARK_TEST_DATABASE_URL is not set. Run `bash scripts/ensure-postgres.sh` first.');
    });
  });
} else {
  describe('PostgreSQL chained writes (group commit of audit-chained writes)', () => {
    const schema = `waymark_test_chain_${randomBytes(5).toString('hex')}`;
    let store: PostgresStore;
    let pool: pg.Pool;

    beforeAll(async () => {
      store = await PostgresStore.open({ connectionString: url, schema });
      pool = new pg.Pool({ connectionString: url, max: 2, options: `-c search_path=${schema}` });
    });
    afterAll(async () => {
      await store.close();
      await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await pool.end();
    });

    it('stores many concurrent updates and audit rows, each reported once committed, with an unbroken chain', async () => {
      const author = { userId: 'u-1', deviceId: 'd-1', ip: '127.0.0.1' };
      const writes = Array.from({ length: 60 }, (_, i) =>
        i % 3 === 0
          ? store.appendAudit({ event: 'doc.load', userId: 'u-1', docName: `yp:${i % 5}`, detail: `n=${i}` })
          : store.appendUpdate(`yp:${i % 5}`, updateOf(`v${i}`), author),
      );
      const settled = await Promise.allSettled(writes);
      expect(settled.filter((s) => s.status === 'rejected')).toEqual([]);

      const audit = await store.queryAudit({});
      expect(audit.filter((row) => row.event === 'doc.load')).toHaveLength(20);
      expect(audit.filter((row) => row.event === 'doc.change')).toHaveLength(40);
      const history = (await Promise.all([0, 1, 2, 3, 4].map((d) => store.listDocHistory(`yp:${d}`)))).flat();
      expect(history).toHaveLength(40);
      const report = await verifyAuditChain((after, limit) => store.auditPage(after, limit));
      expect(report.broken).toBeNull();
      expect(report.rows).toBe(audit.length);
    });

    it('a write that fails does not fail the others grouped with it, and leaves nothing half-written', async () => {
      const chained = new ChainedWrites(pool);
      const insert = (detail: string) =>
        chained.run((client) =>
          client
            .query(`INSERT INTO audit_probe (detail) VALUES ($1) RETURNING detail`, [detail])
            .then((r) => String((r.rows[0] as { detail: string }).detail)),
        );
      await pool.query('CREATE TABLE IF NOT EXISTS audit_probe (detail TEXT NOT NULL UNIQUE)');
      await pool.query(`INSERT INTO audit_probe (detail) VALUES ('taken')`);
      // Queued together while the first runs: the second group holds one duplicate.
      const results = await Promise.allSettled([
        insert('a'),
        insert('b'),
        insert('taken'),
        insert('c'),
        insert('d'),
      ]);
      expect(results.map((r) => r.status)).toEqual([
        'fulfilled',
        'fulfilled',
        'rejected',
        'fulfilled',
        'fulfilled',
      ]);
      const stored = await pool.query('SELECT detail FROM audit_probe ORDER BY detail');
      expect(stored.rows.map((r: { detail: string }) => r.detail)).toEqual(['a', 'b', 'c', 'd', 'taken']);
    });
  });
}
