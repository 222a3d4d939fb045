/**
 * CPU time used by processes over a bench phase (Linux /proc), so a latency figure measured on a small
 * shared machine can be judged by who had the cores: `const cpu = cpuMeter({ server: [pid], … })`, then
 * `cpu.stop()` gives each group's CPU seconds and its share of one core over the phase. A group can also
 * name processes by command (`{ command: 'postgres' }`: every such process, e.g. a whole PostgreSQL
 * cluster). Elsewhere than Linux the figures are 0.
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

type Members = readonly number[] | { readonly command: string };

/** utime + stime of one process, clock ticks (0 if it is gone). */
function ticksOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command (which may hold spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

function pidsOf(members: Members): number[] {
  if (Array.isArray(members)) return [...(members as readonly number[])];
  const { command } = members as { command: string };
  const pids: number[] = [];
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return pids;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === command) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

export interface CpuUse {
  readonly seconds: number;
  /** CPU seconds per wall-clock second: 1 = one core busy all the time. */
  readonly cores: number;
}

export function cpuMeter<K extends string>(groups: Record<K, Members>): { stop(): Record<K, CpuUse> } {
  const started = performance.now();
  const before = new Map<number, number>();
  for (const members of Object.values<Members>(groups))
    for (const pid of pidsOf(members)) before.set(pid, ticksOf(pid));
  return {
    stop() {
      const wall = (performance.now() - started) / 1000;
      const result = {} as Record<K, CpuUse>;
      for (const key of Object.keys(groups) as K[]) {
        let ticks = 0;
        // A process that started during the phase counts from 0.
        for (const pid of pidsOf(groups[key])) ticks += ticksOf(pid) - (before.get(pid) ?? 0);
        const seconds = ticks / TICKS_PER_SECOND;
        result[key] = { seconds, cores: wall > 0 ? seconds / wall : Number.NaN };
      }
      return result;
    },
  };
}
