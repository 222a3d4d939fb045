/**
 * A synthetic council for import tests and benchmarks: young people with whole care histories, written
 * out as the SSDA903 Header, Episodes and OC3 files and a people file for any collection year, so that a
 * later year shows the changes a real one would (children leaving care, new OC3 birthdays). Optional
 * deliberate bad rows, one refusal reason per extra child, with what the import must say about each.
 * Entirely synthetic (seeded names, ids and dates).
 */
import { ACCOM_VALUES, ACTIV_CODES, type InTouchCode } from '../../domain/codes.ts';
import {
  addDaysIso,
  epochDayOf,
  formatIsoDate,
  isoFromEpochDay,
  isWithin,
  nthBirthday,
  type IsoDate,
} from '../../domain/dates.ts';
import { toCsv } from '../../returns/csv.ts';
import { collectionYear } from '../../returns/collection-year.ts';
import { returnBirthday, toDfeDate } from '../../returns/oc3.ts';
import { syntheticFamilyName, syntheticGivenName } from '../../synthetic/names.ts';
import { createRng, mixSeed, type Rng } from '../../synthetic/random.ts';
import { deriveCare } from '../derive-care.ts';
import type { RefusalKind } from '../refusal.ts';
import { EPISODE_COLUMNS, HEADER_COLUMNS } from '../ssda903-codes.ts';

export interface CouncilPa {
  readonly username: string;
  readonly team: string;
}

export interface CouncilEpisode {
  readonly decom: IsoDate;
  readonly dec: IsoDate | null;
  readonly rne: string;
  readonly ls: string;
  readonly place: string;
  readonly rec: string | null;
}

export interface CouncilChild {
  readonly child: string;
  readonly dateOfBirth: IsoDate;
  readonly sex: '1' | '2';
  readonly givenName: string;
  readonly familyName: string;
  readonly preferredName: string | null;
  readonly pa: CouncilPa;
  readonly episodes: readonly CouncilEpisode[];
  /** OC3 values by age (17–21). */
  readonly oc3: Readonly<Record<number, { inTouch: InTouchCode; activ: string; accom: string }>>;
}

export interface CouncilOptions {
  readonly seed: number;
  readonly count: number;
  /** The first collection year the council's records reach (children are aged relative to it). */
  readonly yearEnding: number;
  readonly pas: readonly CouncilPa[];
}

export interface ExpectedRefusal {
  readonly child: string;
  readonly kind: RefusalKind;
  readonly file: string;
  readonly scope: 'child' | 'row';
}

export interface CouncilFiles {
  readonly header: string;
  readonly episodes: string;
  readonly oc3: string;
  readonly people: string;
  /** The refusals the deliberate bad rows must produce. */
  readonly expectedRefusals: readonly ExpectedRefusal[];
}

export const PEOPLE_HEADER = ['CHILD', 'Forename', 'Surname', 'Known as', 'PA', 'Team'] as const;

function dobForAge(rng: Rng, age: number, yearEnding: number): IsoDate {
  const latest = epochDayOf(formatIsoDate(yearEnding - age, 3, 31));
  const earliest = epochDayOf(formatIsoDate(yearEnding - age - 1, 4, 1));
  return isoFromEpochDay(rng.int(earliest, latest));
}

function dayAtAge(rng: Rng, dob: IsoDate, from: number, to: number): IsoDate {
  const start = epochDayOf(nthBirthday(dob, Math.floor(from))) + Math.round((from % 1) * 365);
  const end = epochDayOf(nthBirthday(dob, Math.floor(to))) + Math.round((to % 1) * 365);
  return isoFromEpochDay(rng.int(start, Math.max(start, end)));
}

type Pattern = 'long' | 'late' | 'short' | 'before16';

function careSpan(rng: Rng, dob: IsoDate, pattern: Pattern): { start: IsoDate; end: IsoDate } {
  const eighteenth = nthBirthday(dob, 18);
  switch (pattern) {
    case 'long': {
      const start = dayAtAge(rng, dob, 8, 15.5);
      const end = rng.chance(0.6) ? eighteenth : dayAtAge(rng, dob, 16.1, 17.9);
      return { start, end };
    }
    case 'late': {
      const start = dayAtAge(rng, dob, 16.1, 16.5);
      return { start, end: rng.chance(0.5) ? eighteenth : addDaysIso(start, rng.int(120, 300)) };
    }
    case 'short': {
      const start = dayAtAge(rng, dob, 16.1, 17.5);
      return { start, end: addDaysIso(start, rng.int(14, 80)) };
    }
    case 'before16': {
      const start = dayAtAge(rng, dob, 11, 13);
      return { start, end: dayAtAge(rng, dob, 14.5, 15.8) };
    }
  }
}

