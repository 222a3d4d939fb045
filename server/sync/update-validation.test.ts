/**
 * The server's check of every update (update-validation.ts), on real record documents written with the
 * shared/ydoc writers and, for the attacks, with raw Yjs calls no honest client makes. Synthetic data.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { YoungPersonRecord } from '../../shared/domain/model.ts';
import { generateCaseload } from '../../shared/synthetic/generator.ts';
import { writeFieldsVersion1 } from '../../shared/testing/version1-writes.ts';
import { WRITE_SEPARATOR, writeFields } from '../../shared/ydoc/contested.ts';
import {
  addContact,
  addEntry,
  createRecordDoc,
  removeEntry,
  setProfile,
  updateEntry,
} from '../../shared/ydoc/write-record.ts';
import {
  APPEND_ONLY_COLLECTIONS,
  checkUpdate,
  UpdateValidator,
  type UpdateCheck,
} from './update-validation.ts';

const TODAY = '2026-03-01';
const [RECORD] = generateCaseload({ seed: 12, count: 1, today: TODAY });
if (!RECORD) throw new Error('no synthetic record');
const record: YoungPersonRecord = RECORD;
const contact = record.contacts[0];
const accommodation = record.accommodation[0];
if (!contact || !accommodation) throw new Error('the synthetic record needs a contact and accommodation');

const PA = 'pa-current';
const check: UpdateCheck = { youngPersonId: record.profile.id, userId: PA, today: TODAY };

/** The server's document: the record as an earlier writer ('pa-former') stored it. */
function serverDoc(): Y.Doc {
  const doc = new Y.Doc({ gc: false });
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(createRecordDoc(record, { writer: 'pa-former', today: TODAY })));
  return doc;
}

/** The same record as an older version stored it (encoding version 1), by 'pa-former'. */
function version1ServerDoc(): Y.Doc {
  const doc = new Y.Doc({ gc: false });
  doc.transact(() => {
    doc.getMap('meta').set('schemaVersion', 1);
    doc.getMap('meta').set('id', record.profile.id);
    writeFieldsVersion1(doc.getMap('profile'), withoutId(record.profile), {
      writer: 'pa-former',
      today: TODAY,
    });
    for (const entry of record.contacts)
      writeFieldsVersion1(
        doc.getMap<unknown>('contacts').set(entry.id, new Y.Map<unknown>()),
        withoutId(entry),
        { writer: 'pa-former', today: TODAY },
      );
  });
  return doc;
}

function withoutId(entry: { readonly id: string }): Record<string, unknown> {
  return Object.fromEntries(Object.entries(entry).filter(([field]) => field !== 'id'));
}

/** A laptop holding what the server holds, as a client that synced it. */
function laptopOf(server: Y.Doc): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
  return doc;
}

/** What the laptop changes with `edit`, as the provider would send it (one update). */
function editOf(laptop: Y.Doc, edit: (doc: Y.Doc) => void): Uint8Array {
  const before = Y.encodeStateVector(laptop);
  edit(laptop);
  return Y.encodeStateAsUpdate(laptop, before);
}

const ctx = { writer: PA, today: TODAY } as const;

