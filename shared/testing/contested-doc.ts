/**
 * A real offline conflict for tests: two people each set an accommodation period's suitability on
 * their own copy of the same record doc, then the copies merge (Yjs keeps one value and the other is
 * what the record reports as contested). Test support only (synthetic records).
 */
import * as Y from 'yjs';
import type { AccommodationPeriod } from '../domain/model.ts';
import { setAccommodationSuitability } from '../ydoc/write-record.ts';

/** One person's offline edit: who wrote it and what they set. */
export interface SuitabilityEdit extends Pick<AccommodationPeriod, 'suitable' | 'suitabilityReason'> {
  readonly writer: string;
}

/** A copy of `base` with both edits of period `periodId` made apart and merged (the first doc's view). */
export function mergedSuitabilityEdits(
  base: Y.Doc,
  periodId: string,
  today: string,
  edits: readonly [SuitabilityEdit, SuitabilityEdit],
): Y.Doc {
  const [first, second] = edits.map(({ writer, suitable, suitabilityReason }) => {
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(base));
    setAccommodationSuitability(copy, periodId, { suitable, suitabilityReason }, { writer, today });
    return copy;
  });
  if (first === undefined || second === undefined) throw new Error('Two edits are needed for a conflict.');
  Y.applyUpdate(first, Y.encodeStateAsUpdate(second));
  return first;
}
