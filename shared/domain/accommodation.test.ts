import { describe, expect, it } from 'vitest';
import { accommodation } from '../testing/builders.ts';
import {
  accommodationConcerns,
  accommodationOn,
  accommodationValue,
  isRiskAssessmentCurrent,
  needsSeniorApproval,
} from './accommodation.ts';

describe('accommodationOn', () => {
  const first = accommodation('2024-01-01', { endDate: '2024-06-30' });
  const second = accommodation('2024-07-01', { code: 'D' });
  const overlapping = accommodation('2024-08-01', { code: 'E', endDate: '2024-08-31' });
  it('finds the period covering a date, including its first and last days', () => {
    expect(accommodationOn([first, second], '2024-06-30')).toBe(first);
    expect(accommodationOn([first, second], '2024-07-01')).toBe(second);
    expect(accommodationOn([first, second], '2023-12-31')).toBeNull();
  });
  it('prefers the later start when periods overlap', () => {
    expect(accommodationOn([first, second, overlapping], '2024-08-15')).toBe(overlapping);
    expect(accommodationOn([overlapping, second], '2024-09-01')).toBe(second);
  });
});

describe('suitability rules', () => {
  const bb = accommodation('2025-05-01', { code: 'W', suitable: false, suitabilityReason: 'Emergency' });
  it('needs senior approval for B&B and emergency accommodation', () => {
    expect(needsSeniorApproval(bb)).toBe(true);
    expect(needsSeniorApproval(accommodation('2025-05-01'))).toBe(false);
    expect(accommodationConcerns(bb, '2025-05-02').map((c) => c.message)).toEqual([
      'W (bed and breakfast) since 2025-05-01 without senior approval',
      'unsuitable W (bed and breakfast) with no risk assessment',
    ]);
  });
  it('treats a risk assessment as current from the day it is done to its review date', () => {
    const assessed = { ...bb, riskAssessedOn: '2025-05-02', riskReviewDue: '2025-06-01' };
    expect(isRiskAssessmentCurrent(assessed, '2025-05-01')).toBe(false);
    expect(isRiskAssessmentCurrent(assessed, '2025-06-01')).toBe(true);
    expect(isRiskAssessmentCurrent(assessed, '2025-06-02')).toBe(false);
    expect(isRiskAssessmentCurrent({ ...assessed, riskReviewDue: null }, '2025-05-10')).toBe(false);
  });
  it('raises unsuitable accommodation without a current risk assessment as an exception', () => {
    const approved = { ...bb, seniorApprovalBy: 'Head of service', seniorApprovalOn: '2025-05-01' };
    const current = { ...approved, riskAssessedOn: '2025-05-02', riskReviewDue: '2025-06-01' };
    expect(accommodationConcerns(current, '2025-05-20').map((c) => c.kind)).toEqual(['bb-or-emergency']);
    expect(accommodationConcerns(current, '2025-05-20')[0]?.message).toMatch(/approved 2025-05-01/);
    expect(accommodationConcerns(current, '2025-06-02').map((c) => c.message)).toContain(
      'unsuitable W (bed and breakfast): risk assessment review was due 2025-06-01',
    );
    expect(accommodationConcerns(accommodation('2025-01-01'), '2025-05-20')).toEqual([]);
  });
  it('gives the SSDA903 value', () => {
    expect(accommodationValue(bb)).toBe('W2');
    expect(accommodationValue(accommodation('2025-01-01', { code: 'Z' }))).toBe('Z1');
  });
});
