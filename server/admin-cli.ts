/**
 * Administrator command line: `node server/admin-cli.ts <command> …` (wired as `npm run admin -- …`).
 * Uses the same store as the server (WAYMARK_DATABASE_URL [+ WAYMARK_PG_SCHEMA] or WAYMARK_DB).
 * Changes take effect on a running server at its next access re-check (≤ 5 s by default).
 *
 *   users add <username> --name <display name> --role pa|team_manager|admin [--team <team>] [--password-stdin]
 *   users list
 *   users set-password <username> [--password-stdin]
 *   users disable <username>
 *   users link-oidc <username> --issuer <issuer URL> --subject <sub or oid>
 *   users reinstate <username>
 *   teams add <name>
 *   teams list
 *   assign <youngPersonId> <paUsername>
 *   devices list
 *   devices revoke <deviceId>
 *   audit tail [--limit <n>]
 *   audit verify          checks the audit log's hash chain; exit code 1 and the first broken row if not intact
 *   records migrate-encoding [--settled-days <n>]
 *                         migrates stored records to encoding version 2 in place (record-encoding-migration.ts)
 *
 * Passwords never come from the command line: `--password-stdin` reads the first line of standard
 * input; otherwise, at a terminal, the password is asked for (not shown, typed twice); otherwise a
 * random password is generated and printed once. Every audit row the CLI writes names the OS user.
 */
import {
  AdminError,
  addTeam,
  addUser,
  assignYoungPerson,
  checkAuditChain,
  cliActor,
  disableUser,
  generatePassword,
  linkOidcIdentity,
  parseRole,
  reinstateUser,
  revokeDevice,
  setPassword,
} from './admin-ops.ts';
import { EXCHANGE_USAGE, runExchangeCommand } from './exchange/exchange-cli.ts';
import { promptHidden, readFirstLine } from './cli-password.ts';
import { DEFAULT_SETTLED_DAYS, migrateStoredRecordsEncoding } from './record-encoding-migration.ts';
import { DEFAULT_SQLITE_PATH, openStore } from './store/open-store.ts';
import type { Store } from './store/types.ts';

export const USAGE = `Usage: node server/admin-cli.ts <command> [arguments]

  users add <username> --name <display name> --role pa|team_manager|admin [--team <team>] [--password-stdin]
  users list
  users set-password <username> [--password-stdin]
  users disable <username>
  users link-oidc <username> --issuer <issuer URL> --subject <sub or oid>
  users reinstate <username>
  teams add <name>
  teams list
  assign <youngPersonId> <paUsername>
  devices list
  devices revoke <deviceId>
  audit tail [--limit <n>]
  audit verify
  records migrate-encoding [--settled-days <n>]
${EXCHANGE_USAGE}

Passwords: --password-stdin reads the first line of standard input; at a terminal you are asked (the
password is not shown); otherwise one is generated and printed once. --password <pw> is refused.

Store: WAYMARK_DATABASE_URL (PostgreSQL, optional WAYMARK_PG_SCHEMA) or WAYMARK_DB (SQLite, default ${DEFAULT_SQLITE_PATH}).`;

export class UsageError extends Error {}

export interface CliIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  /** Standard input's first line (for --password-stdin). */
  readonly readStdin?: () => Promise<string>;
  /** Asks at a terminal without echo; absent when standard input is not a terminal. */
  readonly promptPassword?: (prompt: string) => Promise<string>;
  /** The OS account running the CLI (recorded in audit rows); default: the current process's. */
  readonly osUser?: string;
}

export const PASSWORD_ARGUMENT_REFUSED =
  '--password is not accepted: a password on the command line can be read by other users of this ' +
  'computer (process list) and stays in shell history. Pipe it in with --password-stdin, or leave it ' +
  'out to be asked for it (or to have one generated).';

interface Parsed {
  readonly positional: string[];
  readonly flags: Map<string, string>;
}

