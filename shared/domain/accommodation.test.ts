import { describe, expect, it } from 'vitest';
import { accommodation } from '../testing/builders.ts';
import {
  accommodationConcerns,
  accommodationOn,
  accommodationValue,
  isRiskAssessmentCurrent,
  isStayingPut,
  needsSeniorApproval,
  stayingPutOn,
  missingMovePaperwork,
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
      'moved to W (bed and breakfast) on 2025-05-01: still to record the risk assessment date, the risk assessment review date and the senior manager’s approval',
    ]);
  });
  it('lets a move be recorded at once and lists the paperwork still to record', () => {
    expect(missingMovePaperwork(bb)).toEqual([
      'the risk assessment date',
      'the risk assessment review date',
      'the senior manager’s approval',
    ]);
    const assessed = { ...bb, riskAssessedOn: '2025-05-01', riskReviewDue: '2025-06-01' };
    expect(
      missingMovePaperwork({ ...assessed, seniorApprovalBy: 'Head of service', seniorApprovalOn: null }),
    ).toEqual(['the senior manager’s approval']);
    const complete = { ...assessed, seniorApprovalBy: 'Head of service', seniorApprovalOn: '2025-05-02' };
    expect(missingMovePaperwork(complete)).toEqual([]);
    expect(accommodationConcerns(complete, '2025-05-20').map((c) => c.kind)).toEqual(['bb-or-emergency']);
    expect(missingMovePaperwork(accommodation('2025-05-01'))).toEqual([]);
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

describe('Staying Put (Children Act 1989 s23CZA)', () => {
  const dob = '2006-05-10'; // 18 on 10 May 2024, 21 on 10 May 2027
  const z = accommodation('2024-05-10', {
    code: 'Z',
    carer: 'Synthetic carer',
    formerFosterCarer: true,
  });
  it('is an arrangement with the former foster carer, with the duty to the 21st birthday', () => {
    expect(isStayingPut(z)).toBe(true);
    expect(stayingPutOn([z], dob, '2024-05-10')).toEqual({
      carer: 'Synthetic carer',
      from: '2024-05-10',
      dutyEndsOn: '2027-05-10',
    });
    expect(accommodationConcerns(z, '2027-05-09', dob)).toEqual([]);
    expect(accommodationConcerns(z, '2027-05-10', dob).map((c) => c.kind)).toEqual(['staying-put']);
  });
  it('needs the carer recorded and confirmed as the foster carer when care ended', () => {
    const unconfirmed = { ...z, formerFosterCarer: false };
    expect(isStayingPut(unconfirmed)).toBe(false);
    expect(stayingPutOn([unconfirmed], dob, '2024-06-01')).toBeNull();
    expect(accommodationConcerns(unconfirmed, '2024-06-01', dob)[0]?.message).toMatch(/record the carer/);
    expect(isStayingPut({ ...z, carer: ' ' })).toBe(false);
    // Without the date of birth (older callers) Staying Put is not checked.
    expect(accommodationConcerns(unconfirmed, '2024-06-01')).toEqual([]);
  });
});
