import { describe, expect, it } from 'vitest';
import { flag } from '../testing/builders.ts';
import { activeFlagKinds, hasDied, isFlagActive, returnedHomeForSixMonths } from './flags.ts';

describe('status flags', () => {
  it('apply from their start to their end, inclusive', () => {
    const refuses = flag('refuses-contact', '2025-01-10', { to: '2025-02-10' });
    expect(isFlagActive(refuses, '2025-01-09')).toBe(false);
    expect(isFlagActive(refuses, '2025-01-10')).toBe(true);
    expect(isFlagActive(refuses, '2025-02-10')).toBe(true);
    expect(isFlagActive(refuses, '2025-02-11')).toBe(false);
    expect([...activeFlagKinds([refuses], '2025-01-20')]).toEqual(['refuses-contact']);
  });
  it('never end for a death', () => {
    expect(hasDied([flag('died', '2025-01-10')], '2030-01-01')).toBe(true);
    expect(hasDied([flag('died', '2025-01-10')], '2025-01-09')).toBe(false);
  });
  it('count returned home (RHOM) only after six continuous months', () => {
    const home = flag('returned-home', '2024-08-31');
    expect(returnedHomeForSixMonths([home], '2025-02-27')).toBe(false);
    expect(returnedHomeForSixMonths([home], '2025-02-28')).toBe(true);
    expect(returnedHomeForSixMonths([{ ...home, to: '2025-01-31' }], '2025-03-01')).toBe(false);
  });
});
