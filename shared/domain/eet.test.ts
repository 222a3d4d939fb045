import { describe, expect, it } from 'vitest';
import { eet } from '../testing/builders.ts';
import { eetOn, eetStatus } from './eet.ts';

describe('EET status', () => {
  const college = eet('2024-09-01', { activ: 'F2', endDate: '2025-06-30' });
  const neet = eet('2025-07-01', { activ: 'G5' });
  it('is EET for F and P codes, NEET for G codes', () => {
    expect(eetStatus([college, neet], '2025-06-30')).toEqual({ state: 'eet', code: 'F2' });
    expect(eetStatus([college, neet], '2025-07-01')).toEqual({ state: 'neet', code: 'G5' });
    expect(eetStatus([eet('2025-01-01', { activ: 'P5' })], '2025-02-01').state).toBe('eet');
  });
  it('is unknown when no period covers the date', () => {
    expect(eetStatus([college], '2024-08-31')).toEqual({ state: 'unknown', code: null });
    expect(eetOn([], '2024-08-31')).toBeNull();
  });
  it('prefers the later start when periods overlap', () => {
    const job = eet('2025-03-01', { activ: 'P5' });
    expect(eetOn([college, job], '2025-04-01')).toBe(job);
    expect(eetOn([job, college], '2025-04-01')).toBe(job);
  });
});
