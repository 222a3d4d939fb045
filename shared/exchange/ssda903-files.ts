/**
 * Parsing and checking the SSDA903 Header, Episodes and OC3 CSV files row by row. Every problem becomes
 * a Refusal naming file, line, column and reason; rows that pass become typed values with ISO dates.
 * Only the fields Waymark uses are kept (data minimisation): UPN, MOTHER, MC_DOB and the postcodes and
 * URN of the episodes are read past, never stored.
 */
import { nthBirthday, type IsoDate } from '../domain/dates.ts';
import { fromDfeDate, type Oc3RowInput } from '../returns/oc3.ts';
import { validateOc3Table, type Oc3Failure } from '../returns/oc3-validation.ts';
import { dateLeftCareFrom } from './derive-care.ts';
import { cell, readCsvTable, type CsvTable, type CsvTableRow } from './csv-table.ts';
import { FILE_LABELS, type Refusal, type RefusalKind } from './refusal.ts';
import {
  CHILD_ID_PATTERN,
  CIN_CODES,
  ETHNIC_CODES,
  LS_CODES,
  PLACE_CODES,
  PLACE_PROVIDER_CODES,
  REASON_PLACE_CHANGE_CODES,
  REC_CODES,
  REC_CONTINUES,
  REQUIRED_EPISODE_COLUMNS,
  REQUIRED_HEADER_COLUMNS,
  REQUIRED_OC3_COLUMNS,
  RNE_CODES,
  SEX_CODES,
} from './ssda903-codes.ts';

export interface HeaderRow {
  readonly line: number;
  readonly child: string;
  readonly sex: string;
  readonly dateOfBirth: IsoDate;
  readonly ethnic: string;
}

export interface Episode {
  readonly line: number;
  readonly child: string;
  readonly decom: IsoDate;
  readonly rne: string;
  readonly ls: string;
  readonly cin: string;
  readonly place: string;
  readonly placeProvider: string;
  readonly dec: IsoDate | null;
  readonly rec: string | null;
  readonly reasonPlaceChange: string;
}

export interface Oc3ImportRow {
  readonly line: number;
  readonly child: string;
  readonly dateOfBirth: IsoDate;
  readonly inTouch: string;
  readonly activ: string;
  readonly accom: string;
}

export interface Ssda903Texts {
  readonly header: string;
  readonly episodes: string;
  /** Optional: a council may import without care-leaver history. */
  readonly oc3?: string | undefined;
}

export interface ParsedSsda903 {
  /** Children whose Header row passed, by CHILD. */
  readonly header: ReadonlyMap<string, HeaderRow>;
  /** Episodes that passed their row checks, by CHILD, in DECOM order. */
  readonly episodes: ReadonlyMap<string, readonly Episode[]>;
  readonly oc3: ReadonlyMap<string, readonly Oc3ImportRow[]>;
  readonly refusals: readonly Refusal[];
}

type Checker = (column: string, kind: RefusalKind, reason: string) => void;

function refuser(
  refusals: Refusal[],
  file: string,
  row: CsvTableRow,
  child: string,
  scope: Refusal['scope'],
): Checker {
  return (column, kind, reason) =>
    refusals.push({ kind, file, line: row.line, column, child, reason, scope });
}

function checkCode(
  refuse: Checker,
  column: string,
  value: string,
  codes: readonly string[],
  allowBlank = false,
): void {
  if (value === '' && allowBlank) return;
  if (value === '') refuse(column, 'missing-value', `${column} is blank; it is required`);
  else if (!codes.includes(value))
    refuse(
      column,
      'unknown-code',
      `${JSON.stringify(value)} is not a valid ${column} code (expected one of ${codes.join(', ')})`,
    );
}

function readDate(refuse: Checker, column: string, value: string, required: boolean): IsoDate | null {
  if (value === '') {
    if (required) refuse(column, 'missing-value', `${column} is blank; it is required`);
    return null;
  }
  const date = fromDfeDate(value);
  if (date === null)
    refuse(column, 'bad-date', `${JSON.stringify(value)} is not a real date written dd/mm/yyyy`);
  return date;
}

