/**
 * The people file: the names the SSDA903 return does not carry, the allocated PA and the team, one row
 * per CHILD. Councils export it from their case management system with their own column names, so the
 * person importing maps each Waymark field to one of the file's columns (guessed from common names).
 */
import { z } from 'zod';
import { cell, readCsvTable, type CsvTable } from './csv-table.ts';
import { FILE_LABELS, type Refusal } from './refusal.ts';
import { CHILD_ID_PATTERN } from './ssda903-codes.ts';

export const PEOPLE_FIELDS = [
  'child',
  'givenName',
  'familyName',
  'preferredName',
  'paUsername',
  'team',
] as const;
export type PeopleField = (typeof PEOPLE_FIELDS)[number];

export const PEOPLE_FIELD_LABELS: Readonly<Record<PeopleField, string>> = {
  child: 'CHILD (the SSDA903 child id)',
  givenName: 'Given name',
  familyName: 'Family name',
  preferredName: 'Preferred name',
  paUsername: 'Allocated PA (Waymark username)',
  team: 'Team',
};

/** Fields every mapping must name; preferred name and team may be left unmapped. */
export const REQUIRED_PEOPLE_FIELDS: readonly PeopleField[] = [
  'child',
  'givenName',
  'familyName',
  'paUsername',
];

/** Which column of the file holds each field (null: not in this file). */
export const peopleMappingSchema = z.object({
  child: z.string().trim().min(1, { error: 'choose the column that holds CHILD' }),
  givenName: z.string().trim().min(1, { error: 'choose the column that holds the given name' }),
  familyName: z.string().trim().min(1, { error: 'choose the column that holds the family name' }),
  preferredName: z.string().trim().min(1).nullable().default(null),
  paUsername: z.string().trim().min(1, { error: 'choose the column that holds the allocated PA' }),
  team: z.string().trim().min(1).nullable().default(null),
});
export type PeopleMapping = z.output<typeof peopleMappingSchema>;

const GUESSES: Readonly<Record<PeopleField, readonly string[]>> = {
  child: ['child', 'child id', 'childid', 'child_id', 'lcs id', 'person id'],
  givenName: ['given name', 'given_name', 'forename', 'first name', 'firstname', 'first_name'],
  familyName: ['family name', 'family_name', 'surname', 'last name', 'lastname', 'last_name'],
  preferredName: ['preferred name', 'preferred_name', 'known as', 'known_as'],
  paUsername: [
    'pa',
    'pa username',
    'pa_username',
    'allocated pa',
    'allocated_pa',
    'worker',
    'worker username',
  ],
  team: ['team', 'team name', 'team_name'],
};

/** A mapping guessed from the header names; fields with no likely column are null. */
export function guessPeopleMapping(header: readonly string[]): Record<PeopleField, string | null> {
  const find = (field: PeopleField) =>
    header.find((name) => GUESSES[field].includes(name.trim().toLowerCase())) ?? null;
  return {
    child: find('child'),
    givenName: find('givenName'),
    familyName: find('familyName'),
    preferredName: find('preferredName'),
    paUsername: find('paUsername'),
    team: find('team'),
  };
}

export interface PersonRow {
  readonly line: number;
  readonly child: string;
  readonly givenName: string;
  readonly familyName: string;
  readonly preferredName: string | null;
  readonly paUsername: string;
  /** The team named in the file, or null when the mapping has no team column or the cell is blank. */
  readonly team: string | null;
}

export interface ParsedPeople {
  readonly people: ReadonlyMap<string, PersonRow>;
  readonly refusals: readonly Refusal[];
}

export class PeopleMappingError extends Error {
  override readonly name = 'PeopleMappingError';
}

function checkMapping(table: CsvTable, mapping: PeopleMapping): void {
  for (const field of PEOPLE_FIELDS) {
    const column = mapping[field];
    if (column !== null && !table.header.some((h) => h.toUpperCase() === column.toUpperCase()))
      throw new PeopleMappingError(
        `${PEOPLE_FIELD_LABELS[field]}: the people file has no column ${JSON.stringify(column)}`,
      );
  }
}

const NAME_MAX = 100;

/** Reads the people file through a column mapping. Duplicate or incomplete rows are refused. */
export function parsePeople(text: string, mapping: PeopleMapping): ParsedPeople {
  const file = FILE_LABELS.people;
  const table = readCsvTable(file, text);
  checkMapping(table, mapping);
  const refusals: Refusal[] = [];
  const people = new Map<string, PersonRow>();
  const duplicated = new Set<string>();
  for (const row of table.rows) {
    const get = (field: PeopleField) => {
      const column = mapping[field];
      return column === null ? '' : cell(table, row, column);
    };
    const child = get('child');
    const refuse = (field: PeopleField, kind: Refusal['kind'], reason: string) =>
      refusals.push({
        kind,
        file,
        line: row.line,
        column: mapping[field] ?? field,
        child,
        reason,
        scope: 'child',
      });
    const before = refusals.length;
    if (child === '') refuse('child', 'missing-value', 'CHILD is blank; it is required');
    else if (!CHILD_ID_PATTERN.test(child))
      refuse('child', 'bad-id', 'CHILD must be 1 to 40 letters, digits, "-" or "_"');
    else if (people.has(child) || duplicated.has(child)) {
      refuse('child', 'duplicate-child', `CHILD ${child} has more than one row in the people file`);
      duplicated.add(child);
      people.delete(child);
      continue;
    }
    for (const field of ['givenName', 'familyName', 'paUsername'] as const)
      if (get(field) === '')
        refuse(field, 'missing-value', `${PEOPLE_FIELD_LABELS[field]} is blank; it is required`);
    for (const field of ['givenName', 'familyName', 'preferredName'] as const)
      if (get(field).length > NAME_MAX)
        refuse(field, 'missing-value', `${PEOPLE_FIELD_LABELS[field]} is longer than ${NAME_MAX} characters`);
    if (refusals.length > before) {
      if (child !== '') duplicated.add(child);
      continue;
    }
    people.set(child, {
      line: row.line,
      child,
      givenName: get('givenName'),
      familyName: get('familyName'),
      preferredName: get('preferredName') === '' ? null : get('preferredName'),
      paUsername: get('paUsername').toLowerCase(),
      team: get('team') === '' ? null : get('team'),
    });
  }
  return { people, refusals };
}