describe('the server refuses updates that break the record’s integrity', () => {
  it('accepts a PA’s own new contact and edits, and a soft delete of a non-append-only entry', () => {
    const server = serverDoc();
    const laptop = laptopOf(server);
    const add = editOf(laptop, (doc) =>
      addContact(doc, { ...contact, id: 'c-new', notes: 'Met at the café' }, ctx),
    );
    expect(checkUpdate(server, add, check)).toBeNull();
    Y.applyUpdate(server, add);
    const edit = editOf(laptop, (doc) =>
      updateEntry(doc, 'contacts', 'c-new', { notes: 'Corrected note' }, ctx),
    );
    expect(checkUpdate(server, edit, check)).toBeNull();
    Y.applyUpdate(server, edit);
    const remove = editOf(laptop, (doc) => removeEntry(doc, 'accommodation', accommodation.id, ctx));
    expect(checkUpdate(server, remove, check)).toBeNull();
  });

  it('refuses new content stamped with another user’s id (a forged writer)', () => {
    const server = serverDoc();
    const laptop = laptopOf(server);
    const forged = editOf(laptop, (doc) =>
      addContact(doc, { ...contact, id: 'c-forged' }, { writer: 'tm-someone', today: TODAY }),
    );
    expect(checkUpdate(server, forged, check)).toMatchObject({
      rule: 'forged-writer',
      path: 'contacts.c-forged.at',
    });
    const future = editOf(laptopOf(server), (doc) =>
      addContact(doc, { ...contact, id: 'c-future' }, { writer: PA, today: '2026-03-05' }),
    );
    expect(checkUpdate(server, future, check)?.message).toMatch(/dated after today/);
  });

  it('accepts an honest sync step 2 that re-sends other people’s old content with the user’s own', () => {
    const server = serverDoc();
    const laptop = laptopOf(server);
    addContact(laptop, { ...contact, id: 'c-mine' }, ctx);
    // Sync step 2 against an empty state vector: everything the laptop holds, most of it by 'pa-former'.
    expect(checkUpdate(server, Y.encodeStateAsUpdate(laptop), check)).toBeNull();
  });

  it('refuses a former team member’s unsynced work arriving through another user’s session', () => {
    const server = serverDoc();
    const laptop = laptopOf(server);
    addContact(laptop, { ...contact, id: 'c-former-offline' }, { writer: 'pa-former', today: TODAY });
    const step2 = Y.encodeStateAsUpdate(laptop);
    expect(checkUpdate(server, step2, check)).toMatchObject({
      rule: 'forged-writer',
      path: 'contacts.c-former-offline.at',
    });
    // The same content delivered by pa-former's own session is accepted.
    expect(checkUpdate(server, step2, { ...check, userId: 'pa-former' })).toBeNull();
  });

  it('refuses deleting an append-only entry, softly or outright; other entries only softly', () => {
    expect([...APPEND_ONLY_COLLECTIONS].sort()).toEqual(
      ['contacts', 'oversight', 'recontactPlans', 'reviewRequests', 'reviews'].sort(),
    );
    const server = serverDoc();
    const soft = editOf(laptopOf(server), (doc) => removeEntry(doc, 'contacts', contact.id, ctx));
    expect(checkUpdate(server, soft, check)).toMatchObject({
      rule: 'append-only',
      path: `contacts.${contact.id}._deleted`,
    });
    const hard = editOf(laptopOf(server), (doc) => doc.getMap('contacts').delete(contact.id));
    expect(checkUpdate(server, hard, check)).toMatchObject({
      rule: 'append-only',
      path: `contacts.${contact.id}`,
    });
    const replaced = editOf(laptopOf(server), (doc) => doc.getMap('contacts').set(contact.id, new Y.Map()));
    expect(checkUpdate(server, replaced, check)?.rule).toBe('append-only');
    const hardOther = editOf(laptopOf(server), (doc) => doc.getMap('accommodation').delete(accommodation.id));
    expect(checkUpdate(server, hardOther, check)).toMatchObject({ rule: 'removed' });
  });

  it('refuses removing a value without writing a new one', () => {
    const server = serverDoc();
    // Encoding version 2: the record's creation holds every profile field; deleting it clears them all.
    const uncreated = editOf(laptopOf(server), (doc) => {
      const profile = doc.getMap('profile');
      for (const key of [...profile.keys()]) if (key.startsWith(WRITE_SEPARATOR)) profile.delete(key);
    });
    expect(checkUpdate(server, uncreated, check)).toMatchObject({ rule: 'removed' });
    // A later write of one field by someone else, deleted without a new one (which would put the
    // creation's value back): a removal of their write.
    const laptop = laptopOf(server);
    const edit = editOf(laptop, (doc) =>
      setProfile(doc, { givenName: 'Sam' }, { writer: 'pa-former', today: TODAY }),
    );
    Y.applyUpdate(server, edit);
    const cleared = editOf(laptop, (doc) => {
      const profile = doc.getMap('profile');
      for (const key of [...profile.keys()])
        if (key.startsWith(`givenName${WRITE_SEPARATOR}`)) profile.delete(key);
    });
    expect(checkUpdate(server, cleared, check)).toMatchObject({ rule: 'removed', path: 'profile.givenName' });
    // Encoding version 1 (a record stored by an older version): the field's last write, deleted.
    const older = version1ServerDoc();
    const clearedOld = editOf(laptopOf(older), (doc) => {
      const profile = doc.getMap('profile');
      for (const key of [...profile.keys()])
        if (key.startsWith(`givenName${WRITE_SEPARATOR}`)) profile.delete(key);
    });
    expect(checkUpdate(older, clearedOld, check)).toMatchObject({
      rule: 'removed',
      path: 'profile.givenName',
    });
  });

  it('refuses clearing a contested field, and accepts taking back only the user’s own write of it', () => {
    const server = serverDoc();
    // Two laptops offline set the same field: the former PA's write and the current PA's both stand.
    const [former, current] = [laptopOf(server), laptopOf(server)];
    const theirs = editOf(former, (doc) =>
      setProfile(doc, { givenName: 'Sam' }, { writer: 'pa-former', today: TODAY }),
    );
    const ours = editOf(current, (doc) =>
      setProfile(doc, { givenName: 'Alex' }, { writer: PA, today: TODAY }),
    );
    Y.applyUpdate(server, theirs);
    Y.applyUpdate(server, ours);
    const keysOf = (doc: Y.Doc): string[] =>
      [...doc.getMap('profile').keys()].filter((key) => key.startsWith(`givenName${WRITE_SEPARATOR}`));
    expect(keysOf(server)).toHaveLength(2);
    const ourKey = keysOf(server).find((key) =>
      key.startsWith(`givenName${WRITE_SEPARATOR}${current.clientID.toString(36)}.`),
    );
    if (!ourKey) throw new Error('no write of the current PA');

    const validator = new UpdateValidator();
    const name = `yp:${record.profile.id}`;
    // Both writes deleted, nothing written instead: the former PA's value is removed.
    const cleared = editOf(laptopOf(server), (doc) => {
      for (const key of keysOf(doc)) doc.getMap('profile').delete(key);
    });
    expect(validator.check(name, server, cleared, check)).toMatchObject({
      rule: 'removed',
      path: 'profile.givenName',
    });
    // Only the current PA's own write taken back (an undo): the former PA's value still stands.
    const undone = editOf(laptopOf(server), (doc) => doc.getMap('profile').delete(ourKey));
    expect(validator.check(name, server, undone, check)).toBeNull();
    validator.forgetAll();
  });

  it('refuses values that make the record invalid, field by field and across fields', () => {
    const server = serverDoc();
    const wrongCode = editOf(laptopOf(server), (doc) => {
      const entry = doc.getMap('contacts').get(contact.id) as Y.Map<unknown>;
      writeFields(entry, { method: 'carrier-pigeon' }, ctx);
    });
    expect(checkUpdate(server, wrongCode, check)).toMatchObject({
      rule: 'invalid-record',
      path: `contacts.${contact.id}.method`,
    });
    const noReason = editOf(laptopOf(server), (doc) => {
      const entry = doc.getMap('accommodation').get(accommodation.id) as Y.Map<unknown>;
      writeFields(entry, { suitable: false, suitabilityReason: '' }, ctx);
    });
    const refusal = checkUpdate(server, noReason, check);
    expect(refusal).toMatchObject({ rule: 'invalid-record' });
    expect(refusal?.message).toMatch(/accommodation period: give the reason it is unsuitable/);
    // The writers' own validation is the honest path: the same change with a reason is accepted.
    const withReason = editOf(laptopOf(server), (doc) =>
      updateEntry(
        doc,
        'accommodation',
        accommodation.id,
        { suitable: false, suitabilityReason: 'Too far from college' },
        ctx,
      ),
    );
    expect(checkUpdate(server, withReason, check)).toBeNull();
  });

  it('accepts an emergency move recorded before its paperwork, with address, provider and phone', () => {
    const server = serverDoc();
    const move = editOf(laptopOf(server), (doc) =>
      addEntry(
        doc,
        'accommodation',
        {
          id: 'a-emergency',
          code: 'W',
          startDate: TODAY,
          endDate: null,
          suitable: false,
          suitabilityReason: 'Emergency placement out of hours',
          councilProvided: true,
          riskAssessedOn: null,
          riskReviewDue: null,
          seniorApprovalBy: null,
          seniorApprovalOn: null,
          address: '1 Example Road, Leeds LS1 1AA',
          provider: 'Example Guest House',
          contactPhone: '0113 496 0000',
        },
        ctx,
      ),
    );
    expect(checkUpdate(server, move, check)).toBeNull();
    Y.applyUpdate(server, move);
    const badPhone = editOf(laptopOf(server), (doc) => {
      const entry = doc.getMap('accommodation').get('a-emergency') as Y.Map<unknown>;
      writeFields(entry, { contactPhone: 'ring the office' }, ctx);
    });
    expect(checkUpdate(server, badPhone, check)).toMatchObject({
      rule: 'invalid-record',
      path: 'accommodation.a-emergency.contactPhone',
    });
  });

  it('refuses a record sent to another young person’s document, and malformed writes', () => {
    const empty = new Y.Doc({ gc: false });
    const other = Y.encodeStateAsUpdate(
      createRecordDoc({ ...record, profile: { ...record.profile, id: 'yp-someone-else' } }, ctx),
    );
    expect(checkUpdate(empty, other, check)).toMatchObject({ rule: 'invalid-record', path: 'profile.id' });
    expect(checkUpdate(empty, Y.encodeStateAsUpdate(createRecordDoc(record, ctx)), check)).toBeNull();

    const server = serverDoc();
    const bare = editOf(laptopOf(server), (doc) => doc.getMap('profile').set('givenName', 'X'));
    expect(checkUpdate(server, bare, check)).toMatchObject({ rule: 'malformed' });
    const notAWrite = editOf(laptopOf(server), (doc) =>
      doc.getMap('profile').set(`givenName${WRITE_SEPARATOR}x.1`, 'just a string'),
    );
    expect(checkUpdate(server, notAWrite, check)).toMatchObject({ rule: 'malformed' });
    const retyped = new Y.Doc();
    retyped.getText('contacts').insert(0, 'not a map');
    expect(checkUpdate(server, Y.encodeStateAsUpdate(retyped), check)).toMatchObject({ rule: 'malformed' });
  });

  it('checks encoding version 2: writer registrations, compact writes and entry creations', () => {
    const server = serverDoc();
    const own = (doc: Y.Doc): string => doc.clientID.toString(36);
    // A device registers the signed-in user for its own client id, and no one else for any other.
    const otherDevice = editOf(laptopOf(server), (doc) => doc.getMap('writers').set('zzzzz', PA));
    expect(checkUpdate(server, otherDevice, check)).toMatchObject({ rule: 'forged-writer', path: 'writers' });
    const someoneElse = editOf(laptopOf(server), (doc) => doc.getMap('writers').set(own(doc), 'tm-someone'));
    expect(checkUpdate(server, someoneElse, check)).toMatchObject({ rule: 'forged-writer' });
    const notAnId = editOf(laptopOf(server), (doc) => doc.getMap('writers').set(own(doc), 42));
    expect(checkUpdate(server, notAnId, check)).toMatchObject({ rule: 'malformed' });
    // A compact write naming another writer (b), or attributed through pa-former's registration.
    const named = editOf(laptopOf(server), (doc) => {
      doc.getMap('writers').set(own(doc), PA);
      const entry = doc.getMap('contacts').get(contact.id) as Y.Map<unknown>;
      entry.set(`notes${WRITE_SEPARATOR}${own(doc)}.9`, { v: 'Not mine', d: TODAY, b: 'tm-someone' });
    });
    expect(checkUpdate(server, named, check)).toMatchObject({
      rule: 'forged-writer',
      path: `contacts.${contact.id}.notes`,
    });
    const borrowed = editOf(laptopOf(server), (doc) => {
      const creation = [...doc.getMap('profile').keys()].find((key) => key.startsWith(WRITE_SEPARATOR)) ?? '';
      const client = creation.slice(1, creation.indexOf('.'));
      doc.getMap('profile').set(`givenName${WRITE_SEPARATOR}${client}.999`, { v: 'Borrowed', d: TODAY });
    });
    expect(checkUpdate(server, borrowed, check)).toMatchObject({ rule: 'forged-writer' });
    // Malformed compact writes: a date-time that is not one; no day at all.
    const badTime = editOf(laptopOf(server), (doc) =>
      doc.getMap('profile').set(`givenName${WRITE_SEPARATOR}${own(doc)}.1`, { v: 'Sam', a: 'yesterday' }),
    );
    expect(checkUpdate(server, badTime, check)).toMatchObject({ rule: 'malformed' });
    const noDay = editOf(laptopOf(server), (doc) =>
      doc.getMap('profile').set(`givenName${WRITE_SEPARATOR}${own(doc)}.1`, { v: 'Sam' }),
    );
    expect(checkUpdate(server, noDay, check)).toMatchObject({ rule: 'malformed' });
    // An entry's creation is checked field by field, and may not delete an append-only entry.
    const honestCreation = editOf(laptopOf(server), (doc) =>
      addContact(doc, { ...contact, id: 'c-bad' }, ctx),
    );
    expect(checkUpdate(server, honestCreation, check)).toBeNull();
    const forgedCreation = editOf(laptopOf(server), (doc) => {
      doc.getMap('writers').set(own(doc), PA);
      const entry = doc.getMap<unknown>('contacts').set('c-pigeon', new Y.Map<unknown>()) as Y.Map<unknown>;
      entry.set(`${WRITE_SEPARATOR}${own(doc)}.5`, {
        v: { ...withoutId(contact), method: 'carrier-pigeon' },
        d: TODAY,
      });
    });
    expect(checkUpdate(server, forgedCreation, check)).toMatchObject({
      rule: 'invalid-record',
      path: 'contacts.c-pigeon.method',
    });
    const deletedAtBirth = editOf(laptopOf(server), (doc) => {
      doc.getMap('writers').set(own(doc), PA);
      const entry = doc.getMap<unknown>('contacts').set('c-gone', new Y.Map<unknown>()) as Y.Map<unknown>;
      entry.set(`${WRITE_SEPARATOR}${own(doc)}.5`, {
        v: { ...withoutId(contact), _deleted: true },
        d: TODAY,
      });
    });
    expect(checkUpdate(server, deletedAtBirth, check)).toMatchObject({ rule: 'append-only' });
  });

  it('accepts an older laptop’s version 1 writes arriving late into a version 2 record', () => {
    const server = serverDoc();
    const laptop = laptopOf(server);
    const late = editOf(laptop, (doc) => {
      const entry = doc.getMap<unknown>('contacts').set('c-late', new Y.Map<unknown>()) as Y.Map<unknown>;
      writeFieldsVersion1(entry, withoutId({ ...contact, id: 'c-late' }), ctx);
    });
    expect(checkUpdate(server, late, check)).toBeNull();
    const forged = editOf(laptopOf(server), (doc) => {
      const entry = doc.getMap<unknown>('contacts').set('c-late', new Y.Map<unknown>()) as Y.Map<unknown>;
      writeFieldsVersion1(entry, withoutId({ ...contact, id: 'c-late' }), { ...ctx, writer: 'tm-someone' });
    });
    expect(checkUpdate(server, forged, check)).toMatchObject({ rule: 'forged-writer' });
  });

  it('leaves content outside the record’s maps to readers that ignore it', () => {
    const server = serverDoc();
    const text = editOf(laptopOf(server), (doc) => doc.getText('t').insert(0, 'newer-version data'));
    expect(checkUpdate(server, text, check)).toBeNull();
    expect(checkUpdate(new Y.Doc(), text, check)).toBeNull();
  });

  it('checks a profile change against the profile rules', () => {
    const server = serverDoc();
    const ok = editOf(laptopOf(server), (doc) => setProfile(doc, { preferredName: 'Sam' }, ctx));
    expect(checkUpdate(server, ok, check)).toBeNull();
    const tooLong = editOf(laptopOf(server), (doc) =>
      writeFields(doc.getMap('profile'), { preferredName: 'x'.repeat(101) }, ctx),
    );
    expect(checkUpdate(server, tooLong, check)).toMatchObject({
      rule: 'invalid-record',
      path: 'profile.preferredName',
    });
  });

  it('accepts Y.UndoManager undoing the user’s own changes, and refuses a “restoration” that was never there', () => {
    const server = serverDoc();
    const laptop = laptopOf(server);
    const undo = new Y.UndoManager(
      ['profile', 'contacts', 'actions', 'accommodation'].map((name) => laptop.getMap(name)),
      { captureTimeout: 0 },
    );
    const sendAndStore = (edit: (doc: Y.Doc) => void): ReturnType<typeof checkUpdate> => {
      const update = editOf(laptop, edit);
      const refusal = checkUpdate(server, update, check);
      if (!refusal) Y.applyUpdate(server, update);
      return refusal;
    };
    const action = record.actions[0];
    if (!action) throw new Error('the synthetic record needs an action');
    // Undo a soft delete: the PA's own first write of '_deleted' is taken back.
    expect(sendAndStore((doc) => removeEntry(doc, 'actions', action.id, ctx))).toBeNull();
    expect(sendAndStore(() => undo.undo())).toBeNull();
    // Undo an edit over pa-former's value: their write comes back as it was.
    expect(
      sendAndStore((doc) => updateEntry(doc, 'contacts', contact.id, { notes: 'Mine' }, ctx)),
    ).toBeNull();
    expect(sendAndStore(() => undo.undo())).toBeNull();
    // Undo a new action (not append-only): the PA's own entry goes.
    expect(
      sendAndStore((doc) => addEntry(doc, 'actions', { ...action, id: 'a-new', objectiveId: null }, ctx)),
    ).toBeNull();
    expect(sendAndStore(() => undo.undo())).toBeNull();
    // Undo a new contact once the server has it: a deletion of a contact, refused.
    expect(sendAndStore((doc) => addContact(doc, { ...contact, id: 'c-undone' }, ctx))).toBeNull();
    expect(sendAndStore(() => undo.undo())).toMatchObject({ rule: 'append-only' });

    // Someone else's write "put back" with a value they never wrote is a forgery.
    const other = laptopOf(server);
    const forged = editOf(other, (doc) => {
      const entry = doc.getMap('contacts').get(contact.id) as Y.Map<unknown>;
      // The contact's creation (encoding version 2), by pa-former, "put back" with another note.
      const key = [...entry.keys()].find((k) => k.startsWith(WRITE_SEPARATOR));
      if (!key) throw new Error('no creation');
      entry.set(key, { v: { ...withoutId(contact), notes: 'Never said this' }, d: TODAY });
    });
    expect(checkUpdate(server, forged, check)).toMatchObject({ rule: 'forged-writer' });
  });

  it('gives the same answers when it keeps a copy of the document between updates (UpdateValidator)', () => {
    const server = serverDoc();
    const laptop = laptopOf(server);
    const validator = new UpdateValidator();
    const name = `yp:${record.profile.id}`;
    const first = editOf(laptop, (doc) => addContact(doc, { ...contact, id: 'v-1' }, ctx));
    expect(validator.check(name, server, first, check)).toBeNull();
    Y.applyUpdate(server, first);
    const refused = editOf(laptopOf(server), (doc) => removeEntry(doc, 'contacts', 'v-1', ctx));
    expect(validator.check(name, server, refused, check)).toMatchObject({ rule: 'append-only' });
    // The refused update never reached the document; the next one is checked against the document.
    const second = editOf(laptop, (doc) => addContact(doc, { ...contact, id: 'v-2' }, ctx));
    expect(validator.check(name, server, second, check)).toBeNull();
    // Accepted but never applied (e.g. the store failed): the copy no longer matches and is rebuilt,
    // so the same content sent again is checked again, not waved through as already known.
    const forged = editOf(laptopOf(server), (doc) =>
      addContact(doc, { ...contact, id: 'v-3' }, { writer: 'someone-else', today: TODAY }),
    );
    expect(validator.check(name, server, forged, check)).toMatchObject({ rule: 'forged-writer' });
    expect(validator.check(name, server, forged, check)).toMatchObject({ rule: 'forged-writer' });
    validator.forgetAll();
  });

  it('drops a copy once the record had no write for the idle time, and still checks the next update', () => {
    const [server, validator, name] = [serverDoc(), new UpdateValidator(), `yp:${record.profile.id}`];
    const laptop = laptopOf(server);
    const first = editOf(laptop, (doc) => addContact(doc, { ...contact, id: 'i-1' }, ctx));
    const written = Date.now();
    expect(validator.check(name, server, first, check)).toBeNull();
    Y.applyUpdate(server, first);
    expect(validator.size).toBe(1);
    expect(validator.forgetIdle(30_000, written - 1)).toBe(0);
    expect(validator.size).toBe(1);
    expect(validator.forgetIdle(30_000, Date.now() + 30_000)).toBe(1);
    expect(validator.size).toBe(0);
    // Without its copy, the next update is checked against the document as before.
    const forged = editOf(laptop, (doc) =>
      addContact(doc, { ...contact, id: 'i-2' }, { writer: 'someone-else', today: TODAY }),
    );
    expect(validator.check(name, server, forged, check)).toMatchObject({ rule: 'forged-writer' });
    const own = editOf(laptopOf(server), (doc) => addContact(doc, { ...contact, id: 'i-3' }, ctx));
    expect(validator.check(name, server, own, check)).toBeNull();
    expect(validator.size).toBe(1);
    validator.forgetAll();
  });
});
