/**
 * The in-place migration to encoding version 2 (migrate-in-place.ts), fast-check: for random edit
 * histories (version 1, or version 1 with newer version 2 writes; several devices, stale forms, undo,
 * offline edits merged in any order) the migrated document reads the same record, contests and history,
 * migrating again changes nothing, and once the replaced content is collected the record is smaller;
 * and for random offline edits on devices that have not seen the migration (version 1 or 2 writes,
 * undo of the session's changes, new entries), merged in random order with the migrated record, every
 * device reads exactly what it reads after the same merge without the migration.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  apply,
  CLIENTS,
  DAYS,
  devices,
  exchangeInOrder,
  newSessions,
  opArbitrary,
  orders,
  readAll,
  scripts,
  syncDocs,
  type Device,
  type Write,
} from '../testing/record-edit-scripts.ts';
import type { IsoDate } from '../domain/dates.ts';
import { generateCaseload } from '../synthetic/generator.ts';
import { version1RecordDoc, writeFieldsVersion1 } from '../testing/version1-writes.ts';
import { readRecord } from './read-record.ts';
import { createRecordDoc } from './write-record.ts';
import { writeFields, type RegisterMap } from './contested.ts';
import { collectMigratedContent, migrateRecordInPlace } from './migrate-in-place.ts';
import { RecordNotMigratableError } from './migrate-record.ts';

/** A day after every write of the scripts: everything is settled. */
const LATER = '2027-01-01';
const SERVER = 90_001;

function loadedFrom(state: Uint8Array, client = SERVER): Y.Doc {
  const doc = new Y.Doc({ gc: false });
  Y.applyUpdate(doc, state);
  // After loading: Yjs gives a document a new client id when an update brings content of its own.
  doc.clientID = client;
  return doc;
}

const copyOf = (doc: Y.Doc): Y.Doc => loadedFrom(Y.encodeStateAsUpdate(doc));

/** Version 1 writes a reader still reads (held under a key, not replaced by a copy). */
function version1Keys(doc: Y.Doc): number {
  let count = 0;
  const maps: RegisterMap[] = [doc.getMap('profile')];
  for (const entry of doc.getMap<unknown>('contacts').values())
    if (entry instanceof Y.Map) maps.push(entry as RegisterMap);
  for (const map of maps)
    for (const item of map._map.values()) {
      const value: unknown = item.content.getContent().at(-1);
      if (typeof value === 'object' && value !== null && 'by' in value) count += 1;
    }
  return count;
}

const writerOf =
  (version2: readonly boolean[]) =>
  (device: number): Write =>
    version2[device] === true ? writeFields : writeFieldsVersion1;

