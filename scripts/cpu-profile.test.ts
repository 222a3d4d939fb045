/**
 * scripts/cpu-profile.ts: the reduction of a V8 CPU profile to self time per function behind the
 * summaries in bench/profiles/.
 */
import { describe, expect, it } from 'vitest';
import { selfTimeTable, selfTimes, type CpuProfile } from './cpu-profile.ts';

const frame = (functionName: string, url = '', lineNumber = 0, columnNumber = 0) => ({
  functionName,
  url,
  lineNumber,
  columnNumber,
});

/** Samples: `(idle)` 4 ms, `put` 3 ms (two nodes of the same function), an anonymous function 1 ms. */
const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame('(idle)') },
    { id: 2, callFrame: frame('put', 'http://127.0.0.1/assets/store.js', 2, 10) },
    { id: 3, callFrame: frame('put', 'http://127.0.0.1/assets/store.js', 2, 10) },
    { id: 4, callFrame: frame('', 'http://127.0.0.1/assets/app.js', 0, 4) },
  ],
  samples: [1, 2, 1, 3, 4, 2, 1, 1],
  // The first delta is the time before the first sample; each sample lasts until the next.
  timeDeltas: [500, 1000, 1000, 1000, 1000, 1000, 1000, 1000],
};

describe('selfTimes', () => {
  it('sums each function’s samples (by name and place), most first, with shares of all sampled time', () => {
    const { top, totalMs, busyMs } = selfTimes(profile);
    // Eight samples, each lasting until the next: the last has no end and counts nothing.
    expect(totalMs).toBe(7);
    expect(top.map((t) => [t.name, t.ms])).toEqual([
      ['(idle)', 3],
      ['put (store.js:3:11)', 3],
      ['(anonymous) (app.js:1:5)', 1],
    ]);
    expect(busyMs).toBe(4);
    expect(top[1]?.share).toBeCloseTo(3 / 7);
  });

  it('counts nothing for a profile without samples', () => {
    expect(selfTimes({ nodes: profile.nodes })).toEqual({ top: [], totalMs: 0, busyMs: 0 });
  });
});

describe('selfTimeTable', () => {
  it('writes the busy share and one Markdown row per function, at most `count`', () => {
    const table = selfTimeTable(profile, 2).split('\n');
    expect(table[0]).toBe('sampled 0.01 s, busy (not idle) 0.00 s (57%)');
    expect(table.slice(2)).toEqual([
      '| self time | share | function |',
      '| --- | --- | --- |',
      '| 3 ms | 42.9% | (idle) |',
      '| 3 ms | 42.9% | put (store.js:3:11) |',
    ]);
  });
});
