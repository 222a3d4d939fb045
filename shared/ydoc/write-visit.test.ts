import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ValidationError } from '../domain/errors.ts';
import { newVisitDraft, visitOutcome, type VisitDraft, type VisitOutcome } from '../domain/home-visit.ts';
import { DEFAULT_SETTINGS } from '../domain/settings.ts';
import { accommodation, action, eet, record } from '../testing/builders.ts';
import type { WriteContext } from './contested.ts';
import { readRecord } from './read-record.ts';
import { createRecordDoc } from './write-record.ts';
import { writeVisit } from './write-visit.ts';

const today = '2026-12-02';
const ctx: WriteContext = { writer: 'pa-1', today };
const base = record({
  accommodation: [accommodation('2025-06-01', { id: 'flat' })],
  eet: [eet('2025-09-01', { id: 'college' })],
  actions: [action('2027-01-31', { id: 'apply', description: 'Apply for the mechanics course' })],
});

function outcome(overrides: Partial<VisitDraft>): VisitOutcome {
  let n = 0;
  const draft: VisitDraft = {
    ...newVisitDraft(base, DEFAULT_SETTINGS, today),
    date: '2/12/2026',
    time: '10:30',
    place: 'home',
    seen: 'yes',
    seenAlone: 'yes',
    condition: 'Tidy',
    safety: 'Safe',
    household: 'Nobody',
    moved: 'yes',
    moveCode: 'E',
    moveDate: '30/11/2026',
    suitable: 'yes',
    health: 'Well',
    eet: 'College going well',
    eetChanged: 'no',
    actions: [{ actionId: 'apply', status: 'in-progress', words: 'Half done' }],
    entitlements: [{ item: 'advocacy', done: 'discussed' }],
    worries: 'Seems isolated',
    nextVisit: '5/1/2027',
    ...overrides,
  };
  return visitOutcome(draft, base, {
    writer: 'pa-1',
    today,
    settings: DEFAULT_SETTINGS,
    newId: () => `v-${(n += 1)}`,
  });
}

describe('writeVisit', () => {
  it('writes the contact and every linked change in one transaction', () => {
    const doc = createRecordDoc(base, ctx);
    let transactions = 0;
    doc.on('afterTransaction', () => (transactions += 1));
    const visit = outcome({});
    writeVisit(doc, visit, ctx);
    expect(transactions).toBe(1);
    const after = readRecord(doc);
    expect(after.contacts).toEqual([visit.contact]);
    expect(after.accommodation.map((p) => [p.code, p.startDate, p.endDate])).toEqual([
      ['U', '2025-06-01', '2026-11-29'],
      ['E', '2026-11-30', null],
    ]);
    expect(after.actions[0]).toMatchObject({
      status: 'in-progress',
      evidence: '2 Dec 2026, home visit: “Half done”',
    });
    expect(after.entitlements).toEqual([
      expect.objectContaining({ item: 'advocacy', status: 'discussed', updatedOn: '2026-12-02' }),
    ]);
    expect(after.oversight).toEqual([expect.objectContaining({ by: 'pa-1', on: today })]);
  });

  it('writes nothing at all when one linked change is refused', () => {
    const doc = createRecordDoc(base, ctx);
    const before = Y.encodeStateVector(doc);
    const visit = outcome({});
    // A change the record rules refuse (an activity starting before the date of birth), after valid ones.
    const refused: VisitOutcome = {
      ...visit,
      changes: [
        ...visit.changes,
        {
          kind: 'add',
          collection: 'eet',
          entry: { id: 'bad', activ: 'F2', startDate: '1990-01-01', endDate: null, detail: '' },
          description: 'refused',
        },
      ],
    };
    expect(() => writeVisit(doc, refused, ctx)).toThrow(ValidationError);
    expect(Y.encodeStateVector(doc)).toEqual(before);
    expect(readRecord(doc).contacts).toEqual([]);
  });

  it('confirms an unchanged accommodation as a new assessment, leaving the period open', () => {
    const doc = createRecordDoc(base, ctx);
    writeVisit(doc, outcome({ moved: 'no', moveCode: '', moveDate: '' }), ctx);
    const after = readRecord(doc);
    expect(after.accommodation).toEqual([
      expect.objectContaining({ id: 'flat', endDate: null, suitable: true }),
    ]);
    expect(after.contacts).toHaveLength(1);
  });
});
