/**
 * Random edit scripts over a record's Y.Doc, for the property tests of the record encodings
 * (shared/ydoc/encoding.property.test.ts, migrate-in-place.property.test.ts): entries created, fields
 * written by two people on three devices, forms opened before a change arrived, undo, offline edits
 * exchanged in random order, and everything a reader gets from a document to compare two runs by.
 * The devices use fixed Yjs client ids, so the write keys that order concurrent writes compare the same
 * way in every run.
 */
import fc from 'fast-check';
import * as Y from 'yjs';
import { readFields, readFieldsAsOf, type RegisterMap, type WriteContext } from '../ydoc/contested.ts';
import { recordChanges } from '../ydoc/history.ts';

/** Above the client ids kept for migrations (contested.ts MIGRATION_CLIENT_LIMIT), as devices' are. */
export const CLIENTS = [1_000_001, 2_000_002, 3_000_003] as const;
export const FIELDS = ['alpha', 'beta', 'gamma'] as const;
export const ENTRIES = ['e1', 'e2'] as const;
export const DAYS = ['2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04', '2026-01-05'] as const;
/** The transaction origin of a person's edit: the only one the devices' undo managers track. */
export const LOCAL = 'local-edit';

export type Op =
  | {
      kind: 'write';
      replica: number;
      target: 'profile' | (typeof ENTRIES)[number];
      fields: (typeof FIELDS)[number][];
      value: string;
      writer: string;
      day: number;
      at: boolean;
      stale: boolean;
    }
  | {
      kind: 'create';
      replica: number;
      id: (typeof ENTRIES)[number];
      value: string;
      writer: string;
      day: number;
    }
  | { kind: 'sync'; from: number; to: number }
  | { kind: 'undo'; replica: number };

/** One script step; writes dated on a day between `firstDay` and `lastDay` (indexes into DAYS). */
export function opArbitrary(firstDay = 0, lastDay = DAYS.length - 1): fc.Arbitrary<Op> {
  const replica = fc.integer({ min: 0, max: CLIENTS.length - 1 });
  const writer = fc.constantFrom('pa-1', 'tm-1');
  const day = fc.integer({ min: firstDay, max: lastDay });
  const value = fc.constantFrom('A', 'B', 'C');
  return fc.oneof(
    {
      weight: 5,
      arbitrary: fc.record({
        kind: fc.constant('write' as const),
        replica,
        target: fc.constantFrom('profile' as const, ...ENTRIES),
        fields: fc.subarray([...FIELDS], { minLength: 1 }),
        value,
        writer,
        day,
        at: fc.boolean(),
        stale: fc.boolean(),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('create' as const),
        replica,
        id: fc.constantFrom(...ENTRIES),
        value,
        writer,
        day,
      }),
    },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('sync' as const), from: replica, to: replica }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('undo' as const), replica }) },
  );
}

export const scripts = fc.array(opArbitrary(), { minLength: 1, maxLength: 30 });
/** The order devices send everything they hold to the others, before everyone exchanges everything. */
export const orders = fc.array(fc.nat({ max: 2 }), { minLength: 1, maxLength: 6 });

export type Write = (map: RegisterMap, values: Readonly<Record<string, unknown>>, ctx: WriteContext) => void;

/** One device: its document, its undo manager and what its user last saw (a form opened then). */
export interface Device {
  readonly doc: Y.Doc;
  undo: Y.UndoManager;
  seen: Y.Snapshot;
}

function undoManagerOf(doc: Y.Doc): Y.UndoManager {
  return new Y.UndoManager(doc, { trackedOrigins: new Set([LOCAL]), captureTimeout: 0 });
}

/** Three devices holding one record, created by `write` on the first (version 1 or 2). */
export function devices(write: Write): Device[] {
  const all = CLIENTS.map((client) => {
    const doc = new Y.Doc({ gc: false });
    doc.clientID = client;
    return doc;
  });
  const [first] = all;
  if (first === undefined) throw new Error('no devices');
  first.transact(() =>
    write(first.getMap('profile'), Object.fromEntries(FIELDS.map((field) => [field, 'start'])), {
      writer: 'pa-1',
      today: DAYS[0],
    }),
  );
  for (const doc of all) if (doc !== first) Y.applyUpdate(doc, Y.encodeStateAsUpdate(first));
  return all.map((doc) => ({ doc, undo: undoManagerOf(doc), seen: Y.snapshot(doc) }));
}

/**
 * Ends every device's editing session and opens the record again: what was done before can no longer
 * be undone, and the device writes with a new Yjs client id (the app opens a record into a new Y.Doc).
 */
export function newSessions(all: readonly Device[]): void {
  for (const device of all) {
    device.undo.destroy();
    device.doc.clientID += 10_000_000;
    device.undo = undoManagerOf(device.doc);
  }
}

/** Sends `to` what `from` holds that it lacks. */
export function syncDocs(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}

function ctxOf(o: { writer: string; day: number; at?: boolean }): WriteContext {
  const today = DAYS[o.day] ?? DAYS[0];
  return { writer: o.writer, today, ...(o.at ? { at: `${today}T10:00:00.000Z` } : {}) };
}

/** Runs one script step on the devices, each device writing with `writeOf(device)`. */
export function apply(all: Device[], o: Op, writeOf: (replica: number) => Write): void {
  if (o.kind === 'sync') {
    const [from, to] = [all[o.from], all[o.to]];
    if (from && to && from !== to) {
      syncDocs(from.doc, to.doc);
      to.seen = Y.snapshot(to.doc);
    }
    return;
  }
  const device = all[o.replica];
  if (device === undefined) return;
  const { doc } = device;
  const write = writeOf(o.replica);
  if (o.kind === 'undo') {
    device.undo.undo();
    return;
  }
  if (o.kind === 'create') {
    const collection = doc.getMap<unknown>('contacts');
    if (collection.has(o.id)) return;
    doc.transact(() => {
      const entry = collection.set(o.id, new Y.Map<unknown>());
      write(entry, Object.fromEntries(FIELDS.map((field) => [field, `${o.value}0`])), ctxOf(o));
    }, LOCAL);
    return;
  }
  const map =
    o.target === 'profile' ? doc.getMap<unknown>('profile') : doc.getMap<unknown>('contacts').get(o.target);
  if (!(map instanceof Y.Map)) return;
  const values = Object.fromEntries(o.fields.map((field) => [field, o.value]));
  const ctx = { ...ctxOf(o), ...(o.stale ? { seen: device.seen } : {}) };
  doc.transact(() => write(map as RegisterMap, values, ctx), LOCAL);
}

/** Everything a reader gets from a document: values and contests now and as of every day, history. */
export function readAll(doc: Y.Doc): unknown {
  const maps: [string, RegisterMap][] = [['profile', doc.getMap('profile')]];
  for (const [id, entry] of doc.getMap<unknown>('contacts').entries())
    if (entry instanceof Y.Map) maps.push([`contacts.${id}`, entry as RegisterMap]);
  maps.sort(([a], [b]) => a.localeCompare(b));
  return {
    now: maps.map(([path, map]) => [path, readFields(map)]),
    asOf: DAYS.map((date) => maps.map(([path, map]) => [path, readFieldsAsOf(map, date)])),
    history: recordChanges(doc)
      .map((change) => JSON.stringify(change))
      .sort(),
  };
}

/** Each device in `order` sends everything it holds to the others. */
export function exchangeInOrder(all: readonly Device[], order: readonly number[]): void {
  for (const index of order) {
    const from = all[index % all.length];
    for (const to of all) if (from && to !== from) syncDocs(from.doc, to.doc);
  }
}
