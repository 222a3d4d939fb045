/**
 * A real sync server process (test/unit/reliability/support/server-process.ts) over a SQLite file
 * seeded with two PAs who sign in with passwords, plus the same file opened from the test process (as
 * the admin CLI opens it) to act as an administrator and read the audit log. Synthetic data only.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import { hashPassword } from '../../../server/auth/passwords.ts';
import { SqliteStore } from '../../../server/store/sqlite-store.ts';
import type { User } from '../../../server/store/types.ts';
import { textUpdate } from '../../../server/testing/fixtures.ts';
import {
  startServerProcess,
  type ChildOptions,
  type ServerProcess,
} from '../../unit/reliability/support/server-process.ts';

export const PASSWORD = 'correct horse battery';

export interface AuthWorld {
  readonly server: ServerProcess;
  /** The server's database, opened as the admin CLI would (another process). */
  readonly store: SqliteStore;
  readonly users: { readonly alex: User; readonly sam: User };
  /** A websocket to the server that the world closes at the end. */
  socket(): HocuspocusProviderWebsocket;
  close(): Promise<void>;
}

export async function startAuthWorld(options: ChildOptions = {}): Promise<AuthWorld> {
  const dir = mkdtempSync(join(tmpdir(), 'waymark-security-'));
  const sqlitePath = join(dir, 'waymark.sqlite');
  const store = new SqliteStore(sqlitePath);
  const team = await store.createTeam('North');
  const hash = await hashPassword(PASSWORD);
  const mk = (username: string): Promise<User> =>
    store.createUser({ username, displayName: username, role: 'pa', teamId: team.id, passwordHash: hash });
  const users = { alex: await mk('pa.alex'), sam: await mk('pa.sam') };
  await store.setAssignment('ypAlex1', users.alex.id, team.id);
  await store.appendUpdate('yp:ypAlex1', textUpdate('seed'));
  const server = await startServerProcess(
    { sqlitePath, dataDir: dir, accessRecheckMs: 200, ...options },
    new Uint8Array(randomBytes(32)),
  );
  const sockets: HocuspocusProviderWebsocket[] = [];
  return {
    server,
    store,
    users,
    socket() {
      const socket = new HocuspocusProviderWebsocket({
        url: server.syncUrl,
        WebSocketPolyfill: WebSocket,
        delay: 50,
        minDelay: 50,
        maxDelay: 200,
        maxAttempts: 1,
      });
      sockets.push(socket);
      return socket;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await server.stop();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
