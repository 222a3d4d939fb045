/**
 * The one test command (`npm test`, also run by .ci/run): every check, in order, on a fresh clone.
 * Installs what the checks need from Debian when missing (Chromium, PostgreSQL), then runs format,
 * lint, typecheck, build, unit tests with coverage and the browser tests, and ends with one line
 * "N passed, N failed" counting every test case that ran.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { capture, run } from './run-steps.ts';

const root = path.resolve(import.meta.dirname, '..');
process.chdir(root);
const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);
const resultsDir = path.join(root, '.tsbuild', 'test-results');
mkdirSync(resultsDir, { recursive: true });

const env: NodeJS.ProcessEnv = { ...process.env };
const failures: string[] = [];
let passed = 0;
let failed = 0;

async function step(name: string, command: string, args: readonly string[]): Promise<boolean> {
  console.log(`\n== ${name} ==`);
  const code = await run(command, args, env);
  if (code !== 0) failures.push(`${name} (exit ${code})`);
  return code === 0;
}

interface VitestJson {
  numPassedTests: number;
  numFailedTests: number;
  numTotalTests: number;
  /** Files that failed before or around their tests (e.g. in beforeAll): their tests count as skipped. */
  numFailedTestSuites: number;
}

async function vitestStep(name: string, args: readonly string[], resultFile: string) {
  const file = path.join(resultsDir, resultFile);
  await step(name, bin('vitest'), [
    'run',
    ...args,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${file}`,
  ]);
  if (existsSync(file)) {
    const result = JSON.parse(readFileSync(file, 'utf8')) as VitestJson;
    passed += result.numPassedTests;
    // A file that failed outside its tests (e.g. in beforeAll) reports its tests as skipped: count it once.
    const failedOutsideTests = result.numFailedTests === 0 && result.numFailedTestSuites > 0 ? 1 : 0;
    failed += result.numFailedTests + failedOutsideTests + (result.numTotalTests === 0 ? 1 : 0);
  } else {
    failed += 1;
  }
}

await step('Chromium for browser tests', 'bash', ['scripts/ensure-chromium.sh']);
if (existsSync('scripts/ensure-postgres.sh')) {
  console.log('\n== PostgreSQL for server tests ==');
  try {
    const out = await capture('bash', ['scripts/ensure-postgres.sh'], env);
    const line = out.trim().split('\n').pop() ?? '';
    const match = /^WAYMARK_TEST_DATABASE_URL=(.+)$/.exec(line);
    if (!match?.[1]) throw new Error('ensure-postgres.sh did not print WAYMARK_TEST_DATABASE_URL');
    env.WAYMARK_TEST_DATABASE_URL = match[1];
  } catch (error) {
    failures.push(`PostgreSQL (${(error as Error).message})`);
  }
}
await step('Format (prettier --check)', bin('prettier'), ['--check', '--log-level', 'warn', '.']);
await step('Lint (eslint)', bin('eslint'), ['--max-warnings', '0', '.']);
await step('Typecheck (tsc -b)', bin('tsc'), ['-b']);
await step('Build', process.execPath, ['scripts/build.ts', '--with-test-build']);
await vitestStep('Unit tests (vitest, coverage of shared/)', ['--coverage'], 'unit.json');
await vitestStep('Browser tests (Chromium)', ['--config', 'vitest.browser.config.ts'], 'browser.json');

console.log('');
if (failures.length > 0) console.log(`Failed steps: ${failures.join('; ')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failures.length > 0 || failed > 0 ? 1 : 0);