function readChild(refuse: Checker, value: string): boolean {
  if (value === '') {
    refuse('CHILD', 'missing-value', 'CHILD is blank; it is required');
    return false;
  }
  if (!CHILD_ID_PATTERN.test(value)) {
    refuse('CHILD', 'bad-id', 'CHILD must be 1 to 40 letters, digits, "-" or "_"');
    return false;
  }
  return true;
}

function parseHeader(table: CsvTable, today: IsoDate, refusals: Refusal[]): Map<string, HeaderRow> {
  const file = FILE_LABELS.header;
  const rows = new Map<string, HeaderRow>();
  const duplicated = new Set<string>();
  for (const row of table.rows) {
    const child = cell(table, row, 'CHILD');
    const refuse = refuser(refusals, file, row, child, 'child');
    const before = refusals.length;
    if (!readChild(refuse, child)) continue;
    if (rows.has(child) || duplicated.has(child)) {
      refuse('CHILD', 'duplicate-child', `CHILD ${child} has more than one row in the Header file`);
      duplicated.add(child);
      rows.delete(child);
      continue;
    }
    const sex = cell(table, row, 'SEX');
    const ethnic = cell(table, row, 'ETHNIC');
    checkCode(refuse, 'SEX', sex, SEX_CODES);
    checkCode(refuse, 'ETHNIC', ethnic, ETHNIC_CODES);
    const dob = readDate(refuse, 'DOB', cell(table, row, 'DOB'), true);
    if (dob !== null && dob > today)
      refuse('DOB', 'dob-in-future', `date of birth ${cell(table, row, 'DOB')} is in the future`);
    if (refusals.length === before && dob !== null)
      rows.set(child, { line: row.line, child, sex, dateOfBirth: dob, ethnic });
    else duplicated.add(child);
  }
  return rows;
}

function parseEpisodeRow(table: CsvTable, row: CsvTableRow, today: IsoDate, refuse: Checker): Episode | null {
  let ok = true;
  const guard: Checker = (column, kind, reason) => {
    ok = false;
    refuse(column, kind, reason);
  };
  const child = cell(table, row, 'CHILD');
  const get = (column: string) => cell(table, row, column);
  checkCode(guard, 'RNE', get('RNE'), RNE_CODES);
  checkCode(guard, 'LS', get('LS'), LS_CODES);
  checkCode(guard, 'CIN', get('CIN'), CIN_CODES);
  checkCode(guard, 'PLACE', get('PLACE'), PLACE_CODES);
  checkCode(guard, 'PLACE_PROVIDER', get('PLACE_PROVIDER'), PLACE_PROVIDER_CODES, true);
  checkCode(guard, 'REASON_PLACE_CHANGE', get('REASON_PLACE_CHANGE'), REASON_PLACE_CHANGE_CODES, true);
  const decom = readDate(guard, 'DECOM', get('DECOM'), true);
  const dec = readDate(guard, 'DEC', get('DEC'), false);
  const rec = get('REC');
  if (dec === null && get('DEC') === '' && rec !== '')
    guard('REC', 'missing-value', 'REC is filled in but DEC is blank: both or neither');
  if (get('DEC') !== '' && rec === '') guard('REC', 'missing-value', 'REC is blank but DEC is filled in');
  if (rec !== '') checkCode(guard, 'REC', rec, REC_CODES);
  if (decom !== null && decom > today) guard('DECOM', 'bad-date', `DECOM ${get('DECOM')} is in the future`);
  if (dec !== null && dec > today) guard('DEC', 'bad-date', `DEC ${get('DEC')} is in the future`);
  if (decom !== null && dec !== null && dec < decom)
    guard('DEC', 'bad-date', `DEC ${get('DEC')} is before DECOM ${get('DECOM')}`);
  if (!ok || decom === null) return null;
  return {
    line: row.line,
    child,
    decom,
    rne: get('RNE'),
    ls: get('LS'),
    cin: get('CIN'),
    place: get('PLACE'),
    placeProvider: get('PLACE_PROVIDER'),
    dec,
    rec: rec === '' ? null : rec,
    reasonPlaceChange: get('REASON_PLACE_CHANGE'),
  };
}

