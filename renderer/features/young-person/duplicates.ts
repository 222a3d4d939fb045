/** Possible duplicates of a new young person on this laptop: same name and date of birth. */
import type { CaseloadRow } from '../../db/caseload-row.ts';

function normalise(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, ' ');
}

export function possibleDuplicates(
  rows: readonly CaseloadRow[],
  person: { givenName: string; familyName: string; preferredName: string; dateOfBirth: string },
): CaseloadRow[] {
  const names = new Set(
    [person.givenName, person.preferredName]
      .filter((name) => name.trim() !== '')
      .map((name) => normalise(`${name} ${person.familyName}`)),
  );
  return rows.filter(
    (row) => row.dateOfBirth === person.dateOfBirth && names.has(normalise(row.displayName)),
  );
}
