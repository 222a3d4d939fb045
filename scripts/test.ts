/**
 * The one test command (`npm test`, also run by .ci/run): every check, in order, on a fresh clone.
 * Installs what the checks need from Debian when missing (Chromium, PostgreSQL, Redis), then runs format,
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

/**
 * Runs an ensure-*.sh script that starts a throwaway service for the tests and prints `NAME=value` on
 * its last line; the value goes to the tests' environment.
 */
async function ensureService(title: string, script: string, variable: string): Promise<void> {
  if (!existsSync(script)) return;
  console.log(`\n== ${title} ==`);
  try {
    const out = await capture('bash', [script], env);
    const line = out.trim().split('\n').pop() ?? '';
    const prefix = `${variable}=`;
    if (!line.startsWith(prefix) || line.length === prefix.length)
      throw new Error(`${path.basename(script)} did not print ${variable}`);
    env[variable] = line.slice(prefix.length);
  } catch (error) {
    failures.push(`${title} (${(error as Error).message})`);
  }
}

await step('Chromium for browser tests', 'bash', ['scripts/ensure-chromium.sh']);
await ensureService('PostgreSQL for server tests', 'scripts/ensure-postgres.sh', 'WAYMARK_TEST_DATABASE_URL');
await ensureService('Redis for multi-instance tests', 'scripts/ensure-redis.sh', 'WAYMARK_TEST_REDIS_URL');
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
