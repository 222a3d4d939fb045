import { describe, expect, it } from 'vitest';
import { accommodation, action, eet, record } from '../testing/builders.ts';
import {
  IncompleteVisitError,
  newVisitDraft,
  reconcileVisitDraft,
  visitDraftIssues,
  visitDraftSchema,
  visitFormSchema,
  visitOutcome,
  type VisitContext,
  type VisitDraft,
} from './home-visit.ts';
import { DEFAULT_SETTINGS } from './settings.ts';

const today = '2026-12-02';
function context(): VisitContext {
  let n = 0;
  return {
    writer: 'pa-1',
    today,
    settings: DEFAULT_SETTINGS,
    newId: () => {
      n += 1;
      return `new-${n}`;
    },
  };
}

const flat = accommodation('2025-06-01', { id: 'flat', code: 'U', suitable: true });
const college = eet('2025-09-01', { id: 'college', activ: 'F2' });
const apply = action('2027-01-31', { id: 'apply', description: 'Apply for the mechanics course' });
const bank = action('2027-02-28', { id: 'bank', description: 'Open a bank account', status: 'not-started' });
const base = record({ accommodation: [flat], eet: [college], actions: [apply, bank] });

/** A move into bed and breakfast after an eviction, reported at the visit. */
const EMERGENCY_MOVE: Partial<VisitDraft> = {
  moved: 'yes',
  moveCode: 'W',
  moveDate: '28/11/2026',
  suitable: 'no',
  suitabilityReason: 'Emergency placement after eviction',
  concerns: ['safety', 'support'],
};

/** A complete visit, seen at home, nothing changed, with the given answers on top. */
function completed(overrides: Partial<VisitDraft> = {}, from = base): VisitDraft {
  return {
    ...newVisitDraft(from, DEFAULT_SETTINGS, today),
    date: '2/12/2026',
    time: '10:30',
    place: 'home',
    whoSeen: 'Young person and their partner',
    seen: 'yes',
    seenAlone: 'no',
    condition: 'Clean and warm',
    safety: 'Feels safe; smoke alarm works',
    household: 'Partner',
    moved: 'no',
    suitable: 'yes',
    health: 'Sleeping better, registered with a GP',
    eet: 'Enjoying college',
    eetChanged: 'no',
    nextVisit: '6/1/2027',
    ...overrides,
  };
}

describe('visit draft', () => {
  it('starts with one line per open plan action and per entitlement, all blank', () => {
    const done = action('2026-01-01', { id: 'done', status: 'done', completedOn: '2026-01-01' });
    const draft = newVisitDraft({ ...base, actions: [apply, bank, done] }, DEFAULT_SETTINGS, today);
    expect(draft.actions).toEqual([
      { actionId: 'apply', status: '', words: '' },
      { actionId: 'bank', status: '', words: '' },
    ]);
    expect(draft.entitlements.length).toBeGreaterThan(5);
    expect(draft.entitlements.every((line) => line.done === '')).toBe(true);
    expect(draft.seen).toBe('');
  });

  it('parses a partial draft stored by an older version, filling every missing answer', () => {
    const partial = visitDraftSchema.parse({ date: '2/12/2026', health: 'Fine' });
    expect(partial.date).toBe('2/12/2026');
    expect(partial.seen).toBe('');
    expect(partial.actions).toEqual([]);
    expect(visitDraftSchema.safeParse({ seen: 'maybe' }).success).toBe(false);
  });

  it('keeps typed answers on resume, adds actions opened since and drops actions closed since', () => {
    const draft = { ...newVisitDraft(base, DEFAULT_SETTINGS, today), health: 'Typed before the pause' };
    draft.actions = draft.actions.map((line) =>
      line.actionId === 'apply' ? { ...line, words: 'I sent it in' } : line,
    );
    const added = action('2027-03-01', { id: 'added', description: 'Book a dentist' });
    const later = { ...base, actions: [apply, { ...bank, status: 'dropped' as const }, added] };
    const resumed = reconcileVisitDraft(draft, later, DEFAULT_SETTINGS, today);
    expect(resumed.health).toBe('Typed before the pause');
    expect(resumed.actions).toEqual([
      { actionId: 'apply', status: '', words: 'I sent it in' },
      { actionId: 'added', status: '', words: '' },
    ]);
  });
});

