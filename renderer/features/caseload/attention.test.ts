import { describe, expect, it } from 'vitest';
import type { Profile, YoungPersonRecord } from '../../../shared/domain/model.ts';
import type { CaseloadRow } from '../../db/caseload-row.ts';
import { accommodation, action, profile, record } from '../../../shared/testing/builders.ts';
import { projectRecord } from '../../../shared/ydoc/projection.ts';
import { possibleDuplicates } from '../young-person/duplicates.ts';
import {
  attentionCounts,
  attentionOf,
  byUrgency,
  filterCaseload,
  nextReviewText,
  urgencyOf,
} from './attention.ts';

const today = '2026-11-22';

/** A caseload row for a young person with these profile fields and record parts. */
function row(fields: Partial<Profile>, parts: Partial<YoungPersonRecord> = {}): CaseloadRow {
  return projectRecord(record({ profile: profile(fields), ...parts }), today);
}

describe('what needs doing first on a caseload', () => {
  const late = row(
    {
      id: 'yp-late',
      givenName: 'Aqa',
      dateOfBirth: '2005-12-20',
      dateLeftCare: '2023-12-20',
    },
    {
      actions: [action('2026-11-01', { id: 'act-1' })],
      accommodation: [
        accommodation('2026-11-01', { id: 'acc-1', code: 'W', suitable: false, suitabilityReason: 'B&B' }),
      ],
    },
  );
  const soon = row(
    {
      id: 'yp-soon',
      givenName: 'Bex',
      dateOfBirth: '2008-12-01',
      dateLeftCare: null,
      category: 'eligible',
    },
    {
      plan: {
        needsAssessmentCompletedOn: '2025-01-01',
        firstAgreedOn: '2026-06-01',
        sections: record().plan.sections,
      },
    },
  );

  it('puts each row in the categories that apply today', () => {
    expect(attentionOf(late, today)).toEqual([
      'review-overdue',
      'not-in-touch',
      'unsuitable-accommodation',
      'actions-overdue',
      'birthday',
    ]);
    expect(attentionOf(soon, today)).toEqual(['review-due-soon', 'not-in-touch', 'birthday']);
  });

  it('counts, filters and searches', () => {
    expect(attentionCounts([late, soon], today)['birthday']).toBe(2);
    expect(attentionCounts([late, soon], today)['actions-overdue']).toBe(1);
    expect(
      filterCaseload([late, soon], { search: '', attention: 'actions-overdue' }, today).map((r) => r.id),
    ).toEqual(['yp-late']);
    expect(
      filterCaseload([late, soon], { search: 'bex graxubo', attention: 'all' }, today).map((r) => r.id),
    ).toEqual(['yp-soon']);
  });

  it('finds a possible duplicate by name and date of birth', () => {
    const person = {
      givenName: ' aqa ',
      familyName: 'GRAXUBO',
      preferredName: '',
      dateOfBirth: '2005-12-20',
    };
    expect(possibleDuplicates([late, soon], person).map((r) => r.id)).toEqual(['yp-late']);
    expect(possibleDuplicates([late, soon], { ...person, dateOfBirth: '2005-12-21' })).toEqual([]);
  });
});

describe('qualifying care leavers on a caseload (Children Act 1989 s24–24B)', () => {
  it('shows no plan owed and never a review due soon', () => {
    // Support ends on the 21st birthday, 20 Dec 2026: within 28 days of today, where a plan due date would sit.
    const qualifying = row({
      id: 'yp-q',
      dateOfBirth: '2005-12-20',
      dateLeftCare: '2023-12-20',
      category: 'qualifying',
    });
    expect(qualifying.planState).toBe('not-required');
    expect(nextReviewText(qualifying)).toBe('No plan owed');
    expect(attentionOf(qualifying, today)).not.toContain('review-due-soon');
    expect(attentionOf(qualifying, today)).not.toContain('review-overdue');
  });
});

describe('ranking a caseload, most urgent first', () => {
  const base = {
    dateOfBirth: '2007-03-01',
    dateLeftCare: '2025-03-01',
    category: 'former-relevant' as const,
  };
  // Moved into bed and breakfast today (an emergency move: nothing else missing yet).
  const newlyInBb = row(
    { id: 'yp-bb', givenName: 'Zed', ...base },
    { accommodation: [accommodation(today, { id: 'acc-bb', code: 'W' })] },
  );
  // One plan action overdue, and turning 21 soon: more exceptions, none about safety.
  const overdueAction = row(
    { id: 'yp-act', givenName: 'Amy', ...base, dateOfBirth: '2005-12-01' },
    { actions: [action('2026-11-01', { id: 'act-2' })] },
  );

  it('puts someone newly in bed and breakfast above someone with an overdue action', () => {
    expect(newlyInBb.exceptionReasons.map((r) => r.kind)).toContain('bb-or-emergency');
    expect(overdueAction.exceptionReasons.map((r) => r.kind)).toContain('actions-overdue');
    expect(overdueAction.exceptionCount).toBeGreaterThanOrEqual(newlyInBb.exceptionCount);
    expect(urgencyOf(newlyInBb)).toBe(3);
    expect(byUrgency(newlyInBb, overdueAction)).toBeLessThan(0);
    expect([overdueAction, newlyInBb].sort(byUrgency).map((r) => r.id)).toEqual(['yp-bb', 'yp-act']);
  });

  it('ranks by the most urgent exceptions first, then the less urgent, then name', () => {
    const calm = row({ id: 'yp-calm', givenName: 'Bo', ...base });
    expect(calm.exceptionCount).toBeLessThan(overdueAction.exceptionCount);
    expect([calm, overdueAction, newlyInBb].sort(byUrgency).map((r) => r.id)).toEqual([
      'yp-bb',
      'yp-act',
      'yp-calm',
    ]);
    const twin = { ...calm, id: 'yp-twin', displayName: 'A twin' };
    expect([calm, twin].sort(byUrgency).map((r) => r.id)).toEqual(['yp-twin', 'yp-calm']);
  });

  it('orders names alphabetically whatever their case and accents', () => {
    const calm = row({ id: 'yp-calm', givenName: 'Bo', ...base });
    const named = (displayName: string) => ({ ...calm, id: displayName, displayName });
    const names = ['Zoe Example', 'Órla Example', 'adam Example', 'Orla Example', 'Émile Example'];
    expect(
      names
        .map(named)
        .sort(byUrgency)
        .map((r) => r.id),
    ).toEqual(['adam Example', 'Émile Example', 'Orla Example', 'Órla Example', 'Zoe Example']);
  });
});