function parseArgs(
  args: readonly string[],
  allowedFlags: readonly string[],
  switches: readonly string[] = [],
): Parsed {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg.startsWith('--')) {
      const name = arg.slice(2);
      if (switches.includes(name)) {
        flags.set(name, 'true');
        continue;
      }
      if (!allowedFlags.includes(name)) {
        throw new UsageError(
          `unknown option --${name}${allowedFlags.length ? ` (allowed: ${allowedFlags.map((f) => `--${f}`).join(', ')})` : ''}`,
        );
      }
      const value = args[i + 1];
      if (value === undefined || value.startsWith('--'))
        throw new UsageError(`option --${name} needs a value`);
      flags.set(name, value);
      i++;
    } else {
      positional.push(arg);
    }
  }
  return { positional, flags };
}

function expectPositional(parsed: Parsed, names: readonly string[], command: string): string[] {
  if (parsed.positional.length < names.length) {
    throw new UsageError(`${command}: missing <${names[parsed.positional.length]}>`);
  }
  if (parsed.positional.length > names.length) {
    throw new UsageError(
      `${command}: unexpected argument ${JSON.stringify(parsed.positional[names.length])}`,
    );
  }
  return parsed.positional;
}

function table(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length))) ?? [];
  return rows.map((r) =>
    r
      .map((cell, c) => cell.padEnd(widths[c] ?? 0))
      .join('  ')
      .trimEnd(),
  );
}

/**
 * The password for users add / set-password: from standard input, a no-echo prompt (typed twice), or
 * generated (then printed once).
 */
async function passwordFor(
  p: Parsed,
  io: CliIo,
  command: string,
): Promise<{ password: string; generated: boolean }> {
  if (p.flags.has('password-stdin')) {
    if (!io.readStdin) throw new UsageError(`${command}: --password-stdin needs standard input`);
    const password = await io.readStdin();
    if (!password) throw new UsageError(`${command}: --password-stdin read an empty line`);
    return { password, generated: false };
  }
  if (io.promptPassword) {
    const password = await io.promptPassword('New password: ');
    if (!password) return { password: generatePassword(), generated: true };
    if ((await io.promptPassword('Type it again: ')) !== password)
      throw new UsageError(`${command}: the two passwords were not the same; nothing was changed`);
    return { password, generated: false };
  }
  return { password: generatePassword(), generated: true };
}

