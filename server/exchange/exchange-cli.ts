/**
 * The operator's import and export on the server host (`npm run admin -- import …` / `export …`),
 * dispatched from admin-cli.ts. Same services as the team manager's HTTP API, audited the same way,
 * with no user account (the audit row says admin-cli).
 *
 *   import --header <file> --episodes <file> [--oc3 <file>] --people <file> --year <yyyy>
 *          [--mapping "child=CHILD;givenName=Forename;…"] [--team <team name>] [--confirm] [--skip-refused]
 *   export --team <team name> [--young-person <id>] [--from <yyyy-mm-dd>] [--to <yyyy-mm-dd>] [--since-last]
 *          --out <folder>
 *
 * Without --confirm, import only previews. A running server sends the records to laptops when they next
 * open them (the HTTP API also pushes to records open at that moment).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatIsoDate } from '../../shared/domain/dates.ts';
import { readCsvTable } from '../../shared/exchange/csv-table.ts';
import { guessPeopleMapping, peopleMappingSchema, PEOPLE_FIELDS } from '../../shared/exchange/people-file.ts';
import type { ImportPlan } from '../../shared/exchange/plan-import.ts';
import { WORK_EXPORT_FILES } from '../../shared/exchange/work-export.ts';
import { AdminError, cliActor, type Actor } from '../admin-ops.ts';
import type { Store } from '../store/types.ts';
import { exportTeamWork } from './export-service.ts';
import { confirmImport, ImportHasRefusalsError, previewImport } from './import-service.ts';

export const EXCHANGE_USAGE = `  import --header <file> --episodes <file> [--oc3 <file>] --people <file> --year <yyyy>
         [--mapping "child=<column>;givenName=<column>;…"] [--team <team>] [--confirm] [--skip-refused]
  export --team <team> [--young-person <id>] [--from <yyyy-mm-dd>] [--to <yyyy-mm-dd>] [--since-last] --out <folder>`;

const SWITCHES = new Set(['confirm', 'skip-refused', 'since-last']);

function parseOptions(args: readonly string[], allowed: readonly string[]): Map<string, string> {
  const options = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const name = arg.startsWith('--') ? arg.slice(2) : null;
    if (name === null || !allowed.includes(name))
      throw new AdminError(
        `unexpected argument ${JSON.stringify(arg)} (allowed: ${allowed.map((a) => `--${a}`).join(', ')})`,
      );
    if (SWITCHES.has(name)) {
      options.set(name, 'true');
      continue;
    }
    const value = args[i + 1];
    if (value === undefined || value.startsWith('--')) throw new AdminError(`option --${name} needs a value`);
    options.set(name, value);
    i++;
  }
  return options;
}

function required(options: Map<string, string>, name: string): string {
  const value = options.get(name);
  if (value === undefined) throw new AdminError(`--${name} is required`);
  return value;
}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new AdminError(
      `${what}: cannot read ${path} (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}

function todayUtc(): string {
  const now = new Date();
  return formatIsoDate(now.getUTCFullYear(), now.getUTCMonth() + 1, now.getUTCDate());
}

function mappingFrom(option: string | undefined, peopleText: string) {
  const guessed: Record<string, string | null> = guessPeopleMapping(
    readCsvTable('People', peopleText).header,
  );
  for (const pair of (option ?? '').split(';').filter((p) => p.trim() !== '')) {
    const at = pair.indexOf('=');
    const field = pair.slice(0, at).trim();
    if (at < 0 || !(PEOPLE_FIELDS as readonly string[]).includes(field))
      throw new AdminError(
        `--mapping: ${JSON.stringify(pair)} is not <field>=<column> with a field of ${PEOPLE_FIELDS.join(', ')}`,
      );
    guessed[field] = pair.slice(at + 1).trim();
  }
  const result = peopleMappingSchema.safeParse(guessed);
  if (!result.success)
    throw new AdminError(
      `--mapping: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return result.data;
}

function printPlan(plan: ImportPlan, out: (line: string) => void): void {
  const c = plan.counts;
  out(
    `created ${c.created}, updated ${c.updated}, unchanged ${c.unchanged}, refused ${c.refused} young people and ${c.rowsRefused} other rows, out of scope ${c.outOfScope}`,
  );
  for (const r of plan.refusals) out(`refused: ${r.file}, line ${r.line}, column ${r.column}: ${r.reason}`);
  for (const d of plan.differences)
    out(`to settle: ${d.child} ${d.label}: system of record ${d.systemOfRecord}, Waymark ${d.waymark}`);
}

async function runImport(
  store: Store,
  args: readonly string[],
  out: (line: string) => void,
  today: string,
  actor: Actor,
): Promise<void> {
  const options = parseOptions(args, [
    'header',
    'episodes',
    'oc3',
    'people',
    'year',
    'mapping',
    'team',
    'confirm',
    'skip-refused',
  ]);
  const year = Number(required(options, 'year'));
  if (!Number.isInteger(year) || year < 2000 || year > 2100)
    throw new AdminError(
      `--year must be the year the collection year ends in, e.g. 2025 (got ${JSON.stringify(options.get('year'))})`,
    );
  const people = readText(required(options, 'people'), '--people');
  const teamName = options.get('team');
  const team = teamName === undefined ? null : await store.getTeamByName(teamName);
  if (teamName !== undefined && team === null)
    throw new AdminError(`--team: no team named ${JSON.stringify(teamName)}`);
  const oc3Path = options.get('oc3');
  const request = {
    files: {
      header: readText(required(options, 'header'), '--header'),
      episodes: readText(required(options, 'episodes'), '--episodes'),
      oc3: oc3Path === undefined ? undefined : readText(oc3Path, '--oc3'),
      people,
      peopleMapping: mappingFrom(options.get('mapping'), people),
    },
    yearEnding: year,
    today,
    scopeTeamId: team?.id ?? null,
  };
  if (options.get('confirm') !== 'true') {
    printPlan(await previewImport(store, request), out);
    out('preview only: nothing was written (add --confirm to import)');
    return;
  }
  try {
    const result = await confirmImport(store, request, actor, {
      skipRefused: options.get('skip-refused') === 'true',
    });
    const c = result.counts;
    out(
      `imported: created ${c.created}, updated ${c.updated}, unchanged ${c.unchanged}, refused ${c.refused}, out of scope ${c.outOfScope}`,
    );
    for (const f of result.failed) out(`not written: ${f.child}: ${f.reason}`);
  } catch (error) {
    if (!(error instanceof ImportHasRefusalsError)) throw error;
    printPlan(error.plan, out);
    throw new AdminError(`${error.message} (--skip-refused); nothing was written`);
  }
}

async function runExport(
  store: Store,
  args: readonly string[],
  out: (line: string) => void,
  today: string,
  actor: Actor,
): Promise<void> {
  const options = parseOptions(args, ['team', 'young-person', 'from', 'to', 'since-last', 'out']);
  const teamName = required(options, 'team');
  const team = await store.getTeamByName(teamName);
  if (team === null) throw new AdminError(`--team: no team named ${JSON.stringify(teamName)}`);
  const folder = required(options, 'out');
  const result = await exportTeamWork(
    store,
    {
      teamId: team.id,
      youngPersonId: options.get('young-person'),
      from: options.get('from'),
      to: options.get('to'),
      sinceLastExport: options.get('since-last') === 'true',
      today,
    },
    actor,
  );
  mkdirSync(folder, { recursive: true });
  for (const file of WORK_EXPORT_FILES) writeFileSync(join(folder, `${file}.csv`), result.files[file]);
  const c = result.counts;
  out(
    `exported ${result.range.from} to ${result.range.to}: ${c.contacts} contacts, ${c.reviews} reviews, ${c.actions} actions, ${c.oversight} oversight notes for ${c.youngPeople} young people into ${folder}`,
  );
}

/** Runs `import …` or `export …` as `actor` (audited with its OS account); `today` is injectable for tests. */
export async function runExchangeCommand(
  store: Store,
  argv: readonly string[],
  out: (line: string) => void,
  actor: Actor = cliActor(),
  today: string = todayUtc(),
): Promise<void> {
  const [command, ...args] = argv;
  if (command === 'import') return runImport(store, args, out, today, actor);
  if (command === 'export') return runExport(store, args, out, today, actor);
  throw new AdminError(`unknown command ${JSON.stringify(command)}`);
}
