/**
 * The store's import batch on both stores: every update appended with its change version and every
 * assignment set in one transaction, or nothing at all (a bad assignment rolls the whole batch back).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { PostgresStore } from '../store/postgres-store.ts';
import { SqliteStore } from '../store/sqlite-store.ts';
import type { Store } from '../store/types.ts';
import { textOf, textUpdate } from '../testing/fixtures.ts';

const url = process.env['WAYMARK_TEST_DATABASE_URL'];

interface Opened {
  store: Store;
  destroy: () => Promise<void>;
}

async function sqlite(): Promise<Opened> {
  const dir = mkdtempSync(join(tmpdir(), 'waymark-batch-'));
  const store = new SqliteStore(join(dir, 'waymark.sqlite'));
  return {
    store,
    destroy: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function postgres(): Promise<Opened> {
  if (!url)
    throw new Error(
      'WAYMARK_TEST_DATABASE_URL is not set. Run `bash scripts/ensure-postgres.sh` and export the line it prints.',
    );
  const schema = `waymark_exchange_${randomBytes(6).toString('hex')}`;
  const store = await PostgresStore.open({ connectionString: url, schema });
  return {
    store,
    destroy: async () => {
      await store.close();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    },
  };
}

for (const [kind, open] of [
  ['SQLite', sqlite],
  ['PostgreSQL', postgres],
] as const) {
  describe(`import batch: ${kind}`, () => {
    let opened: Opened | null = null;
    afterEach(async () => {
      await opened?.destroy();
      opened = null;
    });

    it('appends every update, bumps change versions and sets assignments together', async () => {
      opened = await open();
      const { store } = opened;
      const team = await store.createTeam('North');
      const pa = await store.createUser({
        username: 'pa.x',
        displayName: 'X',
        role: 'pa',
        teamId: team.id,
        passwordHash: null,
      });
      await store.appendUpdate('yp:old', textUpdate('old'));
      const cursor = await store.changeCursor();
      await store.appendImportBatch([
        {
          name: 'yp:a',
          update: textUpdate('a'),
          importedBy: pa.id,
          assignment: { youngPersonId: 'a', paUserId: pa.id, teamId: team.id },
        },
        { name: 'yp:old', update: textUpdate('more'), importedBy: null, assignment: null },
      ]);
      expect(textOf(await store.loadDoc('yp:a'))).toBe('a');
      expect((await store.changedSince(cursor, ['yp:a', 'yp:old', 'yp:none'])).changed.sort()).toEqual([
        'yp:a',
        'yp:old',
      ]);
      expect(await store.getAssignment('a')).toMatchObject({ paUserId: pa.id, teamId: team.id });
      expect(await store.getAssignment('old')).toBeNull();
      // Kept in the append-only document history as an import, with who imported.
      const [history] = await store.listDocHistory('yp:a');
      expect(history).toMatchObject({ origin: 'import', userId: pa.id, deviceId: null });
      expect((await store.listDocHistory('yp:old')).map((row) => row.origin)).toEqual(['server', 'import']);
    });

    it('writes nothing when one entry fails', async () => {
      opened = await open();
      const { store } = opened;
      const team = await store.createTeam('North');
      const cursor = await store.changeCursor();
      await expect(
        store.appendImportBatch([
          { name: 'yp:a', update: textUpdate('a'), importedBy: null, assignment: null },
          {
            name: 'yp:b',
            update: textUpdate('b'),
            importedBy: null,
            assignment: { youngPersonId: 'b', paUserId: 'no-such-user', teamId: team.id },
          },
        ]),
      ).rejects.toThrow();
      expect(await store.loadDoc('yp:a')).toBeNull();
      expect(await store.changeCursor()).toBe(cursor);
      expect(await store.getAssignment('b')).toBeNull();
      expect(await store.listDocHistory('yp:a')).toEqual([]);
    });
  });
}
