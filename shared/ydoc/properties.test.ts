/** Properties over any valid record (fast-check): validation, Y.Doc round trip, projection, OC3 rows. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { nthBirthday } from '../domain/dates.ts';
import { validateRecord, youngPersonRecordSchema } from '../domain/record.ts';
import { collectionYearOf } from '../returns/collection-year.ts';
import { validateOc3Row } from '../returns/oc3-validation.ts';
import { deriveOc3Rows } from '../returns/ssda903.ts';
import { arbRecordCase } from '../testing/arbitraries.ts';
import { projectDoc, projectionRowSchema, projectRecord } from './projection.ts';
import { readRecord } from './read-record.ts';
import { createRecordDoc, setAccommodationSuitability } from './write-record.ts';

const runs = { numRuns: 150 };

// Generous: 150 runs of whole-record properties take seconds, and far longer on a busy machine.
describe('properties of any valid record', { timeout: 120_000 }, () => {
  it('the arbitrary only makes valid records', () => {
    fc.assert(
      fc.property(arbRecordCase, ({ record, today }) => {
        expect(validateRecord(record, today)).toEqual(record);
      }),
      runs,
    );
  });
  it('round-trips record → Y.Doc → record, also through an encoded update', () => {
    fc.assert(
      fc.property(arbRecordCase, ({ record, today }) => {
        const doc = createRecordDoc(record, { writer: 'prop', today });
        expect(readRecord(doc)).toEqual(record);
        const copy = new Y.Doc();
        Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
        expect(readRecord(copy)).toEqual(record);
      }),
      runs,
    );
  });
  it('projects any valid document to a valid row, the same as projecting the record', () => {
    fc.assert(
      fc.property(arbRecordCase, ({ record, today }) => {
        const row = projectDoc(createRecordDoc(record, { writer: 'prop', today }), today);
        expect(projectionRowSchema.parse(row)).toEqual(row);
        expect(row).toEqual(projectRecord(record, today));
      }),
      runs,
    );
  });
  // One way only: a row with nothing to complete passes the DfE rules (and so a row they refuse always
  // says what to complete). The converse does not hold: Waymark also asks for completion where the law
  // is stricter than the DfE's checks, e.g. ACCOM Z reported without a Staying Put arrangement
  // (Children Act 1989 s23CZA), which the DfE rules accept (fast-check found such a record).
  it('derives OC3 rows that pass the DfE rules unless the record must be completed first, every year', () => {
    fc.assert(
      fc.property(arbRecordCase, ({ record }) => {
        const dob = record.profile.dateOfBirth;
        const first = collectionYearOf(nthBirthday(dob, 17)).yearEnding;
        const last = collectionYearOf(nthBirthday(dob, 21)).yearEnding;
        for (let year = first; year <= last; year++)
          for (const derived of deriveOc3Rows(record, year))
            if (derived.toComplete.length === 0) expect(validateOc3Row(derived.row, year)).toEqual([]);
      }),
      runs,
    );
  });
  it('converges and stays readable when two replicas assess the same accommodation offline', () => {
    const assessment = fc.record({
      suitable: fc.boolean(),
      reason: fc.constantFrom('', 'Damp', 'Too far away'),
    });
    fc.assert(
      fc.property(arbRecordCase, assessment, assessment, ({ record, today }, mine, theirs) => {
        const [period] = record.accommodation;
        if (period === undefined) return;
        const a = createRecordDoc(record, { writer: 'a', today });
        const b = new Y.Doc();
        Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
        const assess = (doc: Y.Doc, choice: typeof mine, writer: string) => {
          try {
            setAccommodationSuitability(
              doc,
              period.id,
              { suitable: choice.suitable, suitabilityReason: choice.reason },
              { writer, today },
            );
          } catch {
            // Invalid assessments (e.g. B&B as suitable, unsuitable without a reason) are refused: nothing written.
          }
        };
        assess(a, mine, 'a');
        assess(b, theirs, 'b');
        Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
        Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
        const merged = readRecord(a);
        expect(readRecord(b)).toEqual(merged);
        expect(youngPersonRecordSchema.safeParse(merged).success).toBe(true);
        expect(merged.accommodation.map((p) => p.id)).toContain(period.id);
      }),
      runs,
    );
  });
});
