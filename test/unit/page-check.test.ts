import { describe, expect, it } from 'vitest';
import { internalTextIn } from '../e2e/support/page-check.ts';

describe('internalTextIn', () => {
  it.each([
    ['Personal Adviser: A colleague (user 172cf830)', 'short hex id: 172cf830'],
    ['By tm-c52069ac-4f1e', 'prefixed id: tm-c52069ac-4f1e'],
    ['Allocated to pa-e2e-3', 'prefixed id: pa-e2e-3'],
    ['accommodation.aaeed79d-1.riskReviewDue', 'record path: accommodation.aaeed79d-1'],
    ['Missing: profile.preferredName', 'camelCase key: preferredName'],
    ['councilProvided', 'camelCase key: councilProvided'],
    ['record 3f2b1c4d-1a2b-4c3d-8e9f-0a1b2c3d4e5f', 'uuid: 3f2b1c4d-1a2b-4c3d-8e9f-0a1b2c3d4e5f'],
    ['Someone local-user wrote', 'prefixed id: local-user'],
  ])('finds an id or key in %j', (text, finding) => {
    expect(internalTextIn(text)).toContain(finding);
  });

  it('passes plain language, dates and names', () => {
    expect(
      internalTextIn(
        'Personal adviser: Priya Shah. Risk review due 5 Jul 2026. A former colleague recorded 3 fields, e.g. the plan. ' +
          'Setting Up Home Allowance £3,000. Not in education, employment or training. Council tax exemption.',
      ),
    ).toEqual([]);
  });
});
