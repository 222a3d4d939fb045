/**
 * Finding 12 (admin CLI): a password is never taken from the command line (other local users can read
 * process arguments; shells keep history); it is read from standard input or a no-echo prompt, and every
 * audit row the CLI writes names the OS user who ran it. Runs the CLI as a real process.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../server/auth/passwords.ts';
import { SqliteStore } from '../../server/store/sqlite-store.ts';

const root = join(import.meta.dirname, '..', '..');

describe('admin CLI secrets and accountability (finding 12)', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'waymark-cli-security-'));
    env = { ...process.env, WAYMARK_DB: join(dir, 'waymark.sqlite') };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = (args: string[], input: string) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      const child = execFile(
        process.execPath,
        ['server/admin-cli.ts', ...args],
        { cwd: root, env },
        (error, stdout, stderr) =>
          resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
      );
      child.stdin?.end(input);
    });

  async function withStore<T>(fn: (store: SqliteStore) => Promise<T>): Promise<T> {
    const store = new SqliteStore(join(dir, 'waymark.sqlite'));
    try {
      return await fn(store);
    } finally {
      await store.close();
    }
  }

  it('reads the password from standard input and never prints it', async () => {
    expect((await run(['teams', 'add', 'North'], '')).code).toBe(0);
    const added = await run(
      ['users', 'add', 'pa.pipe', '--name', 'Pipe', '--role', 'pa', '--team', 'North', '--password-stdin'],
      'piped-password-1\nignored second line\n',
    );
    expect(added.code).toBe(0);
    expect(`${added.stdout}${added.stderr}`).not.toMatch(/piped-password-1/);
    await withStore(async (store) => {
      const hash = (await store.getUserByUsername('pa.pipe'))?.passwordHash ?? '';
      expect(await verifyPassword('piped-password-1', hash)).toBe(true);
    });
  });

  it('refuses --password on the command line with a clear message and changes nothing', async () => {
    for (const args of [
      ['users', 'set-password', 'pa.pipe', '--password', 'on-the-command-line'],
      ['users', 'set-password', 'pa.pipe', '--password=on-the-command-line'],
    ]) {
      const refused = await run(args, '');
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/--password is not accepted/);
      expect(refused.stderr).toMatch(/--password-stdin/);
    }
    await withStore(async (store) => {
      const hash = (await store.getUserByUsername('pa.pipe'))?.passwordHash ?? '';
      expect(await verifyPassword('on-the-command-line', hash)).toBe(false);
      expect(await store.queryAudit({ event: 'user.password-set' })).toEqual([]);
    });
  });

  it('names the OS user in the audit rows it writes', async () => {
    await withStore(async (store) => {
      const rows = (await store.queryAudit()).filter((row) => row.ip === 'admin-cli');
      expect(rows.map((row) => row.event).sort()).toEqual(['team.created', 'user.created']);
      const osUser = userInfo().username.replace(/[^A-Za-z0-9._@$\\-]/g, '_');
      for (const row of rows) expect(row.detail).toContain(`os-user=${osUser}`);
    });
  });
});
