import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describeStoreSuite } from './store-suite.ts';
import { SqliteStore } from './sqlite-store.ts';

describeStoreSuite('SQLite (node:sqlite file in a temp dir)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'waymark-sqlite-'));
  const path = join(dir, 'waymark.sqlite');
  return {
    create: async () => new SqliteStore(path),
    reopen: async () => new SqliteStore(path),
    raw: async (sql) => {
      const db = new DatabaseSync(path);
      try {
        db.exec(sql);
      } finally {
        db.close();
      }
    },
    destroy: async () => rmSync(dir, { recursive: true, force: true }),
  };
});
