/** Slimming a loaded record changes nothing about it: same bytes, same reads, same history. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { generateCaseload } from '../../shared/synthetic/generator.ts';
import { readRecord } from '../../shared/ydoc/read-record.ts';
import { addContact, createRecordDoc } from '../../shared/ydoc/write-record.ts';
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
});
