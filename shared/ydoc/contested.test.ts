import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  keepClearOfMigrationClients,
  MIGRATION_CLIENT_LIMIT,
  checkWriteContext,
  readFields,
  WRITE_SEPARATOR,
  writeFields,
  type WriteContext,
} from './contested.ts';

const alice: WriteContext = { writer: 'alice', today: '2025-06-01' };
const bob: WriteContext = { writer: 'bob', today: '2025-06-01' };

/** Sends everything `from` has that `to` lacks, as a sync provider would. */
function sync(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}
function exchange(a: Y.Doc, b: Y.Doc): void {
  sync(a, b);
  sync(b, a);
}
function write(doc: Y.Doc, values: Record<string, unknown>, ctx: WriteContext): void {
  doc.transact(() => writeFields(doc.getMap('m'), values, ctx));
}
const read = (doc: Y.Doc) => readFields(doc.getMap('m'));

describe('contested single-valued fields, across two Y.Docs', () => {
  it('keeps the later of two writes made one after the other, uncontested', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    write(a, { suitable: true }, alice);
    exchange(a, b);
    write(b, { suitable: false }, bob);
    exchange(a, b);
    expect(read(a)).toEqual({ values: { suitable: false }, contested: {} });
    expect(read(b)).toEqual(read(a));
    expect(a.getMap('m').size).toBe(1);
  });
  it('shows both values when two people set a field differently offline, and both replicas agree', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    write(a, { suitable: true, reason: '' }, alice);
    exchange(a, b);
    write(a, { suitable: false }, alice);
    write(b, { suitable: true }, { writer: 'bob', today: '2025-06-02' });
    exchange(a, b);
    const fromA = read(a);
    expect(fromA.values).toEqual({ suitable: true, reason: '' });
    expect(fromA.contested).toEqual({
      suitable: [
        { value: true, by: 'bob', on: '2025-06-02' },
        { value: false, by: 'alice', on: '2025-06-01' },
      ],
    });
    expect(read(b)).toEqual(fromA);
  });
  it('picks the same winner on every replica when the dates are equal', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    write(a, { code: 'D' }, alice);
    write(b, { code: 'W' }, bob);
    exchange(a, b);
    expect(read(a).values).toEqual(read(b).values);
    expect(read(a).contested['code']).toHaveLength(2);
  });
  it('does not treat the same value set twice offline as a contest', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    write(a, { suitable: false }, alice);
    write(b, { suitable: false }, bob);
    exchange(a, b);
    expect(read(a)).toEqual({ values: { suitable: false }, contested: {} });
  });
  it('settles a contest when someone who has seen every value writes the field', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const c = new Y.Doc();
    write(a, { suitable: false }, alice);
    write(b, { suitable: true }, bob);
    write(c, { suitable: true }, { writer: 'carol', today: '2025-05-01' });
    exchange(a, b);
    exchange(b, c);
    exchange(a, c);
    expect(read(a).contested['suitable']).toHaveLength(3);
    write(a, { suitable: false }, alice);
    exchange(a, b);
    exchange(a, c);
    for (const doc of [a, b, c]) expect(read(doc)).toEqual({ values: { suitable: false }, contested: {} });
  });
  it('leaves other fields alone and ignores keys it did not write', () => {
    const a = new Y.Doc();
    write(a, { one: 1, two: 2 }, alice);
    write(a, { two: 3 }, alice);
    a.getMap('m').set('legacy', 'plain value');
    a.getMap('m').set(`broken${WRITE_SEPARATOR}x`, { nothing: true });
    expect(read(a)).toEqual({ values: { one: 1, two: 3 }, contested: {} });
    write(a, {}, alice);
    expect(a.getMap('m').size).toBe(4);
  });
  it('stores undefined as null', () => {
    const a = new Y.Doc();
    write(a, { endDate: undefined }, alice);
    expect(read(a).values).toEqual({ endDate: null });
  });
  it('refuses to write a map that belongs to no document', () => {
    expect(() => writeFields(new Y.Map(), { a: 1 }, alice)).toThrow(/must belong to a Y.Doc/);
  });
});

describe('checkWriteContext', () => {
  it('needs a writer and a real date', () => {
    expect(() => checkWriteContext({ writer: ' ', today: '2025-13-01' })).toThrow(
      'Invalid write context: writer: must name the user making the change; today: must be a real date written yyyy-MM-dd',
    );
    expect(() => checkWriteContext(alice)).not.toThrow();
  });
});

describe('keepClearOfMigrationClients', () => {
  it('moves a laptop document’s client id out of the range kept for the migration, and only then', () => {
    const low = new Y.Doc();
    low.clientID = 5;
    keepClearOfMigrationClients(low);
    expect(low.clientID).toBeGreaterThanOrEqual(MIGRATION_CLIENT_LIMIT);
    expect(low.clientID).toBeLessThan(2 ** 32);
    const high = new Y.Doc();
    const drawn = high.clientID < MIGRATION_CLIENT_LIMIT ? MIGRATION_CLIENT_LIMIT + 7 : high.clientID;
    high.clientID = drawn;
    keepClearOfMigrationClients(high);
    expect(high.clientID).toBe(drawn);
  });
});
