/**
 * `npm run bench`: runs every bench/*.bench.ts in turn, each in its own Node process, collects the
 * markdown tables they print into bench/results.md (git-ignored) under a header naming the machine,
 * and prints them all at the end.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { root } from './support.ts';

const benchDir = path.join(root, 'bench');
const resultsFile = path.join(benchDir, 'results.md');
const only = process.argv.slice(2);
const benches = readdirSync(benchDir)
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => only.length === 0 || only.some((name) => file.includes(name)))
  .sort();

const cpus = os.cpus();
const header = [
  '# Waymark benchmarks',
  '',
  `- date: ${new Date().toISOString()}`,
  `- machine: ${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown CPU'}), ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB RAM, ${os.platform()} ${os.release()}`,
  `- Node ${process.version}; load average at start ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ')}`,
  '',
  '',
].join('\n');
writeFileSync(resultsFile, header);

const scratch = mkdtempSync(path.join(os.tmpdir(), 'waymark-bench-'));
const failures: string[] = [];
const started = Date.now();
try {
  for (const bench of benches) {
    const out = path.join(scratch, `${bench}.md`);
    writeFileSync(out, '');
    console.log(`\n=== ${bench} ===`);
    const t0 = Date.now();
    const code = await new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, [path.join(benchDir, bench)], {
        cwd: root,
        stdio: 'inherit',
        env: { ...process.env, WAYMARK_BENCH_RESULTS: out },
      });
      child.once('exit', (exitCode) => resolve(exitCode));
    });
    const seconds = ((Date.now() - t0) / 1000).toFixed(0);
    const text = readFileSync(out, 'utf8');
    if (code !== 0) failures.push(bench);
    appendFileSync(
      resultsFile,
      `${text}${code === 0 ? '' : `**${bench} failed (exit code ${code}).**\n\n`}_${bench}: ${seconds} s_\n\n`,
    );
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
appendFileSync(resultsFile, `_all benchmarks: ${((Date.now() - started) / 1000).toFixed(0)} s_\n`);
console.log(`\n\n${readFileSync(resultsFile, 'utf8')}`);
console.log(`Written to ${path.relative(root, resultsFile)}.`);
if (failures.length > 0) {
  console.error(`Failed: ${failures.join(', ')}`);
  process.exitCode = 1;
}