describe('migrating a record to encoding version 2 in place', () => {
  // Size is not a property of any history: a handful of writes may not pay for the writers map entries and
  // the copies' Yjs ids (a random 5-edit history came out 1 byte larger). It is checked below on whole
  // synthetic records, and measured in bench/record-size.bench.ts.
  it('reads the same record, contests and history; again changes nothing; collected, it reads the same', () => {
    fc.assert(
      fc.property(scripts, orders, fc.boolean(), (script, order, mixed) => {
        const all = devices(writeFieldsVersion1);
        for (const o of script) apply(all, o, writerOf([mixed, false, false]));
        exchangeInOrder(all, order);
        for (const { doc } of all) {
          const migrated = copyOf(doc);
          const report = migrateRecordInPlace(migrated, { settledBefore: LATER, client: 7 });
          // Only a write put back by an undo while another device superseded it is left in version 1.
          expect(version1Keys(migrated)).toBe(report.left);
          if (!script.some((o) => o.kind === 'undo')) expect(report.left).toBe(0);
          expect(readAll(migrated)).toEqual(readAll(doc));
          // Migrating twice is migrating once: nothing is written the second time.
          const state = Y.encodeStateAsUpdate(migrated);
          expect(migrateRecordInPlace(migrated, { settledBefore: LATER, client: 8 })).toEqual({
            migrated: 0,
            left: report.left,
          });
          expect(Y.encodeStateAsUpdate(migrated)).toEqual(state);
          // Collected (as the server compacts it), sent and loaded where deleted content is kept.
          collectMigratedContent(migrated);
          const loaded = copyOf(migrated);
          expect(readAll(loaded)).toEqual(readAll(doc));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('makes whole records written in version 1 smaller once collected, reading the same', () => {
    const writer = '5f0c3a9e-2b7d-4c1e-9a6f-0d8b7e4c2a11';
    const today: IsoDate = '2026-03-01';
    for (const record of generateCaseload({ seed: 2026, count: 25, today })) {
      const doc = version1RecordDoc(createRecordDoc(record, { writer, today }, new Y.Doc({ gc: false })));
      const before = Y.encodeStateAsUpdate(doc).byteLength;
      const read = readRecord(doc);
      migrateRecordInPlace(doc, { settledBefore: LATER });
      collectMigratedContent(doc);
      const loaded = copyOf(doc);
      expect(readRecord(loaded)).toEqual(read);
      expect(Y.encodeStateAsUpdate(loaded).byteLength).toBeLessThan(before * 0.8);
    }
  });

  it('merges with offline devices’ edits made without it as the same merge without it', () => {
    const recent = fc.array(opArbitrary(3, 4), { minLength: 0, maxLength: 15 });
    const old = fc.array(opArbitrary(0, 2), { minLength: 1, maxLength: 20 });
    const version2 = fc.array(fc.boolean(), { minLength: CLIENTS.length, maxLength: CLIENTS.length });
    fc.assert(
      fc.property(
        old,
        recent,
        fc.subarray([0, 1, 2]),
        recent,
        version2,
        fc.array(fc.nat({ max: CLIENTS.length }), { minLength: 1, maxLength: 5 }),
        fc.boolean(),
        (history, session, sent, offline, writesVersion2, order, collect) => {
          // Weeks ago: a version 1 record edited on three devices (some undone), exchanged everywhere.
          const all = devices(writeFieldsVersion1);
          for (const o of history) apply(all, o, () => writeFieldsVersion1);
          exchangeInOrder(all, [0, 1, 2]);
          const server = copyOf(all[0]?.doc ?? new Y.Doc());
          // This week's sessions (their changes can be undone): some reach the server before it migrates.
          newSessions(all);
          const write = writerOf(writesVersion2);
          for (const o of session) apply(all, o, write);
          for (const index of sent) syncDocs((all[index] as Device).doc, server);
          const unmigrated = copyOf(server);
          migrateRecordInPlace(server, { settledBefore: DAYS[3], client: 7 });
          if (collect) collectMigratedContent(server);
          // Offline meanwhile: more edits and undo, without the migration.
          for (const o of offline) apply(all, o, write);
          const states = all.map(({ doc }) => ({ state: Y.encodeStateAsUpdate(doc), client: doc.clientID }));
          const merge = (held: Y.Doc): unknown[][] => {
            const docs = [...states.map(({ state, client }) => loadedFrom(state, client)), copyOf(held)];
            const reads: unknown[][] = [];
            // In random order: one party sends everything it holds to all the others, then all to all.
            for (const index of order) {
              const from = docs[index % docs.length] as Y.Doc;
              for (const to of docs) if (to !== from) syncDocs(from, to);
              reads.push(docs.map(readAll));
            }
            for (const from of docs) for (const to of docs) if (to !== from) syncDocs(from, to);
            reads.push(docs.map(readAll));
            return reads;
          };
          const withMigration = merge(server);
          expect(withMigration).toEqual(merge(unmigrated));
          const final = withMigration.at(-1) ?? [];
          for (const read of final) expect(read).toEqual(final[0]);
        },
      ),
      { numRuns: 100 },
    );
  }, 180_000);

  it('refuses, changing nothing, a record holding content it would not carry', () => {
    const doc = new Y.Doc({ gc: false });
    doc.transact(() => {
      writeFieldsVersion1(doc.getMap('profile'), { alpha: 'A' }, { writer: 'pa-1', today: DAYS[0] });
      doc.getMap<unknown>('profile').set('plain-key', 'not a write');
    });
    const before = Y.encodeStateAsUpdate(doc);
    expect(() => migrateRecordInPlace(doc, { settledBefore: LATER })).toThrow(RecordNotMigratableError);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
    const other = new Y.Doc({ gc: false });
    writeFieldsVersion1(other.getMap('profile'), { alpha: 'A' }, { writer: 'pa-1', today: DAYS[0] });
    other.getArray('newer-version').push(['x']);
    expect(() => migrateRecordInPlace(other, { settledBefore: LATER })).toThrow(/unknown to this version/);
  });

  it('leaves alone the fields written on or after the day it is given', () => {
    const doc = new Y.Doc({ gc: false });
    const profile = doc.getMap<unknown>('profile') as RegisterMap;
    writeFieldsVersion1(profile, { alpha: 'A', beta: 'B' }, { writer: 'pa-1', today: DAYS[0] });
    writeFieldsVersion1(profile, { beta: 'C' }, { writer: 'pa-1', today: DAYS[3] });
    expect(migrateRecordInPlace(doc, { settledBefore: DAYS[3], client: 7 })).toEqual({
      migrated: 1,
      left: 2,
    });
    expect(version1Keys(doc)).toBe(2);
  });
});
