/** The admin CLI against a real SQLite file: every command, and clear errors for bad arguments. */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAdminCli } from './admin-cli.ts';
import { verifyPassword } from './auth/passwords.ts';
import { SqliteStore } from './store/sqlite-store.ts';

describe('admin CLI', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'waymark-cli-'));
    env = { WAYMARK_DB: join(dir, 'waymark.sqlite') };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** What --password-stdin reads in the next commands. */
  let stdin = 'a-long-password';

  async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runAdminCli(argv, env, {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      readStdin: async () => stdin,
      osUser: 'ops.tester',
    });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  async function withStore<T>(fn: (store: SqliteStore) => Promise<T>): Promise<T> {
    const store = new SqliteStore(env['WAYMARK_DB'] ?? '');
    try {
      return await fn(store);
    } finally {
      await store.close();
    }
  }

  it('adds teams and users, lists them, sets passwords, disables users', async () => {
    expect((await cli('teams', 'add', 'North East')).code).toBe(0);
    expect((await cli('teams', 'list')).out).toContain('North East');
    const add = await cli(
      'users',
      'add',
      'Pa.One',
      '--name',
      'Pat One',
      '--role',
      'pa',
      '--team',
      'North East',
      '--password-stdin',
    );
    expect(add).toMatchObject({ code: 0 });
    expect(add.out).toMatch(/^created pa pa\.one /);
    const generated = await cli(
      'users',
      'add',
      'tm.one',
      '--name',
      'Tam One',
      '--role',
      'team_manager',
      '--team',
      'North East',
    );
    expect(generated.code).toBe(0);
    const password = /password: (\S+)/.exec(generated.out)?.[1] ?? '';
    expect(password.length).toBeGreaterThanOrEqual(16);
    await withStore(async (s) => {
      const tm = await s.getUserByUsername('tm.one');
      expect(await verifyPassword(password, tm?.passwordHash ?? '')).toBe(true);
    });
    expect((await cli('users', 'add', 'admin.one', '--name', 'Ad Min', '--role', 'admin')).code).toBe(0);
    const list = await cli('users', 'list');
    expect(list.out).toMatch(/pa\.one\s+Pat One\s+pa\s+North East\s+active/);
    expect(list.out).toMatch(/admin\.one\s+Ad Min\s+admin\s+-\s+active/);
    stdin = 'another-long-one';
    expect((await cli('users', 'set-password', 'pa.one', '--password-stdin')).code).toBe(0);
    stdin = 'a-long-password';
    await withStore(async (s) => {
      expect(
        await verifyPassword('another-long-one', (await s.getUserByUsername('pa.one'))?.passwordHash ?? ''),
      ).toBe(true);
    });
    expect((await cli('users', 'disable', 'pa.one')).code).toBe(0);
    expect((await cli('users', 'list')).out).toMatch(/pa\.one.*disabled/);
  });

  it('assigns young people, lists and revokes devices, tails the audit log', async () => {
    await cli('teams', 'add', 'T');
    await cli('users', 'add', 'pa.a', '--name', 'A', '--role', 'pa', '--team', 'T', '--password-stdin');
    await cli('users', 'add', 'pa.b', '--name', 'B', '--role', 'pa', '--team', 'T', '--password-stdin');
    expect((await cli('assign', 'yp-123', 'pa.a')).out).toBe('assigned yp-123 to pa.a');
    expect((await cli('assign', 'yp-123', 'pa.b')).out).toBe('assigned yp-123 to pa.b (reassigned)');
    await withStore(async (s) => {
      const b = await s.getUserByUsername('pa.b');
      expect((await s.getAssignment('yp-123'))?.paUserId).toBe(b?.id);
      await s.touchDevice('laptop-0001', b?.id ?? '');
    });
    expect((await cli('devices', 'list')).out).toMatch(/laptop-0001\s+pa\.b\s+\S+\s+active/);
    expect((await cli('devices', 'revoke', 'laptop-0001')).code).toBe(0);
    expect((await cli('devices', 'list')).out).toMatch(/laptop-0001\s+pa\.b\s+\S+\s+revoked/);
    const audit = await cli('audit', 'tail', '--limit', '3');
    expect(audit.code).toBe(0);
    expect(audit.out.split('\n').length).toBe(4);
    expect(audit.out).toMatch(/device\.revoked/);
    expect(audit.out).toMatch(/assignment\.set\s+-\s+-\s+yp:yp-123\s+admin-cli/);
  });

  it.each([
    [[], 2, /Usage:/],
    [['frobnicate'], 2, /unknown command "frobnicate"/],
    [['users'], 2, /unknown command "users"/],
    [['users', 'add'], 2, /users add: missing <username>/],
    [['users', 'add', 'x.y', '--role', 'pa'], 2, /--name <display name> is required/],
    [['users', 'add', 'x.y', '--name', 'X'], 2, /--role pa\|team_manager\|admin is required/],
    [
      ['users', 'add', 'x.y', '--name', 'X', '--role', 'boss'],
      1,
      /role must be one of pa, team_manager, admin \(got "boss"\)/,
    ],
    [['users', 'add', 'x.y', '--name', 'X', '--role', 'pa'], 1, /a pa needs a team \(--team <team name>\)/],
    [
      ['users', 'add', 'x.y', '--name', 'X', '--role', 'pa', '--team', 'Nowhere'],
      1,
      /team "Nowhere" does not exist/,
    ],
    [
      ['users', 'add', 'x.y', '--name', 'X', '--role', 'admin', '--password', 'a-long-password'],
      2,
      /--password is not accepted/,
    ],
    [['users', 'set-password', 'x.y', '--password=a-long-password'], 2, /--password-stdin/],
    [['users', 'add', 'x y', '--name', 'X', '--role', 'admin'], 1, /username must be 2–64 characters/],
    [['users', 'add', 'x.y', '--name'], 2, /option --name needs a value/],
    [['users', 'add', 'x.y', '--colour', 'red'], 2, /unknown option --colour/],
    [['users', 'disable', 'ghost'], 1, /user "ghost" does not exist/],
    [['users', 'list', 'extra'], 2, /users list: unexpected argument "extra"/],
    [['assign', 'yp-1'], 2, /assign: missing <paUsername>/],
    [['assign', 'bad id!', 'pa.a'], 1, /youngPersonId must be 1–64 characters/],
    [['assign', 'yp-1', 'ghost'], 1, /user "ghost" does not exist/],
    [['devices', 'revoke', 'nope-0001'], 1, /device "nope-0001" does not exist/],
    [['audit', 'tail', '--limit', 'lots'], 2, /--limit must be an integer 1–10000 \(got "lots"\)/],
    [['teams', 'add'], 2, /teams add: missing <name>/],
  ] as const)('rejects %j with exit %i and a clear message', async (argv, code, message) => {
    const result = await cli(...argv);
    expect(result.code).toBe(code);
    expect(`${result.out}\n${result.err}`).toMatch(message);
  });

  it('verifies the audit log’s hash chain, and names the first row changed behind the triggers', async () => {
    await cli('teams', 'add', 'Chain');
    await cli('teams', 'add', 'Chain Two');
    await withStore((store) => store.appendAudit({ event: 'doc.load', userId: 'u-1', docName: 'yp:1' }));
    const ok = await cli('audit', 'verify');
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/^audit log intact: 3 rows, last hash [0-9a-f]{64}$/);
    const seq = await withStore(async (store) => (await store.auditPage(0, 10))[1]?.seq ?? -1);
    const db = new DatabaseSync(env['WAYMARK_DB'] ?? '');
    db.exec(`DROP TRIGGER audit_no_update; UPDATE audit SET detail = 'someone else' WHERE seq = ${seq}`);
    db.close();
    const broken = await cli('audit', 'verify');
    expect(broken.code).toBe(1);
    expect(broken.err).toMatch(
      new RegExp(
        `audit log chain broken at row ${seq}: its content does not match its hash .*checked 2 rows; the rows before it are intact`,
      ),
    );
  });

  it('refuses a short password from stdin and writes nothing', async () => {
    stdin = 'short';
    const result = await cli('users', 'add', 'x.y', '--name', 'X', '--role', 'admin', '--password-stdin');
    stdin = 'a-long-password';
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/password must be at least 10 characters/);
    await withStore(async (s) => expect(await s.getUserByUsername('x.y')).toBeNull());
  });

  it('asks at a terminal twice without echo, and refuses two different answers', async () => {
    await cli('teams', 'add', 'T');
    const answers = ['typed-at-the-prompt', 'typed-at-the-prompt', 'first-answer-xx', 'second-answer-x'];
    const prompted = (...argv: string[]) =>
      runAdminCli(argv, env, {
        out: () => undefined,
        err: () => undefined,
        promptPassword: async () => answers.shift() ?? '',
      });
    expect(await prompted('users', 'add', 'pa.p', '--name', 'P', '--role', 'pa', '--team', 'T')).toBe(0);
    expect(await prompted('users', 'set-password', 'pa.p')).toBe(2);
    await withStore(async (s) => {
      const hash = (await s.getUserByUsername('pa.p'))?.passwordHash ?? '';
      expect(await verifyPassword('typed-at-the-prompt', hash)).toBe(true);
    });
  });

  it('records the OS user in every audit row it writes', async () => {
    await cli('teams', 'add', 'T');
    await cli('users', 'add', 'pa.a', '--name', 'A', '--role', 'pa', '--team', 'T', '--password-stdin');
    await cli('users', 'set-password', 'pa.a', '--password-stdin');
    await withStore(async (s) => {
      const rows = (await s.queryAudit()).filter((r) => r.ip === 'admin-cli');
      expect(rows.map((r) => r.event).sort()).toEqual(['team.created', 'user.created', 'user.password-set']);
      for (const row of rows) expect(row.detail).toMatch(/ os-user=ops\.tester$/);
    });
  });

  it('links an account to an OIDC issuer and subject once', async () => {
    await cli('teams', 'add', 'T');
    await cli('users', 'add', 'pa.a', '--name', 'A', '--role', 'pa', '--team', 'T', '--password-stdin');
    await cli('users', 'add', 'pa.b', '--name', 'B', '--role', 'pa', '--team', 'T', '--password-stdin');
    const link = (user: string, subject: string) =>
      cli('users', 'link-oidc', user, '--issuer', 'https://login.example/tenant', '--subject', subject);
    expect((await link('pa.a', 'sub-a')).code).toBe(0);
    expect(await link('pa.a', 'sub-other')).toMatchObject({
      code: 1,
      err: expect.stringMatching(/already linked/),
    });
    expect(await link('pa.b', 'sub-a')).toMatchObject({
      code: 1,
      err: expect.stringMatching(/already linked/),
    });
    expect((await cli('users', 'link-oidc', 'pa.b', '--issuer', 'not a url', '--subject', 'x')).err).toMatch(
      /--issuer must be/,
    );
    await withStore(async (s) => {
      const a = await s.getUserByUsername('pa.a');
      expect((await s.auth.getOidcIdentity('https://login.example/tenant', 'sub-a'))?.userId).toBe(a?.id);
    });
  });

  it('refuses to make a team manager or admin the PA of a young person', async () => {
    await cli('teams', 'add', 'T');
    await cli(
      'users',
      'add',
      'tm.t',
      '--name',
      'T',
      '--role',
      'team_manager',
      '--team',
      'T',
      '--password-stdin',
    );
    const result = await cli('assign', 'yp-9', 'tm.t');
    expect(result).toMatchObject({ code: 1 });
    expect(result.err).toMatch(/user "tm.t" is a team_manager, not a pa/);
  });

  it('runs as a process and exits non-zero with the message on stderr', async () => {
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        ['server/admin-cli.ts', 'teams', 'add'],
        { cwd: join(import.meta.dirname, '..'), env: { ...process.env, ...env } },
        (error, _stdout, stderr) =>
          resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stderr }),
      );
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/error: teams add: missing <name>/);
  });
});
