/**
 * `npm run stress`: runs the crash-restart reliability test (the server SIGKILLed at random points
 * while a client writes) many times in a row, each run in a fresh vitest process, and reports how many
 * passed. Not part of `npm test` or CI: it takes a while. A flaky test shows up here, not once a week.
 *
 *   npm run stress                    # 30 runs of test/unit/reliability/crash-restart.test.ts
 *   npm run stress -- --runs 5 test/unit/reliability/reconnect-race.test.ts
 *
 * Prints one line per run and ends with "N of M passed"; exits 1 if any run failed (the output of each
 * failed run is printed).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
process.chdir(root);

function parseArgs(argv: readonly string[]): { runs: number; file: string } {
  let runs = 30;
  let file = 'test/unit/reliability/crash-restart.test.ts';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--runs') {
      const value = Number(argv[++i]);
      if (!Number.isInteger(value) || value < 1)
        throw new Error('--runs must be a whole number of 1 or more');
      runs = value;
    } else if (arg !== undefined) {
      file = arg;
    }
  }
  return { runs, file };
}

function runOnce(file: string): Promise<{ ok: boolean; output: string; seconds: number }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(root, 'node_modules', '.bin', 'vitest'), ['run', file], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, FORCE_COLOR: '0' },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ ok: code === 0, output, seconds: (Date.now() - started) / 1000 }));
  });
}

const { runs, file } = parseArgs(process.argv.slice(2));
console.log(`Running ${file} ${runs} times in a row`);
let passed = 0;
for (let run = 1; run <= runs; run++) {
  const result = await runOnce(file);
  if (result.ok) passed += 1;
  console.log(`run ${run}: ${result.ok ? 'passed' : 'FAILED'} (${result.seconds.toFixed(1)} s)`);
  if (!result.ok) console.log(result.output);
}
console.log(`${passed} of ${runs} passed`);
process.exitCode = passed === runs ? 0 : 1;
