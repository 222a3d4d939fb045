import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
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

describe('SQLite files hold case records: only the server account may read them (issue 13, finding 9)', () => {
  it('makes the data folder 0700 and the database, -wal and -shm files 0600, also for an existing folder', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'waymark-modes-'));
    try {
      const dir = join(parent, 'data');
      mkdirSync(dir, { mode: 0o755 });
      chmodSync(dir, 0o755); // as an older version left it
      const path = join(dir, 'waymark.sqlite');
      const store = new SqliteStore(path);
      await store.appendUpdate('yp:mode', new Uint8Array([0, 0]));
      await store.appendAudit({ event: 'login.ok' });
      await store.queryAudit();
      const mode = (file: string): string => (statSync(file).mode & 0o777).toString(8);
      expect(mode(dir)).toBe('700');
      for (const file of [path, `${path}-wal`, `${path}-shm`])
        expect([file, mode(file)]).toEqual([file, '600']);
      await store.close();

      chmodSync(path, 0o644); // a restore that forgot the mode
      const reopened = new SqliteStore(path);
      expect(mode(path)).toBe('600');
      for (const file of [`${path}-wal`, `${path}-shm`]) expect([file, mode(file)]).toEqual([file, '600']);
      await reopened.close();
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });
});
