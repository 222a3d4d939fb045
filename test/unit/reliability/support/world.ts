/**
 * A sync server's database prepared before the server starts: teams, accounts with registered devices,
 * caseload assignments and record documents, plus a live server-side session per account and an access
 * token for it minted with the server's secret (so a run needs no password hashing or logins).
 * Synthetic data only.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { docNameFor } from '../../../../shared/protocol.ts';
import { TokenService } from '../../../../server/auth/tokens.ts';
import { SqliteStore } from '../../../../server/store/sqlite-store.ts';
import type { Store, User } from '../../../../server/store/types.ts';

export interface Account {
  readonly user: User;
  readonly deviceId: string;
  readonly token: string;
}

export interface SeedWorld {
  readonly dir: string;
  readonly sqlitePath: string;
  readonly secret: Uint8Array;
  readonly store: Store;
  account(username: string, role: User['role'], teamId: string | null): Promise<Account>;
  /** Stores a record document (compacted) and assigns it to a PA. */
  addRecord(youngPersonId: string, update: Uint8Array, pa: Account): Promise<void>;
  /** Closes the store (before a server process opens the file). */
  closeStore(): Promise<void>;
  /** Deletes the folder. */
  remove(): void;
}

/** `store`: seed this store (e.g. a PostgreSQL schema) instead of a new SQLite file at `sqlitePath`. */
export async function seedWorld(prefix: string, options: { store?: Store } = {}): Promise<SeedWorld> {
  const dir = mkdtempSync(join(tmpdir(), `waymark-${prefix}-`));
  const sqlitePath = join(dir, 'waymark.sqlite');
  const secret = new Uint8Array(randomBytes(32));
  const tokens = new TokenService(secret, 4 * 3600);
  const store = options.store ?? new SqliteStore(sqlitePath);
  // Seeding only: one fsync per row would make seeding thousands of records take minutes on a slow
  // disk. The server process opens the file afresh with the store's own synchronous=FULL.
  if (store instanceof SqliteStore)
    (store as unknown as { db: DatabaseSync }).db.exec('PRAGMA synchronous = OFF');
  let closed = false;
  return {
    dir,
    sqlitePath,
    secret,
    store,
    async account(username, role, teamId) {
      const user = await store.createUser({
        username,
        displayName: username,
        role,
        teamId,
        passwordHash: null,
      });
      const deviceId = `device-${username.replace(/[^A-Za-z0-9_-]/g, '_')}`;
      await store.touchDevice(deviceId, user.id);
      const session = await store.auth.createSession({
        userId: user.id,
        deviceId,
        expiresAt: new Date(Date.now() + 12 * 3_600_000).toISOString(),
        refreshHash: 'unused: these accounts never refresh',
      });
      return { user, deviceId, token: (await tokens.issue(user, deviceId, session.id)).token };
    },
    async addRecord(youngPersonId, update, pa) {
      if (pa.user.teamId === null) throw new Error('a PA needs a team');
      await store.setAssignment(youngPersonId, pa.user.id, pa.user.teamId);
      await store.appendUpdate(docNameFor(youngPersonId), update);
      await store.compact(docNameFor(youngPersonId));
    },
    async closeStore() {
      if (closed) return;
      closed = true;
      await store.close();
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
