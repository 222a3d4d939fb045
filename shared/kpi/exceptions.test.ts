import { describe, expect, it } from 'vitest';
import type { YoungPersonRecord } from '../domain/model.ts';
import { DEFAULT_SETTINGS } from '../domain/settings.ts';
import { recordStatus } from '../domain/status.ts';
import {
  accommodation,
  action,
  contact,
  flag,
  profile,
  recontactPlan,
  record,
  review,
} from '../testing/builders.ts';
import { recordExceptions } from './exceptions.ts';

const today = '2025-06-15';
const exceptions = (r: YoungPersonRecord, day = today) =>
  recordExceptions(r, recordStatus(r, day, DEFAULT_SETTINGS));
const kinds = (r: YoungPersonRecord, day = today) => exceptions(r, day).map((e) => e.kind);

/** 19 on 2025-06-15, plan and reviews up to date, in touch, suitable accommodation: no exceptions. */
const good = record({
  profile: profile({ dateOfBirth: '2006-01-20', dateLeftCare: '2024-01-20' }),
  plan: { ...record().plan, needsAssessmentCompletedOn: '2022-02-01', firstAgreedOn: '2022-01-15' },
  reviews: [review('2025-03-01')],
  contacts: [contact('2025-06-01T10:00:00Z')],
  accommodation: [accommodation('2024-02-01')],
});