describe('visitDraftIssues', () => {
  it('asks for each missing answer with an Enter or Select message at the field', () => {
    const issues = visitDraftIssues(newVisitDraft(base, DEFAULT_SETTINGS, today), base, today);
    expect(issues).toEqual([
      { field: 'date', message: 'Enter the date of the visit' },
      { field: 'time', message: 'Enter the time of the visit, such as 14:30' },
      { field: 'place', message: 'Select where the visit took place' },
      { field: 'seen', message: 'Select yes if you saw the young person' },
    ]);
  });

  it('asks for the whole visit once the young person was seen at home', () => {
    const draft = { ...newVisitDraft(base, DEFAULT_SETTINGS, today), date: '2/12/2026', time: '9:05' };
    const fields = visitDraftIssues({ ...draft, place: 'home', seen: 'yes' }, base, today).map(
      (issue) => issue.field,
    );
    expect(fields).toEqual([
      'seenAlone',
      'health',
      'eet',
      'eetChanged',
      'nextVisit',
      'condition',
      'safety',
      'household',
      'moved',
      'suitable',
    ]);
  });

  it('needs only what happened when the young person was not seen', () => {
    const draft = completed({ seen: 'no', health: '', eet: '', nextVisit: '' });
    expect(visitDraftIssues(draft, base, today)).toEqual([
      { field: 'notSeenOutcome', message: 'Select what happened' },
    ]);
    expect(visitDraftIssues({ ...draft, notSeenOutcome: 'no-response' }, base, today)).toEqual([]);
  });

  it('refuses dates that are not real, a visit in the future and a next visit not after it', () => {
    const messages = (draft: VisitDraft) =>
      visitDraftIssues(draft, base, today).map((issue) => issue.message);
    expect(messages(completed({ date: '31/2/2026' }))).toContain(
      'Enter a real date for the visit, such as 27/3/2027',
    );
    expect(messages(completed({ date: '3/12/2026' }))).toContain(
      'Enter a date for the visit that is today or in the past',
    );
    expect(messages(completed({ time: '25:00' }))).toEqual([
      'Enter a real time for the visit, such as 14:30',
    ]);
    expect(messages(completed({ nextVisit: '2/12/2026' }))).toEqual([
      'Enter a date for the next visit that is after this visit',
    ]);
  });

  it('asks where they moved, when, and why it is unsuitable; refuses a move after the visit', () => {
    const issues = visitDraftIssues(completed({ moved: 'yes', suitable: 'no' }), base, today);
    expect(issues).toEqual([
      { field: 'suitabilityReason', message: 'Enter why the accommodation is not suitable' },
      { field: 'moveCode', message: 'Select the type of accommodation they moved to' },
      { field: 'moveDate', message: 'Enter the date they moved' },
    ]);
    const moved = completed({ moved: 'yes', moveCode: 'E', moveDate: '1/12/2026' });
    expect(visitDraftIssues(moved, base, today)).toEqual([]);
    expect(visitDraftIssues({ ...moved, date: '30/11/2026' }, base, today)).toEqual([
      { field: 'moveDate', message: 'Enter a move date that is on or before the date of the visit' },
    ]);
  });

  it('refuses no fixed abode recorded as suitable', () => {
    const issues = visitDraftIssues(
      completed({ moved: 'yes', moveCode: 'S', moveDate: '1/12/2026' }),
      base,
      today,
    );
    expect(issues).toEqual([
      { field: 'suitable', message: 'Select no: no fixed abode or homeless is never suitable accommodation' },
    ]);
  });

  it('asks for a move when no accommodation is recorded and they say they have not moved', () => {
    const homeless = { ...base, accommodation: [] };
    expect(visitDraftIssues(completed({}, homeless), homeless, today)).toEqual([
      {
        field: 'moved',
        message: 'Select yes and enter where they live: no accommodation is recorded for them',
      },
    ]);
  });
});

