/**
 * The fields an edit form changed, so a save writes only those (the shared writers skip unchanged
 * fields too, but sending fewer keeps the record's history and any contested fields honest).
 */

/** Values compare by content; date-times compare as instants ('…T10:00:00Z' equals '…T11:00:00+01:00'). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string' && a !== b && /T\d{2}:\d{2}/.test(a + b)) {
    const [left, right] = [Date.parse(a), Date.parse(b)];
    if (!Number.isNaN(left) && !Number.isNaN(right)) return left === right;
  }
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The fields of `next` whose values differ from `current`; the id is never part of a patch. */
export function changedOnly<T extends object>(current: T, next: Partial<T>): Partial<T> {
  const currentValues = current as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(next).filter(
      ([field, value]) => field !== 'id' && value !== undefined && !sameValue(currentValues[field], value),
    ),
  ) as Partial<T>;
}

export function isEmptyPatch(patch: object): boolean {
  return Object.keys(patch).length === 0;
}
