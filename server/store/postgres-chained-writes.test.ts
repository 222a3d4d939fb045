import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { auditRowHash, verifyAuditChain } from './audit-chain.ts';
import { ChainedWrites, type ChainedEntry, type ChainedUpdate } from './postgres-chained-writes.ts';
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

    const probe = (detail: string): ChainedEntry['audit'] => ({
      at: new Date().toISOString(),
      event: 'doc.load',
      userId: null,
      deviceId: null,
      docName: `probe:${detail}`,
      ip: null,
      detail,
      updateSha256: null,
    });
    const probeUpdate = (detail: string): ChainedUpdate => ({
      name: `probe:${detail}`,
      data: updateOf(detail),
      sha256: 'f'.repeat(64),
      createdAt: new Date().toISOString(),
      userId: 'u-1',
      deviceId: null,
      origin: 'sync',
    });

    it('a write that fails does not fail the others grouped with it, and leaves nothing half-written', async () => {
      const chained = new ChainedWrites(pool);
      // Queued together while the first runs: the second group holds one write PostgreSQL refuses (a NUL
      // character in a text column), so that group is rolled back and each of its writes retried alone.
      const details = ['a', 'b', 'bad\u0000', 'c', 'd'];
      const results = await Promise.allSettled(
        details.map((detail) =>
          chained.run({ audit: probe(detail), update: probeUpdate(detail.replace('\u0000', '')) }),
        ),
      );
      expect(results.map((r) => r.status)).toEqual([
        'fulfilled',
        'fulfilled',
        'rejected',
        'fulfilled',
        'fulfilled',
      ]);
      expect(results[0]).toEqual({ status: 'fulfilled', value: 1 });
      const audited = await pool.query(
        "SELECT detail FROM audit WHERE doc_name LIKE 'probe:%' ORDER BY detail",
      );
      expect(audited.rows.map((r: { detail: string }) => r.detail)).toEqual(['a', 'b', 'c', 'd']);
      // The refused write's update is not stored either (its statement was rolled back whole).
      const bad = await pool.query("SELECT COUNT(*)::int AS n FROM doc_history WHERE name = 'probe:bad'");
      expect(bad.rows[0]).toEqual({ n: 0 });
      const report = await verifyAuditChain((after, limit) => store.auditPage(after, limit));
      expect(report.broken).toBeNull();
    });

    it('hashes each row inside PostgreSQL exactly as auditRowHash does, whatever the text', async () => {
      const tricky = 'Zoë said "no" \\ then\nleft 💡 \u2028 <&> \t';
      await store.appendAudit({
        event: 'doc.load',
        userId: 'u-ë',
        docName: 'yp:ë',
        ip: '::1',
        detail: tricky,
      });
      await store.appendAudit({ event: 'doc.load' });
      const last = (await store.queryAudit({})).find((row) => row.detail === tricky);
      expect(last?.hash).toBe(auditRowHash(last?.prevHash ?? '', last ?? probe('missing')));
      const report = await verifyAuditChain((after, limit) => store.auditPage(after, limit));
      expect(report.broken).toBeNull();
    });

    it('stores a group in one statement: no transaction held open across round trips to this process', async () => {
      const chained = new ChainedWrites(pool);
      const query = vi.spyOn(pool, 'query');
      try {
        const first = chained.run({ audit: probe('g0'), update: probeUpdate('g0') });
        const grouped = ['g1', 'g2', 'g3', 'g4'].map((d) =>
          chained.run({ audit: probe(d), update: probeUpdate(d) }),
        );
        // Two records written twice in one group: each answer counts the group's own updates.
        const again = chained.run({ audit: probe('g1b'), update: probeUpdate('g1') });
        expect(await first).toBe(1);
        expect(await Promise.all(grouped)).toEqual([2, 1, 1, 1]);
        expect(await again).toBe(2);
        // The lone first write, then one statement for the five queued behind it (no BEGIN … COMMIT on a
        // checked-out client: the pool's own query is one statement, its own transaction).
        expect(query).toHaveBeenCalledTimes(2);
      } finally {
        query.mockRestore();
      }
    });
  });
}
