import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ValidationError } from '../domain/errors.ts';
import type { YoungPersonRecord } from '../domain/model.ts';
import { sortRecord } from '../domain/record.ts';
import { generateCaseload } from '../synthetic/generator.ts';
import { accommodation, action, contact, profile, record } from '../testing/builders.ts';
import { WRITE_SEPARATOR, writeFields, type WriteContext } from './contested.ts';
import { projectDoc } from './projection.ts';
import { readRecord, RecordNotInitialisedError } from './read-record.ts';
import {
  addAccommodation,
  addContact,
  addEntry,
  createRecordDoc,
  DuplicateEntryError,
  EntryNotFoundError,
  RecordAlreadyInitialisedError,
  removeEntry,
  setAccommodationSuitability,
  setEntitlement,
  setPlanDates,
  setPlanSection,
  setProfile,
  updateAccommodation,
  updateEntry,
} from './write-record.ts';

const today = '2025-06-15';
const pa: WriteContext = { writer: 'pa-1', today };
/** 19 on 2025-06-15, in independent living. */
const base = record({ accommodation: [accommodation('2024-06-01', { id: 'home' })] });

function sync(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}
function exchange(a: Y.Doc, b: Y.Doc): void {
  sync(a, b);
  sync(b, a);
}
/** A second replica of `doc`, as another device would hold after syncing. */
function replica(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  sync(doc, copy);
  return copy;
}
function thrown(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    if (error instanceof Error) return error;
  }
  throw new Error('expected an error');
}

