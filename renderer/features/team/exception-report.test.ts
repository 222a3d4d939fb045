import { describe, expect, it } from 'vitest';
import { reasonsById } from './exception-report.ts';

describe('the exception report’s reasons on the page', () => {
  it('joins each young person’s reasons and shows dates as "5 Jul 2026", never ISO', () => {
    const reasons = reasonsById([
      { id: 'yp-1', message: 'Review was due on 2026-07-05' },
      { id: 'yp-2', message: 'Turns 18 on 2027-01-31' },
      { id: 'yp-1', message: 'Action due 2026-06-30 not done' },
    ]);
    expect(reasons.get('yp-1')).toBe('Review was due on 5 Jul 2026; Action due 30 Jun 2026 not done');
    expect(reasons.get('yp-2')).toBe('Turns 18 on 31 Jan 2027');
    expect([...reasons.values()].join(' ')).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });
});
