import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { contact, emergencyPlacementRecord } from '../testing/builders.ts';
import type { WriteContext } from './contested.ts';
import { fieldHistory, recordChanges, removedEntries } from './history.ts';
import { readRecord, readRecordAsOf, RecordNotInitialisedError } from './read-record.ts';
import {
  addContact,
  createRecordDoc,
  EntryNotRemovedError,
  removeEntry,
  restoreEntry,
  setProfile,
  updateAccommodation,
} from './write-record.ts';

/** 19 in 2025; an unsuitable emergency placement with a risk assessment, and one EET period. */
const base = emergencyPlacementRecord({ id: 'yp-h1' });

function ctx(writer: string, at: string): WriteContext {
  return { writer, today: at.slice(0, 10), at };
}

/** A replica that keeps deleted content, as the app's record docs do. */
function keeping(from?: Y.Doc): Y.Doc {
  const doc = new Y.Doc({ gc: false });
  if (from) Y.applyUpdate(doc, Y.encodeStateAsUpdate(from));
  return doc;
}

function sync(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}

describe('a field’s history across three writers', () => {
  it('lists every change with who, when and the value before and after, newest first', () => {
    const pa = createRecordDoc(base, ctx('pa-1', '2025-01-10T09:00:00Z'), keeping());
    const manager = keeping(pa);
    const colleague = keeping(pa);
    updateAccommodation(pa, 'acc-1', { riskReviewDue: '2025-03-01' }, ctx('pa-1', '2025-02-01T10:15:00Z'));
    sync(pa, manager);
    updateAccommodation(
      manager,
      'acc-1',
      { riskReviewDue: '2025-03-15' },
      ctx('tm-1', '2025-02-20T16:40:00Z'),
    );
    sync(manager, colleague);
    updateAccommodation(
      colleague,
      'acc-1',
      { riskReviewDue: '2025-04-01' },
      ctx('pa-2', '2025-03-10T08:05:00Z'),
    );
    for (const doc of [pa, manager]) sync(colleague, doc);

    for (const doc of [pa, manager, colleague]) {
      const history = fieldHistory(doc, 'accommodation.acc-1.riskReviewDue');
      expect(history.map((change) => [change.by, change.at, change.previous, change.value])).toEqual([
        ['pa-2', '2025-03-10T08:05:00Z', ['2025-03-15'], '2025-04-01'],
        ['tm-1', '2025-02-20T16:40:00Z', ['2025-03-01'], '2025-03-15'],
        ['pa-1', '2025-02-01T10:15:00Z', ['2025-02-01'], '2025-03-01'],
        ['pa-1', '2025-01-10T09:00:00Z', [], '2025-02-01'],
      ]);
      expect(history.map((change) => change.current)).toEqual([true, false, false, false]);
      expect(history.every((change) => change.previousKept)).toBe(true);
    }
  });

  it('says a replaced value was not kept when the document garbage-collected it', () => {
    const doc = createRecordDoc(base, ctx('pa-1', '2025-01-10T09:00:00Z'), new Y.Doc({ gc: true }));
    setProfile(doc, { preferredName: 'Zev' }, ctx('pa-1', '2025-02-01T10:00:00Z'));
    setProfile(doc, { preferredName: 'Zed' }, ctx('pa-1', '2025-02-02T10:00:00Z'));
    const [latest] = fieldHistory(doc, 'profile.preferredName');
    expect(latest).toMatchObject({ value: 'Zed', previous: [], previousKept: false });
  });

  it('shows a settled contest as replacing both values', () => {
    const pa = createRecordDoc(base, ctx('pa-1', '2025-01-10T09:00:00Z'), keeping());
    const manager = keeping(pa);
    setProfile(pa, { preferredName: 'Zev' }, ctx('pa-1', '2025-02-01T10:00:00Z'));
    setProfile(manager, { preferredName: 'Zee' }, ctx('tm-1', '2025-02-01T11:00:00Z'));
    sync(pa, manager);
    sync(manager, pa);
    setProfile(pa, { preferredName: 'Zev' }, ctx('pa-1', '2025-02-02T09:00:00Z'));
    const [settled] = fieldHistory(pa, 'profile.preferredName');
    expect(settled?.value).toBe('Zev');
    expect([...(settled?.previous ?? [])].sort()).toEqual(['Zee', 'Zev']);
  });
});

describe('an edit made from an out-of-date view', () => {
  it('leaves a change that arrived after the form opened beside it as contested', () => {
    const pa = createRecordDoc(base, ctx('pa-1', '2025-01-10T09:00:00Z'), keeping());
    const manager = keeping(pa);
    const formOpened = Y.snapshot(manager);
    updateAccommodation(
      pa,
      'acc-1',
      { suitabilityReason: 'No lock on the door', riskReviewDue: '2025-03-01' },
      ctx('pa-1', '2025-02-01T10:00:00Z'),
    );
    sync(pa, manager);
    // The manager's form still shows the old values: it saves its own reason and the old review date.
    updateAccommodation(
      manager,
      'acc-1',
      { suitabilityReason: 'Shared bathroom with adults', riskReviewDue: '2025-02-01' },
      { ...ctx('tm-1', '2025-02-01T10:30:00Z'), seen: formOpened },
    );
    sync(manager, pa);
    for (const doc of [pa, manager]) {
      const { contested, accommodation: periods } = readRecord(doc);
      expect(contested.map((field) => field.path)).toEqual(['accommodation.acc-1.suitabilityReason']);
      expect(contested[0]?.candidates.map((candidate) => candidate.value).sort()).toEqual([
        'No lock on the door',
        'Shared bathroom with adults',
      ]);
      // The review date the manager did not touch is not written back over the PA's change.
      expect(periods[0]?.riskReviewDue).toBe('2025-03-01');
    }
  });

  it('replaces what the form showed when nothing changed meanwhile', () => {
    const doc = createRecordDoc(base, ctx('pa-1', '2025-01-10T09:00:00Z'), keeping());
    const formOpened = Y.snapshot(doc);
    updateAccommodation(
      doc,
      'acc-1',
      { suitabilityReason: 'Damp' },
      { ...ctx('pa-1', '2025-02-01T10:00:00Z'), seen: formOpened },
    );
    // Saved again from the same form: its own earlier save counts as seen.
    updateAccommodation(
      doc,
      'acc-1',
      { suitabilityReason: 'Damp and cold' },
      { ...ctx('pa-1', '2025-02-01T10:05:00Z'), seen: formOpened },
    );
    expect(readRecord(doc).contested).toEqual([]);
    expect(readRecord(doc).accommodation[0]?.suitabilityReason).toBe('Damp and cold');
  });
});