function episodesFor(rng: Rng, dob: IsoDate, pattern: Pattern): CouncilEpisode[] {
  const span = careSpan(rng, dob, pattern);
  const episodes: CouncilEpisode[] = [];
  if (pattern === 'long' && rng.chance(0.15)) {
    // A series of short breaks before coming into care: never counts towards the 13 weeks.
    const start = addDaysIso(span.start, -rng.int(200, 400));
    episodes.push({ decom: start, dec: addDaysIso(start, 60), rne: 'S', ls: 'V3', place: 'U1', rec: 'E13' });
  }
  const total = epochDayOf(span.end) - epochDayOf(span.start);
  const pieces = total > 200 ? rng.int(1, 3) : 1;
  let from = span.start;
  for (let i = 0; i < pieces; i++) {
    const last = i === pieces - 1;
    const to = last ? span.end : addDaysIso(from, Math.floor(total / pieces));
    episodes.push({
      decom: from,
      dec: to,
      rne: i === 0 ? 'S' : 'P',
      ls: rng.pick(['C2', 'C2', 'V2', 'E1']),
      place: rng.pick(['U1', 'U3', 'U4', 'K2', 'H5', 'P2']),
      rec: last ? rng.pick(['E8', 'E13', 'E4A', 'E17']) : 'X1',
    });
    from = to;
  }
  return episodes;
}

function oc3Values(rng: Rng): CouncilChild['oc3'] {
  const out: Record<number, { inTouch: InTouchCode; activ: string; accom: string }> = {};
  for (const age of [17, 18, 19, 20, 21]) {
    const inTouch = rng.weighted<InTouchCode>([
      ['YES', 75],
      ['NO', 10],
      ['REFU', 5],
      ['NREQ', 5],
      ['RHOM', 4],
      ['DIED', 1],
    ]);
    if (inTouch !== 'YES') out[age] = { inTouch, activ: '0', accom: '0' };
    else {
      // Former foster carers (Z) not around a 17th birthday (DfE rule 3001); a Foyer (T) only for young
      // people 18 or over at the start of the collection year (rule 347), so not at a 17th or 18th birthday.
      const accoms = ACCOM_VALUES.filter(
        (v) => (age >= 18 || !v.startsWith('Z')) && (age >= 19 || !v.startsWith('T')),
      );
      out[age] = { inTouch, activ: rng.pick(ACTIV_CODES), accom: rng.pick(accoms) };
    }
  }
  return out;
}

/** The young people of a synthetic council (deterministic for a seed). */
export function generateCouncil(options: CouncilOptions): CouncilChild[] {
  const children: CouncilChild[] = [];
  for (let i = 0; i < options.count; i++) {
    const rng = createRng(mixSeed(options.seed, i));
    const pattern = rng.weighted<Pattern>([
      ['long', 75],
      ['late', 8],
      ['short', 8],
      ['before16', 4],
    ]);
    const age = rng.weighted<number>([
      [14, 4],
      [16, 18],
      [17, 22],
      [18, 20],
      [19, 18],
      [20, 18],
    ]);
    const dateOfBirth = dobForAge(rng, age, options.yearEnding);
    const givenName = syntheticGivenName(rng);
    children.push({
      child: `C${String(100000 + i)}`,
      dateOfBirth,
      sex: rng.chance(0.5) ? '1' : '2',
      givenName,
      familyName: syntheticFamilyName(rng),
      preferredName: rng.chance(0.2) ? givenName.slice(0, 3) : null,
      pa: rng.pick(options.pas),
      episodes: episodesFor(rng, dateOfBirth, pattern),
      oc3: oc3Values(rng),
    });
  }
  return children;
}

/** The episodes as the return for a year shows them: nothing after 31 March, open episodes blank. */
function episodesAsOf(child: CouncilChild, cutoff: IsoDate): CouncilEpisode[] {
  return child.episodes
    .filter((e) => e.decom <= cutoff)
    .map((e) => (e.dec !== null && e.dec > cutoff ? { ...e, dec: null, rec: null } : e));
}