describe('createRecordDoc and readRecord', () => {
  it('round-trips a synthetic record', () => {
    const [generated] = generateCaseload({ seed: 3, count: 1, today });
    if (generated === undefined) throw new Error('no record');
    expect(readRecord(createRecordDoc(generated, pa))).toEqual(generated);
  });
  it('stores the schema version and id in the meta map', () => {
    const doc = createRecordDoc(base, pa);
    expect(doc.getMap('meta').toJSON()).toEqual({ schemaVersion: 2, id: 'yp-test-1' });
  });
  it('validates the record first and writes nothing when it is bad', () => {
    const doc = new Y.Doc();
    const error = thrown(() =>
      createRecordDoc(record({ contacts: [contact('2006-01-01T10:00:00Z')] }), pa, doc),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toMatch(/contacts\[0\]\.at: must not be before the date of birth/);
    expect(doc.getMap('profile').size).toBe(0);
  });
  it('refuses to write a second record into a document', () => {
    const doc = createRecordDoc(base, pa);
    expect(() => createRecordDoc(base, pa, doc)).toThrow(RecordAlreadyInitialisedError);
  });
  it('refuses an empty document and a bad write context', () => {
    expect(() => readRecord(new Y.Doc())).toThrow(RecordNotInitialisedError);
    expect(() => createRecordDoc(base, { writer: '', today })).toThrow(/writer: must name the user/);
  });
  it('writes in a single transaction', () => {
    const doc = new Y.Doc();
    let updates = 0;
    doc.on('update', () => updates++);
    createRecordDoc(base, pa, doc);
    addContact(doc, contact('2025-06-01T10:00:00Z'), pa);
    expect(updates).toBe(2);
  });
});

describe('adding and changing entries', () => {
  it('adds a contact and rejects contacts before birth, in the future, with unknown codes or twice', () => {
    const doc = createRecordDoc(base, pa);
    const visit = addContact(
      doc,
      contact('2025-06-01T10:00:00Z', { id: 'v1', notes: '  kept as written  ' }),
      pa,
    );
    expect(readRecord(doc).contacts).toEqual([visit]);
    expect(thrown(() => addContact(doc, contact('2006-05-09T10:00:00Z'), pa)).message).toBe(
      'Invalid contact: at: must not be before the date of birth (2006-05-10)',
    );
    expect(thrown(() => addContact(doc, contact('2025-06-16T10:00:00Z'), pa)).message).toBe(
      'Invalid contact: at: must not be in the future (today is 2025-06-15)',
    );
    expect(
      thrown(() => addContact(doc, contact('2025-06-01T10:00:00Z', { method: 'fax' as 'phone' }), pa))
        .message,
    ).toMatch(/^Invalid contact: method: unknown contact method "fax"/);
    expect(() => addContact(doc, contact('2025-06-02T10:00:00Z', { id: 'v1' }), pa)).toThrow(
      DuplicateEntryError,
    );
    expect(readRecord(doc).contacts).toHaveLength(1);
  });
  it('only allows Staying Put from 18', () => {
    const doc = createRecordDoc(base, pa);
    expect(
      thrown(() => addAccommodation(doc, accommodation('2024-05-01', { code: 'Z' }), pa)).message,
    ).toMatch(
      /^Invalid accommodation period: code: Staying Put \(Z\) is only from the 18th birthday \(2024-05-10\)/,
    );
  });
  it('sets suitability, rejecting no fixed abode as suitable and unsuitability without a reason', () => {
    const doc = createRecordDoc(base, pa);
    expect(
      thrown(() => setAccommodationSuitability(doc, 'home', { suitable: false, suitabilityReason: ' ' }, pa))
        .message,
    ).toBe('Invalid accommodation period: suitabilityReason: give the reason it is unsuitable');
    expect(thrown(() => updateAccommodation(doc, 'home', { code: 'S' }, pa)).message).toMatch(
      /suitable: S \(no fixed abode or homeless\)/,
    );
    setAccommodationSuitability(doc, 'home', { suitable: false, suitabilityReason: 'Damp and cold' }, pa);
    expect(readRecord(doc).accommodation[0]).toMatchObject({
      suitable: false,
      suitabilityReason: 'Damp and cold',
    });
    expect(() =>
      setAccommodationSuitability(doc, 'nope', { suitable: true, suitabilityReason: '' }, pa),
    ).toThrow(EntryNotFoundError);
  });
  it('writes only the fields that change', () => {
    const doc = createRecordDoc(base, pa);
    const entry = doc.getMap<Y.Map<unknown>>('accommodation').get('home');
    const before = [...(entry?.keys() ?? [])];
    updateAccommodation(doc, 'home', { code: 'U', endDate: '2025-07-01' }, pa);
    const after = [...(entry?.keys() ?? [])];
    expect(after.filter((key) => !before.includes(key)).map((key) => key.split(WRITE_SEPARATOR)[0])).toEqual([
      'endDate',
    ]);
  });
  it('links actions only to objectives that exist', () => {
    const doc = createRecordDoc(base, pa);
    expect(
      thrown(() => addEntry(doc, 'actions', action('2025-07-01', { objectiveId: 'o1' }), pa)).message,
    ).toBe('Invalid action: objectiveId: refers to no objective in this plan');
    addEntry(
      doc,
      'objectives',
      {
        id: 'o1',
        matter: 'education',
        description: 'Start college',
        targetDate: '2025-09-01',
        achievedOn: null,
      },
      pa,
    );
    addEntry(doc, 'actions', action('2025-07-01', { id: 't1', objectiveId: 'o1' }), pa);
    expect(thrown(() => updateEntry(doc, 'actions', 't1', { dueDate: 'ongoing' }, pa)).message).toMatch(
      /dueDate: "ongoing" is not a timescale/,
    );
    updateEntry(
      doc,
      'actions',
      't1',
      { status: 'done', completedOn: '2025-06-10', evidence: 'Enrolment letter seen' },
      pa,
    );
    expect(readRecord(doc).actions[0]).toMatchObject({ status: 'done', completedOn: '2025-06-10' });
  });
  it('removes entries softly, so a concurrent edit is kept in the document', () => {
    const doc = createRecordDoc(base, pa);
    const other = replica(doc);
    removeEntry(doc, 'accommodation', 'home', pa);
    setAccommodationSuitability(
      other,
      'home',
      { suitable: false, suitabilityReason: 'Overcrowded' },
      { writer: 'pa-2', today },
    );
    exchange(doc, other);
    expect(readRecord(doc).accommodation).toEqual([]);
    expect(readRecord(other).accommodation).toEqual([]);
    expect(() => removeEntry(doc, 'accommodation', 'home', pa)).toThrow(EntryNotFoundError);
  });
  it('keeps entries two people add offline', () => {
    const doc = createRecordDoc(base, pa);
    const other = replica(doc);
    addContact(doc, contact('2025-06-01T10:00:00Z', { id: 'mine' }), pa);
    addContact(other, contact('2025-06-02T10:00:00Z', { id: 'theirs' }), { writer: 'pa-2', today });
    exchange(doc, other);
    expect(readRecord(doc).contacts.map((c) => c.id)).toEqual(['mine', 'theirs']);
    expect(readRecord(other)).toEqual(readRecord(doc));
  });
});

describe('profile, plan and entitlements', () => {
  it('changes the profile but not its id, and not a date of birth that strands entries', () => {
    const doc = createRecordDoc(record({ contacts: [contact('2007-01-01T10:00:00Z', { id: 'c1' })] }), pa);
    setProfile(doc, { allocatedPaId: 'pa-9', preferredName: 'Zev' }, pa);
    expect(readRecord(doc).profile).toMatchObject({ allocatedPaId: 'pa-9', preferredName: 'Zev' });
    expect(thrown(() => setProfile(doc, { id: 'other' }, pa)).message).toBe(
      'Invalid profile: id: cannot be changed',
    );
    expect(thrown(() => setProfile(doc, { dateOfBirth: '2007-06-01' }, pa)).message).toBe(
      'Invalid profile: contacts.c1.at: must not be before the date of birth (2007-06-01)',
    );
    const unborn = { dateOfBirth: '2026-01-01', dateLeftCare: null, paAllocatedOn: null };
    expect(thrown(() => setProfile(doc, unborn, pa)).message).toBe(
      'Invalid profile: profile.dateOfBirth: must not be in the future (today is 2025-06-15)',
    );
    expect(thrown(() => setProfile(doc, { teamId: '' }, pa)).message).toMatch(
      /^Invalid profile: teamId: must be an id/,
    );
    setProfile(doc, { dateOfBirth: '2006-05-11' }, pa);
    expect(readRecord(doc).profile.dateOfBirth).toBe('2006-05-11');
  });
  it('sets plan dates and sections', () => {
    const doc = createRecordDoc(base, pa);
    setPlanDates(doc, { firstAgreedOn: '2022-06-01' }, pa);
    expect(thrown(() => setPlanDates(doc, { needsAssessmentCompletedOn: '2025-07-01' }, pa)).message).toMatch(
      /plan\.needsAssessmentCompletedOn: must not be in the future/,
    );
    setPlanSection(doc, 'health', { youngPersonViews: 'Wants a new GP' }, pa);
    const { plan } = readRecord(doc);
    expect(plan.firstAgreedOn).toBe('2022-06-01');
    expect(plan.sections.health).toEqual({ needs: '', youngPersonViews: 'Wants a new GP' });
  });
  it('sets entitlement checklist lines', () => {
    const doc = createRecordDoc(base, pa);
    setEntitlement(doc, 'setting-up-home-grant', { status: 'applied' }, pa);
    setEntitlement(doc, 'setting-up-home-grant', { status: 'received', amountPence: 300_000 }, pa);
    expect(readRecord(doc).entitlements).toEqual([
      { item: 'setting-up-home-grant', status: 'received', updatedOn: null, amountPence: 300_000, notes: '' },
    ]);
    expect(
      thrown(() => setEntitlement(doc, 'health-passport', { status: 'lost' as 'received' }, pa)).message,
    ).toMatch(/^Invalid entitlement: status: unknown entitlement status "lost"/);
  });
});

describe('contested fields in a record', () => {
  it('shows suitability set differently by two people offline, on both replicas and in the projection', () => {
    const doc = createRecordDoc(base, pa);
    const other = replica(doc);
    setAccommodationSuitability(doc, 'home', { suitable: false, suitabilityReason: 'Unsafe area' }, pa);
    setAccommodationSuitability(
      other,
      'home',
      { suitable: true, suitabilityReason: '' },
      { writer: 'pa-2', today },
    );
    exchange(doc, other);
    const mine = readRecord(doc);
    expect(mine).toEqual(readRecord(other));
    expect(mine.contested.map((c) => c.path)).toEqual([
      'accommodation.home.suitabilityReason',
      'accommodation.home.suitable',
    ]);
    expect(mine.contested[1]?.candidates.map((c) => [c.value, c.by]).sort()).toEqual([
      [false, 'pa-1'],
      [true, 'pa-2'],
    ]);
    const row = projectDoc(doc, today);
    expect(row.contestedCount).toBe(2);
    expect(row.exceptionReasons).toContainEqual({
      kind: 'contested',
      message: '2 fields set differently, in an accommodation period',
    });
    setAccommodationSuitability(doc, 'home', { suitable: false, suitabilityReason: 'Unsafe area' }, pa);
    exchange(doc, other);
    expect(readRecord(other).contested).toEqual([]);
    expect(readRecord(other).accommodation[0]?.suitable).toBe(false);
  });
  it('falls back to another candidate when the winning value would make the entry invalid', () => {
    const doc = createRecordDoc(base, pa);
    const other = replica(doc);
    updateAccommodation(doc, 'home', { code: 'S', suitable: false, suitabilityReason: 'Emergency' }, pa);
    setAccommodationSuitability(
      other,
      'home',
      { suitable: true, suitabilityReason: '' },
      { writer: 'pa-2', today: '2025-06-16' },
    );
    exchange(doc, other);
    const merged = readRecord(other);
    expect(merged.accommodation[0]).toMatchObject({
      code: 'S',
      suitable: false,
      suitabilityReason: 'Emergency',
    });
    expect(merged.contested.map((c) => c.path)).toContain('accommodation.home.suitable');
    expect(merged.readIssues).toEqual([]);
  });
});

describe('tolerant reading', () => {
  function rawDoc(version: number, profileFields: Record<string, unknown>): Y.Doc {
    const doc = new Y.Doc();
    doc.transact(() => {
      doc.getMap('meta').set('schemaVersion', version);
      writeFields(doc.getMap('profile'), profileFields, pa);
    });
    return doc;
  }
  const { preferredName: _p, supportExtendedTo25: _s, becameEligibleOn: _b, ...olderProfile } = profile();

  it('reads a document from an older version, filling defaults', () => {
    const doc = rawDoc(0, olderProfile);
    doc.transact(() => {
      const entry = doc.getMap<Y.Map<unknown>>('contacts').set('old', new Y.Map());
      const { id: _id, seenAlone: _alone, ...olderContact } = contact('2025-06-01T10:00:00Z');
      writeFields(entry, olderContact, pa);
    });
    const read = readRecord(doc);
    expect(read.schemaVersion).toBe(0);
    expect(read.profile).toEqual(profile());
    expect(read.contacts[0]).toMatchObject({ id: 'old', seenAlone: false });
    expect(read.readIssues).toEqual([]);
  });
  it('ignores what a newer version added', () => {
    const doc = rawDoc(99, { ...profile(), pronouns: 'they' });
    doc.transact(() => {
      doc.getMap('pets').set('cat', 'Ubo');
      doc.getMap('profile').set('plainKey', 'ignored');
      const entry = doc.getMap<Y.Map<unknown>>('contacts').set('new', new Y.Map());
      writeFields(entry, { ...contact('2025-06-01T10:00:00Z'), mood: 'good' }, pa);
    });
    const read = readRecord(doc);
    expect(read.schemaVersion).toBe(99);
    expect(read.profile).toEqual(profile());
    expect(read.contacts[0]).not.toHaveProperty('mood');
  });
  it('keeps unreadable entries in the document and reports them', () => {
    const doc = createRecordDoc(base, pa);
    doc.transact(() => {
      const bad = doc.getMap<Y.Map<unknown>>('contacts').set('bad', new Y.Map());
      writeFields(bad, { ...contact('2025-06-01T10:00:00Z'), method: 'pigeon' }, pa);
      const odd = doc.getMap<Y.Map<unknown>>('contacts').set('odd', new Y.Map());
      writeFields(odd, { ...contact('2025-06-01T10:00:00Z'), seen: false }, pa);
      doc.getMap<unknown>('eet').set('plain', 'not an entry');
      const early = doc.getMap<Y.Map<unknown>>('contacts').set('early', new Y.Map());
      writeFields(early, contact('2001-01-01T10:00:00Z'), pa);
      const orphan = doc.getMap<Y.Map<unknown>>('actions').set('orphan', new Y.Map());
      writeFields(orphan, action('2025-07-01', { objectiveId: 'gone' }), pa);
    });
    const read = readRecord(doc);
    expect(read.contacts.map((c) => [c.id, c.seenAlone])).toEqual([['odd', false]]);
    expect(read.actions[0]?.objectiveId).toBeNull();
    expect(read.readIssues.map((issue) => issue.path)).toEqual([
      'actions.orphan.objectiveId',
      'contacts.bad.method',
      'contacts.early.at',
      'contacts.odd.seenAlone',
      'eet.plain',
    ]);
    expect(read.readIssues.find((issue) => issue.path === 'contacts.odd.seenAlone')?.message).toMatch(
      /value set aside/,
    );
    expect(projectDoc(doc, today).exceptionReasons).toContainEqual({
      kind: 'needs-attention',
      message: '5 entries could not be read',
    });
  });
  it('cannot read a document whose profile is unreadable', () => {
    const { dateOfBirth: _d, ...noBirth } = profile();
    expect(thrown(() => readRecord(rawDoc(1, noBirth))).message).toMatch(
      /^Invalid profile in document: profile\.dateOfBirth/,
    );
  });
  it('reads records equal to what was written, whatever order entries were added in', () => {
    const entries = [
      contact('2025-06-03T10:00:00Z'),
      contact('2025-06-01T10:00:00Z'),
      contact('2025-06-02T10:00:00+01:00'),
    ];
    const doc = createRecordDoc(base, pa);
    for (const entry of entries) addContact(doc, entry, pa);
    const expected: YoungPersonRecord = sortRecord({ ...base, contacts: entries });
    expect(readRecord(doc)).toEqual(expected);
  });
});
