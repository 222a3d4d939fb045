import { PostgresStore } from './postgres-store.ts';
import { SqliteStore } from './sqlite-store.ts';
import type { Store } from './types.ts';

export interface StoreConfig {
  /** postgres://… — when set, PostgreSQL is used and `sqlitePath` is ignored. */
  readonly databaseUrl?: string | undefined;
  /** Path of the embedded SQLite file. */
  readonly sqlitePath?: string | undefined;
  /** PostgreSQL schema (default public). */
  readonly pgSchema?: string | undefined;
}

export const DEFAULT_SQLITE_PATH = './.waymark-data/waymark.sqlite';

export async function openStore(config: StoreConfig): Promise<Store> {
  if (config.databaseUrl) {
    return PostgresStore.open({
      connectionString: config.databaseUrl,
      ...(config.pgSchema ? { schema: config.pgSchema } : {}),
    });
  }
  return new SqliteStore(config.sqlitePath ?? DEFAULT_SQLITE_PATH);
}
