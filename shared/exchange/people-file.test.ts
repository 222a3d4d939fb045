/** The people file through a column mapping. */
import { describe, expect, it } from 'vitest';
import { guessPeopleMapping, parsePeople, peopleMappingSchema, PeopleMappingError } from './people-file.ts';

const mapping = peopleMappingSchema.parse({
  child: 'Child ID',
  givenName: 'First name',
  familyName: 'Last name',
  preferredName: 'Known as',
  paUsername: 'Worker',
  team: 'Team',
});
const HEAD = 'Child ID,First name,Last name,Known as,Worker,Team\r\n';

describe('people file', () => {
  it('guesses a mapping from common column names', () => {
    expect(
      guessPeopleMapping(['Child ID', 'Forename', 'Surname', 'Known as', 'Allocated PA', 'Team']),
    ).toEqual({
      child: 'Child ID',
      givenName: 'Forename',
      familyName: 'Surname',
      preferredName: 'Known as',
      paUsername: 'Allocated PA',
      team: 'Team',
    });
    expect(guessPeopleMapping(['x']).child).toBeNull();
  });

  it('reads rows through the mapping, PA usernames in lower case, blanks as null', () => {
    const parsed = parsePeople(`${HEAD}A1,Ashby,Quillon,,PA.N1,\r\n`, mapping);
    expect(parsed.people.get('A1')).toEqual({
      line: 2,
      child: 'A1',
      givenName: 'Ashby',
      familyName: 'Quillon',
      preferredName: null,
      paUsername: 'pa.n1',
      team: null,
    });
  });

  it('refuses duplicates and blank required cells, naming the column of the file', () => {
    const parsed = parsePeople(
      `${HEAD}A1,A,B,,pa.n1,\r\nA1,A,B,,pa.n1,\r\nA2,,B,,pa.n1,\r\n,A,B,,pa.n1,\r\n`,
      mapping,
    );
    expect(parsed.refusals.map((r) => [r.kind, r.line, r.column])).toEqual([
      ['duplicate-child', 3, 'Child ID'],
      ['missing-value', 4, 'First name'],
      ['missing-value', 5, 'Child ID'],
    ]);
    expect(parsed.people.size).toBe(0);
  });

  it('refuses a mapping naming a column the file does not have', () => {
    expect(() => parsePeople('CHILD\r\n', mapping)).toThrow(PeopleMappingError);
    expect(peopleMappingSchema.safeParse({ child: '' }).success).toBe(false);
  });
});