describe('the record as it stood on a date', () => {
  function dated(): Y.Doc {
    const doc = createRecordDoc(base, ctx('pa-1', '2025-01-10T09:00:00Z'), keeping());
    updateAccommodation(doc, 'acc-1', { riskReviewDue: '2025-03-01' }, ctx('pa-1', '2025-02-01T10:00:00Z'));
    addContact(doc, contact('2025-03-03T10:00:00Z', { id: 'c-1' }), ctx('pa-1', '2025-03-03T12:00:00Z'));
    removeEntry(doc, 'eet', 'eet-1', ctx('tm-1', '2025-04-01T15:00:00Z'));
    setProfile(doc, { preferredName: 'Zev' }, ctx('pa-1', '2025-04-02T09:00:00Z'));
    return doc;
  }

  it('shows each field’s value on that day and only the entries that existed then', () => {
    const doc = dated();
    const january = readRecordAsOf(doc, '2025-01-31');
    expect(january.accommodation[0]?.riskReviewDue).toBe('2025-02-01');
    expect(january.contacts).toEqual([]);
    expect(january.eet.map((period) => period.id)).toEqual(['eet-1']);
    expect(january.profile.preferredName).toBeNull();
    const march = readRecordAsOf(doc, '2025-03-31');
    expect(march.accommodation[0]?.riskReviewDue).toBe('2025-03-01');
    expect(march.contacts.map((entry) => entry.id)).toEqual(['c-1']);
    expect(march.eet.map((period) => period.id)).toEqual(['eet-1']);
    const april = readRecordAsOf(doc, '2025-04-02');
    expect(april.eet).toEqual([]);
    expect(april.profile.preferredName).toBe('Zev');
    expect(readRecordAsOf(doc, '2026-01-01')).toEqual(readRecord(doc));
  });

  it('says when the record did not exist yet', () => {
    expect(() => readRecordAsOf(dated(), '2025-01-09')).toThrow(RecordNotInitialisedError);
  });
});

describe('restoring a removed entry', () => {
  it('brings the entry back as a new change, keeping the removal in the history', () => {
    const doc = createRecordDoc(base, ctx('pa-1', '2025-01-10T09:00:00Z'), keeping());
    removeEntry(doc, 'accommodation', 'acc-1', ctx('pa-1', '2025-02-01T10:00:00Z'));
    expect(readRecord(doc).accommodation).toEqual([]);
    expect(removedEntries(doc)).toEqual([
      expect.objectContaining({
        collection: 'accommodation',
        id: 'acc-1',
        removedBy: 'pa-1',
        removedAt: '2025-02-01T10:00:00Z',
        values: expect.objectContaining({ code: 'W', suitabilityReason: 'Emergency placement' }),
      }),
    ]);
    const restored = restoreEntry(doc, 'accommodation', 'acc-1', ctx('tm-1', '2025-02-02T11:00:00Z'));
    expect(restored).toEqual(base.accommodation[0]);
    expect(readRecord(doc).accommodation).toEqual(base.accommodation);
    expect(removedEntries(doc)).toEqual([]);
    expect(
      fieldHistory(doc, 'accommodation.acc-1._deleted').map((change) => [change.by, change.value]),
    ).toEqual([
      ['tm-1', false],
      ['pa-1', true],
    ]);
    expect(readRecordAsOf(doc, '2025-02-01').accommodation).toEqual([]);
  });

  it('refuses an entry that was never removed, or does not exist', () => {
    const doc = createRecordDoc(base, ctx('pa-1', '2025-01-10T09:00:00Z'), keeping());
    expect(() => restoreEntry(doc, 'accommodation', 'acc-1', ctx('tm-1', '2025-02-02T11:00:00Z'))).toThrow(
      EntryNotRemovedError,
    );
    expect(() => restoreEntry(doc, 'eet', 'nope', ctx('tm-1', '2025-02-02T11:00:00Z'))).toThrow(
      /No EET period "nope"/,
    );
  });

  it('orders every change of the record newest first', () => {
    const doc = createRecordDoc(base, ctx('pa-1', '2025-01-10T09:00:00Z'), keeping());
    removeEntry(doc, 'eet', 'eet-1', ctx('pa-1', '2025-02-01T10:00:00Z'));
    setProfile(doc, { preferredName: 'Zev' }, ctx('pa-1', '2025-03-01T10:00:00Z'));
    const changes = recordChanges(doc);
    expect(changes.slice(0, 2).map((change) => change.path)).toEqual([
      'profile.preferredName',
      'eet.eet-1._deleted',
    ]);
    expect(changes.at(-1)?.at).toBe('2025-01-10T09:00:00Z');
  });
});