/** Checks one child's episodes together: dates against the birth date, overlaps, the X1 chain. */
function checkEpisodeSequence(episodes: readonly Episode[], header: HeaderRow, refusals: Refusal[]): boolean {
  const before = refusals.length;
  const file = FILE_LABELS.episodes;
  const push = (episode: Episode, column: string, kind: RefusalKind, reason: string) =>
    refusals.push({ kind, file, line: episode.line, column, child: episode.child, reason, scope: 'child' });
  const eighteenth = nthBirthday(header.dateOfBirth, 18);
  for (const episode of episodes) {
    if (episode.decom < header.dateOfBirth)
      push(episode, 'DECOM', 'bad-date', 'DECOM is before the date of birth in the Header file');
    if (episode.dec !== null && episode.dec > eighteenth)
      push(episode, 'DEC', 'bad-date', `DEC is after the 18th birthday (${eighteenth}): care ends at 18`);
  }
  episodes.forEach((episode, index) => {
    const next = episodes[index + 1];
    if (next === undefined) {
      if (episode.rec === REC_CONTINUES)
        push(
          episode,
          'REC',
          'bad-date',
          'REC is X1 (a new episode follows) but no later episode is in the file',
        );
      return;
    }
    if (episode.dec === null || episode.dec > next.decom)
      push(
        next,
        'DECOM',
        'episode-overlap',
        `this episode starts before the episode on line ${episode.line} ends${episode.dec === null ? ' (that episode has no DEC)' : ''}`,
      );
  });
  return refusals.length === before;
}

function parseEpisodes(
  table: CsvTable,
  header: ReadonlyMap<string, HeaderRow>,
  knownChildren: ReadonlySet<string>,
  today: IsoDate,
  refusals: Refusal[],
): Map<string, Episode[]> {
  const file = FILE_LABELS.episodes;
  const byChild = new Map<string, Episode[]>();
  const bad = new Set<string>();
  for (const row of table.rows) {
    const child = cell(table, row, 'CHILD');
    const refuse = refuser(refusals, file, row, child, 'child');
    if (!readChild(refuse, child)) continue;
    if (!knownChildren.has(child)) {
      refuse('CHILD', 'not-in-header', `CHILD ${child} has episodes but no row in the Header file`);
      continue;
    }
    const episode = parseEpisodeRow(table, row, today, refuse);
    if (episode === null) bad.add(child);
    else byChild.set(child, [...(byChild.get(child) ?? []), episode]);
  }
  const out = new Map<string, Episode[]>();
  for (const [child, list] of byChild) {
    const headerRow = header.get(child);
    if (headerRow === undefined || bad.has(child)) continue;
    const sorted = [...list].sort((a, b) =>
      a.decom < b.decom ? -1 : a.decom > b.decom ? 1 : a.line - b.line,
    );
    if (checkEpisodeSequence(sorted, headerRow, refusals)) out.set(child, sorted);
  }
  return out;
}

interface Oc3Candidate {
  readonly row: CsvTableRow;
  readonly input: Oc3RowInput;
  readonly refuse: Checker;
}

/**
 * The OC3 rows, checked against the DfE's rules for the whole table (validateOc3Table): each row's rules,
 * and 1007 and 1016 against the date each child ceased to be looked after, taken from their episodes
 * (a 17- or 18-year-old still looked after on the birthday, or who left care on or after it, has no
 * care-leaver information). Only the row is refused.
 */