/** Runs one command against a store. Throws UsageError / AdminError on bad input. */
export async function runCommand(store: Store, argv: readonly string[], io: CliIo): Promise<void> {
  if (argv.some((arg) => arg === '--password' || arg.startsWith('--password=')))
    throw new UsageError(PASSWORD_ARGUMENT_REFUSED);
  const [group, sub, ...rest] = argv;
  const actor = cliActor(io.osUser);
  // --- data exchange (server/exchange/exchange-cli.ts) ---
  if (group === 'import' || group === 'export') return runExchangeCommand(store, argv, io.out, actor);
  const key = group === 'assign' ? 'assign' : `${group ?? ''} ${sub ?? ''}`;
  const restAll = group === 'assign' ? argv.slice(1) : rest;
  switch (key) {
    case 'users add': {
      const p = parseArgs(restAll, ['name', 'role', 'team'], ['password-stdin']);
      const [username] = expectPositional(p, ['username'], 'users add');
      const name = p.flags.get('name');
      const roleText = p.flags.get('role');
      if (!name) throw new UsageError('users add: --name <display name> is required');
      if (!roleText) throw new UsageError('users add: --role pa|team_manager|admin is required');
      const role = parseRole(roleText);
      const { password, generated } = await passwordFor(p, io, 'users add');
      const user = await addUser(
        store,
        {
          username: username ?? '',
          displayName: name,
          role,
          teamName: p.flags.get('team') ?? null,
          password,
        },
        actor,
      );
      io.out(`created ${user.role} ${user.username} (${user.id})`);
      if (generated) io.out(`password: ${password}`);
      return;
    }
    case 'users list': {
      expectPositional(parseArgs(restAll, []), [], 'users list');
      const teams = new Map((await store.listTeams()).map((t) => [t.id, t.name]));
      const users = await store.listUsers();
      io.out(
        table([
          ['USERNAME', 'NAME', 'ROLE', 'TEAM', 'STATUS'],
          ...users.map((u) => [
            u.username,
            u.displayName,
            u.role,
            u.teamId ? (teams.get(u.teamId) ?? u.teamId) : '-',
            u.disabled ? 'disabled' : 'active',
          ]),
        ]).join('\n'),
      );
      return;
    }
    case 'users set-password': {
      const p = parseArgs(restAll, [], ['password-stdin']);
      const [username] = expectPositional(p, ['username'], 'users set-password');
      const { password, generated } = await passwordFor(p, io, 'users set-password');
      const user = await setPassword(store, username ?? '', password, actor);
      io.out(`password set for ${user.username}; every session they had is ended`);
      if (generated) io.out(`password: ${password}`);
      return;
    }
    case 'users link-oidc': {
      const p = parseArgs(restAll, ['issuer', 'subject']);
      const [username] = expectPositional(p, ['username'], 'users link-oidc');
      const issuer = p.flags.get('issuer');
      const subject = p.flags.get('subject');
      if (!issuer) throw new UsageError('users link-oidc: --issuer <issuer URL> is required');
      if (!subject) throw new UsageError('users link-oidc: --subject <sub or oid claim> is required');
      await linkOidcIdentity(store, username ?? '', issuer, subject, actor);
      io.out(`linked ${username} to ${subject} at ${issuer}`);
      return;
    }
    case 'users reinstate': {
      const [username] = expectPositional(parseArgs(restAll, []), ['username'], 'users reinstate');
      const user = await reinstateUser(store, username ?? '', actor);
      io.out(`${user.username} may sign in again`);
      return;
    }
    case 'users disable': {
      const [username] = expectPositional(parseArgs(restAll, []), ['username'], 'users disable');
      const user = await disableUser(store, username ?? '', actor);
      io.out(`disabled ${user.username}`);
      return;
    }
    case 'teams add': {
      const [name] = expectPositional(parseArgs(restAll, []), ['name'], 'teams add');
      const team = await addTeam(store, name ?? '', actor);
      io.out(`created team ${team.name} (${team.id})`);
      return;
    }
    case 'teams list': {
      expectPositional(parseArgs(restAll, []), [], 'teams list');
      io.out(table([['NAME', 'ID'], ...(await store.listTeams()).map((t) => [t.name, t.id])]).join('\n'));
      return;
    }
    case 'assign': {
      const [youngPersonId, paUsername] = expectPositional(
        parseArgs(restAll, []),
        ['youngPersonId', 'paUsername'],
        'assign',
      );
      const { previousPaUserId } = await assignYoungPerson(
        store,
        youngPersonId ?? '',
        paUsername ?? '',
        actor,
      );
      io.out(`assigned ${youngPersonId} to ${paUsername}${previousPaUserId ? ' (reassigned)' : ''}`);
      return;
    }
    case 'devices list': {
      expectPositional(parseArgs(restAll, []), [], 'devices list');
      const users = new Map((await store.listUsers()).map((u) => [u.id, u.username]));
      io.out(
        table([
          ['DEVICE', 'USER', 'LAST SEEN', 'STATUS'],
          ...(await store.listDevices()).map((d) => [
            d.id,
            users.get(d.userId) ?? d.userId,
            d.lastSeen,
            d.revokedAt ? `revoked ${d.revokedAt}` : 'active',
          ]),
        ]).join('\n'),
      );
      return;
    }
    case 'devices revoke': {
      const [deviceId] = expectPositional(parseArgs(restAll, []), ['deviceId'], 'devices revoke');
      const owner = await revokeDevice(store, deviceId ?? '', actor);
      io.out(`revoked ${deviceId}: it will be told to wipe its local data`);
      if (owner)
        io.out(
          `${owner.username} cannot sign in anywhere until given a new password: users set-password ${owner.username}` +
            (owner.passwordHash === null
              ? ` (or, for an identity-provider account: users reinstate ${owner.username})`
              : ''),
        );
      return;
    }
    case 'audit tail': {
      const p = parseArgs(restAll, ['limit']);
      expectPositional(p, [], 'audit tail');
      const limitText = p.flags.get('limit') ?? '50';
      const limit = Number(limitText);
      if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) {
        throw new UsageError(
          `audit tail: --limit must be an integer 1–10000 (got ${JSON.stringify(limitText)})`,
        );
      }
      const rows = (await store.queryAudit({ limit })).reverse();
      io.out(
        table([
          ['AT', 'EVENT', 'USER', 'DEVICE', 'DOCUMENT', 'IP', 'DETAIL'],
          ...rows.map((r) => [
            r.at,
            r.event,
            r.userId ?? '-',
            r.deviceId ?? '-',
            r.docName ?? '-',
            r.ip ?? '-',
            r.detail ?? '',
          ]),
        ]).join('\n'),
      );
      return;
    }
    case 'audit verify': {
      expectPositional(parseArgs(restAll, []), [], 'audit verify');
      const report = await checkAuditChain(store, actor);
      if (report.broken)
        throw new AdminError(
          `audit log chain broken at row ${report.broken.seq}: ${report.broken.problem} ` +
            `(checked ${report.rows} rows; the rows before it are intact)`,
        );
      io.out(`audit log intact: ${report.rows} rows, last hash ${report.lastHash}`);
      return;
    }
    case 'records migrate-encoding': {
      const p = parseArgs(restAll, ['settled-days']);
      expectPositional(p, [], 'records migrate-encoding');
      const text = p.flags.get('settled-days') ?? String(DEFAULT_SETTLED_DAYS);
      const settledDays = Number(text);
      if (!Number.isInteger(settledDays) || settledDays < 1 || settledDays > 3650)
        throw new UsageError(
          `records migrate-encoding: --settled-days must be a whole number of days 1–3650 (got ${JSON.stringify(text)})`,
        );
      const done = await migrateStoredRecordsEncoding(store, actor, { settledDays });
      io.out(
        `records: ${done.records} looked at, ${done.migrated} migrated (${done.writes} writes); ` +
          `${done.left} version 1 writes left for a later run; ${done.refused} not migratable, left unchanged`,
      );
      return;
    }
    default:
      if (!group) throw new UsageError('no command given');
      throw new UsageError(`unknown command ${JSON.stringify([group, sub].filter(Boolean).join(' '))}`);
  }
}

/** Opens the store from the environment, runs the command, returns the process exit code. */
export async function runAdminCli(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  io: CliIo,
): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === 'help') {
    io.out(USAGE);
    return argv.length === 0 ? 2 : 0;
  }
  let store: Store | null = null;
  try {
    store = await openStore({
      databaseUrl: env['WAYMARK_DATABASE_URL'],
      pgSchema: env['WAYMARK_PG_SCHEMA'],
      sqlitePath: env['WAYMARK_DB'] ?? DEFAULT_SQLITE_PATH,
    });
    await runCommand(store, argv, io);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`error: ${error.message}`);
      io.err(USAGE);
      return 2;
    }
    if (error instanceof AdminError) {
      io.err(`error: ${error.message}`);
      return 1;
    }
    io.err(`error: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await store?.close();
  }
}

if (import.meta.main) {
  runAdminCli(process.argv.slice(2), process.env, {
    out: (line) => console.log(line),
    err: (line) => console.error(line),
    readStdin: () => readFirstLine(process.stdin),
    ...(process.stdin.isTTY
      ? { promptPassword: (prompt: string) => promptHidden(prompt, process.stdin, process.stderr) }
      : {}),
  }).then((code) => {
    process.exitCode = code;
  });
}
