import { describe, expect, it } from 'vitest';
import { recontactPlan } from '../testing/builders.ts';
import { currentRecontactPlan } from './recontact.ts';

describe('currentRecontactPlan', () => {
  const older = recontactPlan('2025-01-01', '2025-04-01');
  const newer = recontactPlan('2025-02-01', '2025-03-01');
  it('is the latest plan assessed by today whose review is not past', () => {
    expect(currentRecontactPlan([older, newer], '2025-02-15')).toBe(newer);
    expect(currentRecontactPlan([older, newer], '2025-03-02')).toBe(older);
    expect(currentRecontactPlan([older, newer], '2025-04-02')).toBeNull();
    expect(currentRecontactPlan([older], '2024-12-31')).toBeNull();
  });
});
