/**
 * Small builders of synthetic records for unit tests: a valid minimal record and valid entries, each
 * overridable field by field. Test support only (no real people).
 */
import type {
  AccommodationPeriod,
  ContactEvent,
  EetPeriod,
  PlanAction,
  PlanReview,
  Profile,
  RecontactPlan,
  StatusFlag,
  YoungPersonRecord,
} from '../domain/model.ts';
import { newRecord } from '../domain/record.ts';
import { SCHEDULE_1_MATTERS } from '../domain/vocabulary.ts';

const emptySections = Object.fromEntries(
  SCHEDULE_1_MATTERS.map((matter) => [matter, { needs: '', youngPersonViews: '' }]),
) as YoungPersonRecord['plan']['sections'];

export function profile(overrides: Partial<Profile> = {}): Profile {
  return {
    id: 'yp-test-1',
    givenName: 'Zevqua',
    familyName: 'Graxubo',
    preferredName: null,
    dateOfBirth: '2006-05-10',
    category: 'former-relevant',
    dateLeftCare: '2024-05-10',
    becameEligibleOn: null,
    allocatedPaId: 'pa-1',
    paAllocatedOn: '2022-09-01',
    teamId: 'team-1',
    supportExtendedTo25: false,
    returnRequestedOn: null,
    ...overrides,
  };
}

/** A valid record with a profile and nothing else; add entries with the builders below. */
export function record(overrides: Partial<YoungPersonRecord> = {}): YoungPersonRecord {
  return {
    ...newRecord(profile()),
    plan: { needsAssessmentCompletedOn: null, firstAgreedOn: null, sections: emptySections },
    ...overrides,
  };
}

export function withProfile(base: YoungPersonRecord, overrides: Partial<Profile>): YoungPersonRecord {
  return { ...base, profile: { ...base.profile, ...overrides } };
}

let sequence = 0;
function nextId(prefix: string): string {
  sequence += 1;
  return `${prefix}-${sequence}`;
}

export function contact(at: string, overrides: Partial<ContactEvent> = {}): ContactEvent {
  return {
    id: nextId('c'),
    at,
    method: 'home-visit',
    by: 'pa-1',
    seen: true,
    seenAlone: true,
    outcome: 'contact-made',
    notes: '',
    ...overrides,
  };
}

export function accommodation(
  startDate: string,
  overrides: Partial<AccommodationPeriod> = {},
): AccommodationPeriod {
  return {
    id: nextId('a'),
    code: 'U',
    startDate,
    endDate: null,
    suitable: true,
    suitabilityReason: '',
    councilProvided: false,
    riskAssessedOn: null,
    riskReviewDue: null,
    seniorApprovalBy: null,
    seniorApprovalOn: null,
    ...overrides,
  };
}

/**
 * A record for history tests: an unsuitable emergency placement (`acc-1`, from 5 Jan 2025) with a
 * risk assessment and senior approval, and one EET period (`eet-1`).
 */
export function emergencyPlacementRecord(profileOverrides: Partial<Profile> = {}): YoungPersonRecord {
  return record({
    profile: profile(profileOverrides),
    accommodation: [
      accommodation('2025-01-05', {
        id: 'acc-1',
        code: 'W',
        suitable: false,
        suitabilityReason: 'Emergency placement',
        riskAssessedOn: '2025-01-06',
        riskReviewDue: '2025-02-01',
        seniorApprovalBy: 'Head of Service',
        seniorApprovalOn: '2025-01-05',
      }),
    ],
    eet: [eet('2024-09-01', { id: 'eet-1' })],
  });
}

export function eet(startDate: string, overrides: Partial<EetPeriod> = {}): EetPeriod {
  return { id: nextId('e'), activ: 'F2', startDate, endDate: null, detail: '', ...overrides };
}

export function review(date: string, overrides: Partial<PlanReview> = {}): PlanReview {
  return { id: nextId('r'), date, trigger: 'scheduled', notes: '', ...overrides };
}

export function flag(
  kind: StatusFlag['kind'],
  from: string,
  overrides: Partial<StatusFlag> = {},
): StatusFlag {
  return { id: nextId('f'), kind, from, to: null, notes: '', ...overrides };
}

export function action(dueDate: string, overrides: Partial<PlanAction> = {}): PlanAction {
  return {
    id: nextId('t'),
    matter: 'education',
    objectiveId: null,
    description: 'Complete the college application',
    owner: 'Personal adviser',
    dueDate,
    status: 'in-progress',
    completedOn: null,
    evidence: '',
    ...overrides,
  };
}

export function recontactPlan(
  assessedOn: string,
  reviewDue: string,
  overrides: Partial<RecontactPlan> = {},
): RecontactPlan {
  return {
    id: nextId('p'),
    assessedOn,
    by: 'pa-1',
    risk: 'medium',
    plan: 'Text weekly and visit the last known address',
    reviewDue,
    ...overrides,
  };
}