function parseOc3(
  table: CsvTable,
  header: ReadonlyMap<string, HeaderRow>,
  episodes: ReadonlyMap<string, readonly Episode[]>,
  knownChildren: ReadonlySet<string>,
  yearEnding: number,
  refusals: Refusal[],
): Map<string, Oc3ImportRow[]> {
  const file = FILE_LABELS.oc3;
  const before = refusals.length;
  const seen = new Map<string, number>();
  const candidates: Oc3Candidate[] = [];
  for (const row of table.rows) {
    const child = cell(table, row, 'CHILD');
    const refuse = refuser(refusals, file, row, child, 'row');
    if (!readChild(refuse, child)) continue;
    if (!knownChildren.has(child)) {
      refuse('CHILD', 'not-in-header', `CHILD ${child} is in the OC3 file but has no row in the Header file`);
      continue;
    }
    const earlier = seen.get(child);
    if (earlier !== undefined) {
      refuse('CHILD', 'duplicate-child', `CHILD ${child} already has an OC3 row on line ${earlier}`);
      continue;
    }
    seen.set(child, row.line);
    const input = {
      CHILD: child,
      DOB: cell(table, row, 'DOB'),
      IN_TOUCH: cell(table, row, 'IN_TOUCH'),
      ACTIV: cell(table, row, 'ACTIV'),
      ACCOM: cell(table, row, 'ACCOM'),
    };
    candidates.push({ row, input, refuse });
  }
  const careEnded = new Map([...episodes].map(([child, list]) => [child, dateLeftCareFrom(list)]));
  const failuresByIndex = new Map(
    validateOc3Table(
      candidates.map((candidate) => candidate.input),
      yearEnding,
      { careEnded },
    ).map((row) => [row.index, row.failures]),
  );
  const out = new Map<string, Oc3ImportRow[]>();
  candidates.forEach(({ row, input, refuse }, index) => {
    const failures = failuresByIndex.get(index) ?? [];
    for (const failure of failures)
      refuse(
        failure.field,
        oc3RefusalReason(failure, input[failure.field]),
        failure.rule === 'local' ? failure.message : `DfE rule ${failure.rule}: ${failure.message}`,
      );
    const dob = fromDfeDate(input.DOB);
    const headerRow = header.get(input.CHILD);
    if (dob !== null && headerRow !== undefined && dob !== headerRow.dateOfBirth)
      refuse('DOB', 'dob-mismatch', `DOB ${input.DOB} differs from the date of birth in the Header file`);
    if (failures.length > 0 || dob === null || (headerRow !== undefined && dob !== headerRow.dateOfBirth))
      return;
    out.set(input.CHILD, [
      {
        line: row.line,
        child: input.CHILD,
        dateOfBirth: dob,
        inTouch: input.IN_TOUCH,
        activ: input.ACTIV,
        accom: input.ACCOM,
      },
    ]);
  });
  // The table's rules run after every row is read: list this file's refusals in line order again.
  for (const refusal of refusals.splice(before).sort((a, b) => a.line - b.line)) refusals.push(refusal);
  return out;
}

/**
 * Reads the three files of one collection year (ending 31 March `yearEnding`). Whole-file problems
 * (unreadable CSV, missing columns) throw CsvFileError; row problems become refusals.
 */
export function parseSsda903(texts: Ssda903Texts, yearEnding: number, today: IsoDate): ParsedSsda903 {
  const refusals: Refusal[] = [];
  const headerTable = readCsvTable(FILE_LABELS.header, texts.header, REQUIRED_HEADER_COLUMNS);
  const episodeTable = readCsvTable(FILE_LABELS.episodes, texts.episodes, REQUIRED_EPISODE_COLUMNS);
  const oc3Table =
    texts.oc3 === undefined || texts.oc3.trim() === ''
      ? null
      : readCsvTable(FILE_LABELS.oc3, texts.oc3, REQUIRED_OC3_COLUMNS);
  const header = parseHeader(headerTable, today, refusals);
  const known = new Set(
    headerTable.rows.map((row) => cell(headerTable, row, 'CHILD')).filter((c) => c !== ''),
  );
  const episodes = parseEpisodes(episodeTable, header, known, today, refusals);
  const oc3 =
    oc3Table === null
      ? new Map<string, Oc3ImportRow[]>()
      : parseOc3(oc3Table, header, episodes, known, yearEnding, refusals);
  for (const [child, row] of header)
    if (!episodes.has(child) && !refusals.some((r) => r.child === child && r.scope === 'child'))
      refusals.push({
        kind: 'no-episodes',
        file: FILE_LABELS.header,
        line: row.line,
        column: 'CHILD',
        child,
        reason: `CHILD ${child} has no episodes of care in the Episodes file`,
        scope: 'child',
      });
  return { header, episodes, oc3, refusals };
}

/**
 * Rules 131–133 are the DfE's code lists (a blank fails them too: that is a missing value); the local
 * DOB rule is a date that cannot be read.
 */
function oc3RefusalReason(
  failure: Oc3Failure,
  value: string,
): 'missing-value' | 'unknown-code' | 'bad-date' | 'oc3-rule' {
  if (failure.rule === '131' || failure.rule === '132' || failure.rule === '133')
    return value.trim() === '' ? 'missing-value' : 'unknown-code';
  if (failure.rule === 'local' && failure.field === 'DOB') return 'bad-date';
  return 'oc3-rule';
}
