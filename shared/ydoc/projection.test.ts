import { describe, expect, it } from 'vitest';
import { accommodation, action, contact, eet, profile, record, review } from '../testing/builders.ts';
import { displayName, projectDoc, projectionRowSchema, projectRecord } from './projection.ts';
import { readRecord } from './read-record.ts';
import { createRecordDoc } from './write-record.ts';

const today = '2025-06-15';
const r = record({
  profile: profile({ preferredName: 'Zev', supportExtendedTo25: true }),
  plan: { ...record().plan, needsAssessmentCompletedOn: '2022-07-01', firstAgreedOn: '2022-05-01' },
  reviews: [review('2024-11-01')],
  contacts: [contact('2025-05-01T09:30:00+01:00')],
  accommodation: [
    accommodation('2024-05-10', { code: 'D', suitable: false, suitabilityReason: 'Far from college' }),
  ],
  eet: [eet('2024-09-01', { activ: 'G5' })],
  actions: [action('2025-06-01')],
});

describe('projectRecord', () => {
  it('flattens what lists and dashboards need', () => {
    expect(projectRecord(r, today)).toEqual({
      id: 'yp-test-1',
      displayName: 'Zev Graxubo',
      dateOfBirth: '2006-05-10',
      age: 19,
      paId: 'pa-1',
      teamId: 'team-1',
      category: 'former-relevant',
      active: true,
      supportEndsOn: '2031-05-10',
      paAllocatedBy16Half: true,
      planState: 'review-overdue',
      nextReviewDue: '2025-05-01',
      reviewOverdue: true,
      lastContact: '2025-05-01T09:30:00+01:00',
      lastContactDate: '2025-05-01',
      inTouchState: 'in-touch',
      nextContactDue: '2025-06-26',
      accommodationCode: 'D',
      accommodationSuitable: false,
      eetState: 'neet',
      eetCode: 'G5',
      overdueActionCount: 1,
      exceptionCount: 4,
      exceptionReasons: [
        { kind: 'review-overdue', message: 'six-monthly review was due 2025-05-01' },
        {
          kind: 'unsuitable-no-risk-assessment',
          message: 'unsuitable D (semi-independent, transitional accommodation) with no risk assessment',
        },
        {
          kind: 'move-paperwork-missing',
          message:
            'moved to D (semi-independent, transitional accommodation) on 2024-05-10: still to record the risk assessment date and the risk assessment review date',
        },
        { kind: 'actions-overdue', message: '1 overdue action, oldest due 2025-06-01' },
      ],
      nextSignificantBirthday: { age: 21, date: '2027-05-10' },
      contestedCount: 0,
      readIssueCount: 0,
      asOf: today,
      schemaVersion: 2,
    });
  });
  it('validates against the projection schema', () => {
    expect(projectionRowSchema.safeParse(projectRecord(r, today)).success).toBe(true);
  });
  it('shows unknowns as null and a missing first plan as overdue', () => {
    const bare = record({ profile: profile({ allocatedPaId: null, paAllocatedOn: null }) });
    expect(projectRecord(bare, today)).toMatchObject({
      paId: null,
      paAllocatedBy16Half: false,
      planState: 'first-plan-overdue',
      nextReviewDue: '2022-09-07',
      reviewOverdue: true,
      lastContact: null,
      inTouchState: 'not-in-touch',
      accommodationCode: null,
      accommodationSuitable: null,
      eetState: 'unknown',
      eetCode: null,
    });
  });
  it('uses the given name when there is no preferred name', () => {
    expect(displayName(record())).toBe('Zevqua Graxubo');
  });
  it('projects a document as it projects the record read from it', () => {
    const doc = createRecordDoc(r, { writer: 'pa-1', today });
    expect(projectDoc(doc, today)).toEqual(projectRecord(readRecord(doc), today));
  });
});
