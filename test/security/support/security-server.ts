/**
 * A real sync server process for the attack regression tests (issue 13): a seeded SQLite database
 * (two teams, PAs with passwords, a manager, records), the server started as its own process by
 * test/unit/reliability/support/server-process.ts, and a second read-only look at the same database for
 * the audit rows the server wrote. Synthetic data only.
 */
import { hashPassword } from '../../../server/auth/passwords.ts';
import { SqliteStore } from '../../../server/store/sqlite-store.ts';
import type { AuditQuery, AuditRow } from '../../../server/store/types.ts';
import {
  startServerProcess,
  type ChildOptions,
  type ServerProcess,
} from '../../unit/reliability/support/server-process.ts';
import { seedWorld, type Account, type SeedWorld } from '../../unit/reliability/support/world.ts';

export const SECURITY_PASSWORD = 'synthetic pass phrase 1';

export interface SecurityServer {
  readonly server: ServerProcess;
  readonly world: SeedWorld;
  readonly pa: Account;
  readonly otherPa: Account;
  readonly manager: Account;
  /** A disabled PA whose password is SECURITY_PASSWORD. */
  readonly disabledPa: Account;
  /** Audit rows the server process wrote (read from the database file). */
  audit(query?: AuditQuery): Promise<AuditRow[]>;
  /** A record as the server stored it (read from the database file), or null. */
  loadDoc(name: string): Promise<Uint8Array | null>;
  close(): Promise<void>;
}

export async function startSecurityServer(
  prefix: string,
  options: ChildOptions = {},
): Promise<SecurityServer> {
  const world = await seedWorld(prefix);
  const north = await world.store.createTeam('North');
  const pa = await world.account('pa.alex', 'pa', north.id);
  const otherPa = await world.account('pa.sam', 'pa', north.id);
  const manager = await world.account('tm.morgan', 'team_manager', north.id);
  const disabledPa = await world.account('pa.gone', 'pa', north.id);
  const hash = await hashPassword(SECURITY_PASSWORD);
  for (const account of [pa, otherPa, manager, disabledPa])
    await world.store.setPasswordHash(account.user.id, hash);
  await world.store.setUserDisabled(disabledPa.user.id, true);
  await world.closeStore();
  let server: ServerProcess;
  try {
    server = await startServerProcess(
      { sqlitePath: world.sqlitePath, storeDebounceMs: 50, accessRecheckMs: 60_000, ...options },
      world.secret,
      // A shared, loaded CI machine can take a while to start a Node process; the tests wait for it.
      120_000,
    );
  } catch (error) {
    world.remove();
    throw error;
  }
  let reader: SqliteStore | null = null;
  return {
    server,
    world,
    pa,
    otherPa,
    manager,
    disabledPa,
    async audit(query) {
      reader ??= new SqliteStore(world.sqlitePath);
      return reader.queryAudit({ limit: 100_000, ...query });
    },
    async loadDoc(name) {
      reader ??= new SqliteStore(world.sqlitePath);
      return reader.loadDoc(name);
    },
    async close() {
      await server.kill();
      await reader?.close();
      world.remove();
    },
  };
}