describe('visitOutcome', () => {
  it('throws with the issues, and nothing to write, for a partial draft', () => {
    const partial = { ...newVisitDraft(base, DEFAULT_SETTINGS, today), date: '2/12/2026' };
    expect(() => visitOutcome(partial, base, context())).toThrow(IncompleteVisitError);
    try {
      visitOutcome(partial, base, context());
    } catch (error) {
      expect((error as IncompleteVisitError).issues.map((issue) => issue.field)).toContain('seen');
    }
  });

  it('refuses, at the longest answer, a visit too long for one contact note', () => {
    const long = completed({
      condition: 'c'.repeat(4000),
      safety: 's'.repeat(4000),
      health: 'h'.repeat(4000),
      eet: 'e'.repeat(4000),
      worries: 'w'.repeat(3999),
      household: 'x'.repeat(2000),
    });
    expect(() => visitOutcome(long, base, context())).toThrow(IncompleteVisitError);
    try {
      visitOutcome(long, base, context());
    } catch (error) {
      expect((error as IncompleteVisitError).issues).toEqual([
        {
          field: 'condition',
          message: expect.stringMatching(
            /^Shorten this answer: the whole visit comes to 2\d,\d{3} characters/,
          ),
        },
      ]);
    }
  });

  it('with the accommodation unchanged, writes the contact and a suitability confirmation only', () => {
    const outcome = visitOutcome(completed(), base, context());
    expect(outcome.contact).toMatchObject({
      method: 'home-visit',
      by: 'pa-1',
      seen: true,
      seenAlone: false,
      outcome: 'contact-made',
    });
    expect(outcome.contact.at.startsWith('2026-12-02T10:30:00')).toBe(true);
    expect(outcome.changes).toEqual([
      {
        kind: 'suitability',
        id: 'flat',
        assessment: { suitable: true, suitabilityReason: '' },
        concerns: null,
        description: 'Independent living confirmed as suitable',
      },
    ]);
    expect(outcome.contact.notes).toContain('Moved since the last visit: no');
    expect(outcome.contact.notes).toContain('Health and wellbeing:\n- Sleeping better, registered with a GP');
    expect(outcome.contact.notes).toContain('Next visit:\n- Agreed for 6 Jan 2027');
    expect(outcome.contact.notes).toContain('Seen on their own: No');
  });

  it('with no open actions, says so and changes no action', () => {
    const none = { ...base, actions: [] };
    const outcome = visitOutcome(completed({}, none), none, context());
    expect(outcome.sections.find((s) => s.heading === 'Their pathway plan actions')?.lines).toEqual([
      'No open plan actions.',
    ]);
    expect(outcome.changes.some((change) => 'collection' in change && change.collection === 'actions')).toBe(
      false,
    );
  });

  it('for a reported move, ends the old period the day before and adds the new one with its suitability', () => {
    const outcomeOfMove = visitOutcome(completed(EMERGENCY_MOVE), base, context());
    expect(outcomeOfMove.changes).toEqual([
      {
        kind: 'update',
        collection: 'accommodation',
        id: 'flat',
        patch: { endDate: '2026-11-27' },
        description: 'Independent living ends on 27 Nov 2026',
      },
      {
        kind: 'add',
        collection: 'accommodation',
        entry: expect.objectContaining({
          code: 'W',
          startDate: '2026-11-28',
          endDate: null,
          suitable: false,
          suitabilityReason: 'Emergency placement after eviction',
          suitabilityConcerns: ['safety', 'support'],
        }),
        description: 'New accommodation: Bed and breakfast from 28 Nov 2026, not suitable',
      },
    ]);
    expect(outcomeOfMove.contact.notes).toContain(
      'Moved since the last visit: yes, to Bed and breakfast on 28 Nov 2026',
    );
    expect(outcomeOfMove.contact.notes).toContain('Matters of concern: Safety; Support');
  });

  it('links action progress with their own words, entitlements, a new activity, a worry and a review request', () => {
    const draft = completed({
      eetChanged: 'yes',
      eetActiv: 'F4',
      eetStartDate: '1/12/2026',
      eet: 'Started an apprenticeship at a garage',
      actions: [
        { actionId: 'apply', status: 'done', words: 'I got in!' },
        { actionId: 'bank', status: '', words: 'Going on Friday' },
      ],
      entitlements: [
        { item: 'setting-up-home-grant', done: 'discussed' },
        { item: 'advocacy', done: '' },
      ],
      worries: 'Rent arrears are building up',
      reviewRequested: true,
    });
    const outcome = visitOutcome(draft, base, context());
    const described = outcome.changes.map((change) => change.description);
    expect(described).toEqual([
      'Independent living confirmed as suitable',
      'Other education, full time ends on 30 Nov 2026',
      'New activity: Apprenticeship, full time from 1 Dec 2026',
      'Plan action “Apply for the mechanics course” marked done, with their words',
      'Their words added to plan action “Open a bank account”',
      'Setting Up Home Allowance recorded as explained on 2 Dec 2026',
      'A request to the team manager about the worries raised',
      'A review of their pathway plan, asked for on 2 Dec 2026',
    ]);
    const applyChange = outcome.changes.find((change) => change.kind === 'update' && change.id === 'apply');
    expect(applyChange).toMatchObject({
      patch: { status: 'done', completedOn: '2026-12-02', evidence: '2 Dec 2026, home visit: “I got in!”' },
    });
    const worry = outcome.changes.find(
      (change) => change.kind === 'add' && change.collection === 'oversight',
    );
    expect(worry).toMatchObject({ entry: { on: today, by: 'pa-1', dueBy: null } });
    expect(outcome.contact.notes).toContain(
      'Open a bank account: not started. In their words: “Going on Friday”',
    );
    expect(outcome.contact.notes).toContain('Setting Up Home Allowance: explained');
    expect(outcome.contact.notes).not.toMatch(/setting-up-home-grant|seenAlone|actionId/);
  });

  it('for a visit elsewhere, asks nothing about the accommodation and changes none', () => {
    const draft = completed({ place: 'elsewhere', placeDetail: 'Café in town', condition: '', moved: '' });
    const outcome = visitOutcome(draft, base, context());
    expect(outcome.contact.method).toBe('visit-elsewhere');
    expect(outcome.changes).toEqual([]);
    expect(outcome.sections.map((s) => s.heading)).not.toContain('Where they live');
  });
});

describe('visitFormSchema', () => {
  it('gives a form resolver the same messages at the same fields', () => {
    const result = visitFormSchema(base, today).safeParse(completed({ time: '' }));
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['time', 'Enter the time of the visit, such as 14:30'],
    ]);
    expect(visitFormSchema(base, today).safeParse(completed()).success).toBe(true);
  });
});
