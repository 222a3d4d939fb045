/**
 * Reduces a V8 CPU profile (the DevTools protocol's `Profiler.stop` answer, or a `.cpuprofile` file) to
 * the functions with the most self time, with their share of the sampled time, for the Markdown
 * summaries in bench/profiles/. Record contents never appear: only function names and script files.
 * `node scripts/cpu-profile.ts <file.cpuprofile> [count]` prints the table (e.g. for a server process
 * profiled with `WAYMARK_SERVER_CPU_PROF`).
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** The parts of a DevTools protocol Profile this reads. */
export interface CpuProfile {
  readonly nodes: readonly {
    readonly id: number;
    readonly callFrame: {
      readonly functionName: string;
      readonly url: string;
      readonly lineNumber: number;
      readonly columnNumber: number;
    };
  }[];
  readonly samples?: readonly number[];
  readonly timeDeltas?: readonly number[];
}

export interface SelfTime {
  /** `function (file:line:column)`, or V8's own names such as `(idle)`, `(program)`, `(garbage collector)`. */
  readonly name: string;
  readonly ms: number;
  /** Share of all sampled time, idle included (0–1). */
  readonly share: number;
}

/** Self time per function, most first; `busy` is the sampled time minus `(idle)`. */
export function selfTimes(profile: CpuProfile): { top: SelfTime[]; totalMs: number; busyMs: number } {
  const nameOf = new Map<number, string>();
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber, columnNumber } = node.callFrame;
    const file = url ? url.slice(url.lastIndexOf('/') + 1) : '';
    nameOf.set(
      node.id,
      file
        ? `${functionName || '(anonymous)'} (${file}:${lineNumber + 1}:${columnNumber + 1})`
        : functionName,
    );
  }
  const ms = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let totalMs = 0;
  samples.forEach((id, i) => {
    const delta = (deltas[i + 1] ?? 0) / 1000;
    const name = nameOf.get(id) ?? '(unknown)';
    ms.set(name, (ms.get(name) ?? 0) + delta);
    totalMs += delta;
  });
  const busyMs = totalMs - (ms.get('(idle)') ?? 0);
  const top = [...ms.entries()]
    .map(([name, time]) => ({ name, ms: time, share: totalMs > 0 ? time / totalMs : 0 }))
    .sort((a, b) => b.ms - a.ms);
  return { top, totalMs, busyMs };
}

/** A Markdown table of the `count` functions with the most self time. */
export function selfTimeTable(profile: CpuProfile, count = 15): string {
  const { top, totalMs, busyMs } = selfTimes(profile);
  const lines = [
    `sampled ${(totalMs / 1000).toFixed(2)} s, busy (not idle) ${(busyMs / 1000).toFixed(2)} s (${((100 * busyMs) / Math.max(totalMs, 1)).toFixed(0)}%)`,
    '',
    '| self time | share | function |',
    '| --- | --- | --- |',
    ...top
      .slice(0, count)
      .map(
        (t) =>
          `| ${t.ms.toFixed(0)} ms | ${(100 * t.share).toFixed(1)}% | ${t.name.replaceAll('|', '\\|')} |`,
      ),
  ];
  return lines.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [file, count] = process.argv.slice(2);
  if (!file) {
    console.error('Usage: node scripts/cpu-profile.ts <file.cpuprofile> [count]');
    process.exit(2);
  }
  console.log(selfTimeTable(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, Number(count ?? 25)));
}