describe('recordExceptions', () => {
  it('finds nothing for a young person whose case is in order', () => {
    expect(exceptions(good)).toEqual([]);
  });
  it('lists no PA (duty from eligibility, with the local target), a missing assessment and plan', () => {
    const young = record({
      profile: profile({
        dateOfBirth: '2008-09-01',
        category: 'eligible',
        dateLeftCare: null,
        allocatedPaId: null,
        paAllocatedOn: null,
      }),
      contacts: [contact('2025-06-01T10:00:00Z')],
    });
    expect(exceptions(young)).toEqual([
      {
        kind: 'pa-not-allocated',
        message: 'no PA allocated: the duty applies from 2024-09-01; local target 2025-03-01',
      },
      { kind: 'needs-assessment-overdue', message: 'needs assessment was due 2024-12-01' },
      { kind: 'first-plan-overdue', message: 'first pathway plan was due 2024-12-29' },
    ]);
  });
  it('raises no PA, assessment or plan exceptions for a qualifying care leaver (s24–24B)', () => {
    const qualifying = record({
      profile: profile({
        dateOfBirth: '2007-12-01',
        category: 'qualifying',
        dateLeftCare: '2024-01-01',
        allocatedPaId: null,
        paAllocatedOn: null,
      }),
      contacts: [contact('2025-06-01T10:00:00Z')],
    });
    expect(exceptions(qualifying)).toEqual([]);
  });
  it('lists an overdue review with its reason', () => {
    expect(exceptions({ ...good, reviews: [review('2024-12-14')] })).toEqual([
      { kind: 'review-overdue', message: 'six-monthly review was due 2025-06-14' },
    ]);
    const asked = { ...good, reviewRequests: [{ id: 'q', requestedOn: '2025-05-01', notes: '' }] };
    expect(exceptions(asked)[0]?.message).toBe('review the young person asked for was due 2025-05-29');
  });
  it('lists not in touch without a current re-contact plan', () => {
    const lost = { ...good, contacts: [contact('2025-04-01T10:00:00Z')] };
    expect(exceptions(lost)).toEqual([
      {
        kind: 'not-in-touch-no-recontact-plan',
        message: 'last contact 2025-04-01; no current re-contact plan',
      },
    ]);
    expect(kinds({ ...lost, recontactPlans: [recontactPlan('2025-06-01', '2025-07-01')] })).toEqual([]);
    expect(kinds({ ...lost, recontactPlans: [recontactPlan('2025-05-01', '2025-06-01')] })).toEqual([
      'not-in-touch-no-recontact-plan',
    ]);
    expect(exceptions({ ...good, contacts: [] })[0]?.message).toBe(
      'no contact recorded and no current re-contact plan',
    );
    expect(kinds({ ...good, flags: [flag('refuses-contact', '2025-06-01')] })).toEqual([
      'not-in-touch-no-recontact-plan',
    ]);
  });
  it('lists unsuitable accommodation without a risk assessment, and B&B', () => {
    const bb = accommodation('2025-06-01', {
      code: 'W',
      suitable: false,
      suitabilityReason: 'Emergency',
      councilProvided: true,
    });
    const withBb = {
      ...good,
      accommodation: [accommodation('2024-02-01', { endDate: '2025-05-31' }), bb],
      contacts: [contact('2025-06-01T10:00:00Z', { method: 'phone', seen: false, seenAlone: false })],
    };
    expect(kinds(withBb)).toEqual([
      'bb-or-emergency',
      'unsuitable-no-risk-assessment',
      'move-paperwork-missing',
      'visit-overdue',
    ]);
    expect(exceptions(withBb)[2]?.message).toBe(
      'moved to W (bed and breakfast) on 2025-06-01: still to record the risk assessment date, the risk assessment review date and the senior manager’s approval',
    );
    expect(exceptions(withBb)[3]?.message).toBe('visit within 7 days of the move was due 2025-06-08');
  });
  it('lists overdue visits before a review and two-monthly', () => {
    const council = accommodation('2025-01-01', { code: 'D', councilProvided: true });
    const phone = contact('2025-06-01T10:00:00Z', { method: 'phone', seen: false, seenAlone: false });
    const r = { ...good, accommodation: [council], contacts: [contact('2025-01-03T10:00:00Z'), phone] };
    expect(exceptions(r)).toEqual([
      { kind: 'visit-overdue', message: 'two-monthly visit was due 2025-03-03' },
    ]);
    const asked = {
      ...r,
      reviews: [review('2025-01-05')],
      reviewRequests: [{ id: 'q', requestedOn: '2025-01-10', notes: '' }],
    };
    expect(exceptions(asked)).toEqual([
      { kind: 'review-overdue', message: 'review the young person asked for was due 2025-02-07' },
      { kind: 'visit-overdue', message: 'visit before the review was due 2025-02-07' },
    ]);
  });
  it('counts overdue actions and names the oldest', () => {
    const r = { ...good, actions: [action('2025-05-01'), action('2025-04-01'), action('2025-07-01')] };
    expect(exceptions(r)).toEqual([
      { kind: 'actions-overdue', message: '2 overdue actions, oldest due 2025-04-01' },
    ]);
    expect(exceptions({ ...good, actions: [action('2025-05-01')] })[0]?.message).toBe(
      '1 overdue action, oldest due 2025-05-01',
    );
  });
  it('lists turning 18, 21 or 25 within 90 days', () => {
    const turning21 = {
      ...good,
      profile: { ...good.profile, dateOfBirth: '2004-09-13', dateLeftCare: '2022-09-13' },
    };
    expect(exceptions(turning21)).toEqual([{ kind: 'turning-21', message: 'turns 21 on 2025-09-13' }]);
  });
  it('lists contested fields and entries that could not be read', () => {
    const r = {
      ...good,
      contested: [
        {
          path: 'accommodation.a1.suitable',
          candidates: [
            { value: true, by: 'a', on: today },
            { value: false, by: 'b', on: today },
          ],
        },
      ],
      readIssues: [
        { path: 'contacts.c9.at', message: 'bad' },
        { path: 'contacts.c8.at', message: 'bad' },
      ],
    };
    expect(exceptions(r)).toEqual([
      { kind: 'contested', message: '1 field set differently, in an accommodation period' },
      { kind: 'needs-attention', message: '2 entries could not be read' },
    ]);
  });
  it('lists nothing for a case that is no longer active', () => {
    expect(exceptions({ ...good, contacts: [], flags: [flag('died', '2025-05-01')] })).toEqual([]);
    expect(exceptions(good, '2027-01-20')).toEqual([]);
  });
});