function headerRow(child: CouncilChild): string[] {
  return [child.child, child.sex, toDfeDate(child.dateOfBirth), 'WBRI', 'UN1', '', ''];
}

function episodeRow(child: string, e: CouncilEpisode): string[] {
  return [
    child,
    toDfeDate(e.decom),
    e.rne,
    e.ls,
    'N1',
    e.place,
    'PR1',
    e.dec === null ? '' : toDfeDate(e.dec),
    e.rec ?? '',
    e.rne === 'P' ? 'CARPL' : '',
    '',
    '',
    'XXXXXXX',
  ];
}

function peopleRow(child: CouncilChild): string[] {
  return [
    child.child,
    child.givenName,
    child.familyName,
    child.preferredName ?? '',
    child.pa.username,
    child.pa.team,
  ];
}

/**
 * The OC3 row a council would return for the child in the year: at a 17th–21st birthday in the year
 * (as the DfE counts birthdays: returnBirthday), for care leavers (not qualifying), leaving out 17- and
 * 18-year-olds still looked after on the birthday or who left care on or after it (DfE rules 1007 and
 * 1016: most leave care on their 18th birthday).
 */
function oc3Row(
  child: CouncilChild,
  episodes: readonly CouncilEpisode[],
  yearEnding: number,
  asOf: IsoDate,
): string[] | null {
  const year = collectionYear(yearEnding);
  const care = deriveCare(child.dateOfBirth, episodes, asOf);
  if (care.category === null || care.category === 'qualifying') return null;
  for (const age of [17, 18, 19, 20, 21]) {
    const birthday = returnBirthday(child.dateOfBirth, age);
    if (!isWithin(birthday, year.start, year.end)) continue;
    const lookedAfterOnBirthday = care.dateLeftCare === null || care.dateLeftCare >= birthday;
    if (age <= 18 && lookedAfterOnBirthday) return null;
    const values = child.oc3[age];
    if (values === undefined) return null;
    return [child.child, toDfeDate(child.dateOfBirth), values.inTouch, values.activ, values.accom];
  }
  return null;
}

export interface YearOptions {
  readonly yearEnding: number;
  /** The day of the import (after the year end). */
  readonly importOn: IsoDate;
  /** Add the deliberate bad rows. */
  readonly badRows?: boolean;
  /** Change the PA of every n-th child in the people file (a later year's reallocations). */
  readonly reallocateEvery?: number;
  readonly pas?: readonly CouncilPa[];
}

