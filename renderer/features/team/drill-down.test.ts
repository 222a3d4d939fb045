import { describe, expect, it } from 'vitest';
import { eet, profile, record } from '../../../shared/testing/builders.ts';
import { projectRecord } from '../../../shared/ydoc/projection.ts';
import { measureDetail } from './drill-down.ts';

describe('the young people behind a measure', () => {
  const today = '2026-11-22';
  const working = projectRecord(
    record({ profile: profile({ id: 'yp-w' }), eet: [eet('2026-01-01', { activ: 'F4' })] }),
    today,
  );
  const none = projectRecord(record({ profile: profile({ id: 'yp-n' }) }), today);

  it('shows each young person’s activity on the education, employment or training lists', () => {
    for (const key of ['eet17to18', 'eet19to21'] as const) {
      const detail = measureDetail(key);
      expect(detail?.heading).toBe('Activity');
      expect(detail?.cell(working)).toBe('Apprenticeship, full time');
      expect(detail?.cell(none)).toBe('Not recorded');
    }
  });

  it('adds no column where the list needs none', () => {
    expect(measureDetail('inTouch')).toBeUndefined();
  });
});
