/**
 * `npm run bench`: runs every bench/*.bench.ts in turn, each in its own Node process, collects the
 * markdown tables they print into bench/results.md (kept in the repository: the last published run) under a header naming the machine and
 * a "Targets" table gathering every row judged against a target (✓/✗) from all benches, and prints
 * them all at the end.
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
/** Every bench's tables, in order, for the targets summary. */
const tables: { bench: string; text: string }[] = [];

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
    tables.push({ bench, text });
    appendFileSync(
      resultsFile,
      `${text}${code === 0 ? '' : `**${bench} failed (exit code ${code}).**\n\n`}_${bench}: ${seconds} s_\n\n`,
    );
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
appendFileSync(resultsFile, `_all benchmarks: ${((Date.now() - started) / 1000).toFixed(0)} s_\n`);
// The targets at a glance, above the header's detail: every row of every bench judged against a target.
const detail = readFileSync(resultsFile, 'utf8');
writeFileSync(resultsFile, `${header}${targetsSummary(tables, failures)}\n${detail.slice(header.length)}`);
console.log(`\n\n${readFileSync(resultsFile, 'utf8')}`);
console.log(`Written to ${path.relative(root, resultsFile)}.`);
if (failures.length > 0) {
  console.error(`Failed: ${failures.join(', ')}`);
  process.exitCode = 1;
}

/**
 * A "Targets" table of every target row the benches printed (printFigures in support.ts: a row whose
 * last column ends in ✓ or ✗), with the table it came from, plus a line per bench that failed.
 */
function targetsSummary(
  results: readonly { bench: string; text: string }[],
  failed: readonly string[],
): string {
  const rows: string[] = [];
  for (const { bench, text } of results) {
    let table = bench;
    for (const line of text.split('\n')) {
      if (line.startsWith('### ')) table = line.slice(4).trim();
      const cells = line.split('|').map((cell) => cell.trim());
      // '| figure | value | target | ratio |' splits into ['', figure, value, target, ratio, '']
      const ratio = cells.at(-2) ?? '';
      if (cells.length < 6 || !/[✓✗]$/.test(ratio)) continue;
      rows.push(`| ${cells[1]} | ${cells[2]} | ${cells[3]} | ${ratio} | ${table} |`);
    }
  }
  return [
    '## Targets',
    '',
    '| target | value | limit | ratio (value / limit) | from |',
    '| --- | ---: | ---: | ---: | --- |',
    ...rows,
    ...failed.map((bench) => `| ${bench} failed: no figures | | | ✗ | ${bench} |`),
    '',
  ].join('\n');
}