function badRows(
  template: CouncilChild,
  yearEnding: number,
  header: string[][],
  episodes: string[][],
  oc3: string[][],
  people: string[][],
): ExpectedRefusal[] {
  const expected: ExpectedRefusal[] = [];
  const base = (id: string): CouncilChild => ({ ...template, child: id });
  const addGood = (child: CouncilChild) => {
    header.push(headerRow(child));
    for (const e of child.episodes) episodes.push(episodeRow(child.child, e));
    people.push(peopleRow(child));
  };
  // unknown code in the Header
  const unknown = base('BAD01');
  addGood(unknown);
  (header.at(-1) as string[])[3] = 'XXXX';
  expected.push({ child: 'BAD01', kind: 'unknown-code', file: 'Header', scope: 'child' });
  // date of birth in the future
  const future = base('BAD02');
  addGood(future);
  (header.at(-1) as string[])[2] = '01/01/2099';
  expected.push({ child: 'BAD02', kind: 'dob-in-future', file: 'Header', scope: 'child' });
  // episodes for a CHILD not in the Header
  episodes.push(episodeRow('BAD03', template.episodes[0] as CouncilEpisode));
  expected.push({ child: 'BAD03', kind: 'not-in-header', file: 'Episodes', scope: 'child' });
  // duplicate CHILD in the Header
  const dup = base('BAD04');
  addGood(dup);
  header.push(headerRow(dup));
  expected.push({ child: 'BAD04', kind: 'duplicate-child', file: 'Header', scope: 'child' });
  // overlapping episodes
  const overlap = base('BAD05');
  addGood(overlap);
  const first = template.episodes[template.episodes.length - 1] as CouncilEpisode;
  episodes.push(episodeRow('BAD05', { ...first, decom: addDaysIso(first.decom, 1), rne: 'P' }));
  expected.push({ child: 'BAD05', kind: 'episode-overlap', file: 'Episodes', scope: 'child' });
  // a date that does not exist
  const badDate = base('BAD06');
  addGood(badDate);
  (episodes.at(-1) as string[])[1] = '31/02/2020';
  expected.push({ child: 'BAD06', kind: 'bad-date', file: 'Episodes', scope: 'child' });
  // an unknown legal status
  const badLs = base('BAD07');
  addGood(badLs);
  (episodes.at(-1) as string[])[3] = 'Z9';
  expected.push({ child: 'BAD07', kind: 'unknown-code', file: 'Episodes', scope: 'child' });
  // no row in the people file
  const noPerson = base('BAD08');
  addGood(noPerson);
  people.pop();
  expected.push({ child: 'BAD08', kind: 'no-person-row', file: 'Header', scope: 'child' });
  // a PA Waymark does not know
  const noPa = base('BAD09');
  addGood(noPa);
  (people.at(-1) as string[])[4] = 'nobody.here';
  expected.push({ child: 'BAD09', kind: 'unknown-pa', file: 'People', scope: 'child' });
  // an OC3 row for a CHILD not in the Header (the row only)
  oc3.push(['BAD10', toDfeDate(template.dateOfBirth), 'YES', 'F2', 'U1']);
  expected.push({ child: 'BAD10', kind: 'not-in-header', file: 'OC3', scope: 'row' });
  // care-leaver information for a young person who left care on their 18th birthday in the year (DfE
  // rule 1016, checked against the Episodes file): the row only; the young person is imported
  const eighteenth = formatIsoDate(yearEnding - 1, 10, 1);
  const leftAt18: CouncilChild = {
    ...base('BAD11'),
    dateOfBirth: formatIsoDate(yearEnding - 19, 10, 1),
    episodes: [
      {
        decom: formatIsoDate(yearEnding - 3, 10, 1),
        dec: eighteenth,
        rne: 'S',
        ls: 'C2',
        place: 'U1',
        rec: 'E8',
      },
    ],
  };
  addGood(leftAt18);
  oc3.push(['BAD11', toDfeDate(leftAt18.dateOfBirth), 'YES', 'F2', 'U1']);
  expected.push({ child: 'BAD11', kind: 'oc3-rule', file: 'OC3', scope: 'row' });
  return expected;
}

/** Writes the four files of one collection year. */
export function writeCouncilYear(children: readonly CouncilChild[], options: YearOptions): CouncilFiles {
  const cutoff = collectionYear(options.yearEnding).end;
  const header: string[][] = [];
  const episodes: string[][] = [];
  const oc3: string[][] = [];
  const people: string[][] = [];
  children.forEach((child, index) => {
    const shown = episodesAsOf(child, cutoff);
    if (shown.length === 0) return;
    header.push(headerRow(child));
    for (const e of shown) episodes.push(episodeRow(child.child, e));
    const row = oc3Row(child, shown, options.yearEnding, options.importOn);
    if (row !== null) oc3.push(row);
    const every = options.reallocateEvery;
    const pas = options.pas ?? [];
    const moved =
      every !== undefined && index % every === 0 && pas.length > 1
        ? {
            ...child,
            pa: pas[(pas.findIndex((p) => p.username === child.pa.username) + 1) % pas.length] as CouncilPa,
          }
        : child;
    people.push(peopleRow(moved));
  });
  const template = children.find(
    (c) => c.episodes.length === 1 && c.episodes[0]?.dec !== null && (c.episodes[0]?.dec ?? '') <= cutoff,
  );
  const expectedRefusals =
    options.badRows && template ? badRows(template, options.yearEnding, header, episodes, oc3, people) : [];
  return {
    header: toCsv(HEADER_COLUMNS, header),
    episodes: toCsv(EPISODE_COLUMNS, episodes),
    oc3: toCsv(['CHILD', 'DOB', 'IN_TOUCH', 'ACTIV', 'ACCOM'], oc3),
    people: toCsv(PEOPLE_HEADER, people),
    expectedRefusals,
  };
}

/** The mapping of PEOPLE_HEADER to Waymark's fields. */
export const COUNCIL_PEOPLE_MAPPING = {
  child: 'CHILD',
  givenName: 'Forename',
  familyName: 'Surname',
  preferredName: 'Known as',
  paUsername: 'PA',
  team: 'Team',
} as const;
