/** Seeded synthetic records as Y.Doc updates, for load, soak and fuzz runs (no real people). */
import * as Y from 'yjs';
import type { IsoDate } from '../../../../shared/domain/dates.ts';
import type { YoungPersonRecord } from '../../../../shared/domain/model.ts';
import { generateCaseload } from '../../../../shared/synthetic/generator.ts';
import { createRecordDoc } from '../../../../shared/ydoc/write-record.ts';

export interface EncodedRecord {
  readonly id: string;
  readonly record: YoungPersonRecord;
  /** The whole record doc as one Yjs update. */
  readonly update: Uint8Array;
}

export function encodedCaseload(seed: number, count: number, today: IsoDate): EncodedRecord[] {
  return generateCaseload({ seed, count, today }).map((record) => {
    const doc = createRecordDoc(record, { writer: 'seed', today });
    const update = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    return { id: record.profile.id, record, update };
  });
}

/** Days between the earliest dated entry of a record and `today`: how long a history it holds. */
export function historyDays(record: YoungPersonRecord, today: IsoDate): number {
  const dates = [
    ...record.contacts.map((c) => c.at.slice(0, 10)),
    ...record.accommodation.map((a) => a.startDate),
    ...record.eet.map((e) => e.startDate),
    ...record.reviews.map((r) => r.date),
  ].sort();
  const first = dates[0];
  if (first === undefined) return 0;
  return Math.round((Date.parse(today) - Date.parse(first)) / 86_400_000);
}
