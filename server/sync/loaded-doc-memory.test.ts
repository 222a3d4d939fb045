/** Slimming a loaded record changes nothing about it: same bytes, same reads, same history. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { generateCaseload } from '../../shared/synthetic/generator.ts';
import { readRecord } from '../../shared/ydoc/read-record.ts';
import { addContact, createRecordDoc, updateEntry } from '../../shared/ydoc/write-record.ts';
import { slimLoadedDoc } from './loaded-doc-memory.ts';

const TODAY = '2026-03-01';

describe('slimLoadedDoc', () => {
  it('keeps a record byte for byte and read for read, and it still merges new writes', () => {
    const [record] = generateCaseload({ seed: 31, count: 1, today: TODAY });
    if (!record?.contacts[0]) throw new Error('the synthetic record needs a contact');
    const stored = Y.encodeStateAsUpdate(createRecordDoc(record, { writer: 'pa-seed', today: TODAY }));
    const loaded = new Y.Doc({ gc: false });
    Y.applyUpdate(loaded, stored);
    const before = readRecord(loaded);

    expect(slimLoadedDoc(loaded)).toBeGreaterThan(100);
    expect(Y.encodeStateAsUpdate(loaded)).toEqual(stored);
    expect(readRecord(loaded)).toEqual(before);

    // A client's later write applies and reads as usual.
    const laptop = new Y.Doc();
    Y.applyUpdate(laptop, stored);
    const vector = Y.encodeStateVector(laptop);
    addContact(
      laptop,
      { ...record.contacts[0], id: 'slim-new', notes: 'Synthetic note' },
      { writer: 'pa-seed', today: TODAY },
    );
    Y.applyUpdate(loaded, Y.encodeStateAsUpdate(laptop, vector));
    expect(readRecord(loaded)).toEqual(readRecord(laptop));
    expect(Y.encodeStateAsUpdate(loaded)).toEqual(Y.encodeStateAsUpdate(laptop));
  });

  it('shares one frozen listener registry among nested maps: changes still apply, observing one throws', () => {
    const [record] = generateCaseload({ seed: 32, count: 1, today: TODAY });
    const contact = record?.contacts[0];
    if (!record || !contact) throw new Error('the synthetic record needs a contact');
    const stored = Y.encodeStateAsUpdate(createRecordDoc(record, { writer: 'pa-seed', today: TODAY }));
    const loaded = new Y.Doc({ gc: false });
    Y.applyUpdate(loaded, stored);
    slimLoadedDoc(loaded);

    const entry = loaded.getMap<unknown>('contacts').get(contact.id);
    if (!(entry instanceof Y.Map)) throw new Error('no contact entry');
    const other = [...loaded.getMap<unknown>('contacts').values()].find((e) => e !== entry);
    if (!(other instanceof Y.Map)) throw new Error('the synthetic record needs two contacts');
    expect(entry._eH).toBe(other._eH);
    expect(() => entry.observe(() => undefined)).toThrow(TypeError);
    expect(() => entry.observeDeep(() => undefined)).toThrow(TypeError);
    expect(entry._eH.l).toHaveLength(0);

    // An edit of a slimmed entry and a new entry apply; the document's own listeners still hear them.
    const laptop = new Y.Doc();
    Y.applyUpdate(laptop, stored);
    const vector = Y.encodeStateVector(laptop);
    updateEntry(
      laptop,
      'contacts',
      contact.id,
      { notes: 'Synthetic edited note' },
      {
        writer: 'pa-seed',
        today: TODAY,
      },
    );
    addContact(laptop, { ...contact, id: 'slim-new-2' }, { writer: 'pa-seed', today: TODAY });
    const heard: Uint8Array[] = [];
    loaded.on('update', (update: Uint8Array) => heard.push(update));
    const roots: Y.YMapEvent<unknown>[] = [];
    loaded.getMap<unknown>('contacts').observe((event) => roots.push(event));
    Y.applyUpdate(loaded, Y.encodeStateAsUpdate(laptop, vector));
    expect(heard).toHaveLength(1);
    expect(roots).toHaveLength(1);
    expect(readRecord(loaded)).toEqual(readRecord(laptop));

    // A map created after slimming has a registry of its own.
    const added = loaded.getMap<unknown>('contacts').get('slim-new-2');
    if (!(added instanceof Y.Map)) throw new Error('no new contact entry');
    const events: unknown[] = [];
    added.observe((event) => events.push(event));
    expect(added._eH).not.toBe(entry._eH);
    expect(entry._eH.l).toHaveLength(0);
  });
});
