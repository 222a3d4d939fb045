/**
 * The preview of an import: for every CHILD in the files, whether Waymark would create a record, update
 * one, leave it alone, or refuse it (with file, line, column and reason), and where the system of record
 * and what PAs recorded in Waymark differ. Nothing is written here: server/exchange applies a plan only
 * after the person importing confirms it.
 *
 * Ownership rules (issue 15): a field is updated from the files only while the record still holds the
 * value the previous import wrote (its provenance, see sor-doc.ts); if someone changed it in Waymark since,
 * the two values are listed as a difference for a person to settle and the record is left as it is.
 * Nothing PAs recorded (contacts, plans, notes, …) is ever touched.
 */
import { currentCategory } from '../domain/eligibility.ts';
import { isWithin, type IsoDate } from '../domain/dates.ts';
import type { Profile, YoungPersonRecord } from '../domain/model.ts';
import { newRecord as recordWithProfile } from '../domain/record.ts';
import { OC3_AGES, returnBirthday } from '../returns/oc3.ts';
import { collectionYear } from '../returns/collection-year.ts';
import { deriveCare, outOfScopeReason } from './derive-care.ts';
import { parsePeople, type PeopleMapping, type PersonRow } from './people-file.ts';
import { FILE_LABELS, type Refusal } from './refusal.ts';
import {
  changedSorFields,
  EMPTY_SOR_STATE,
  SOR_FIELD_LABELS,
  SOR_PROFILE_FIELDS,
  type Oc3HistoryEntry,
  type SorEpisode,
  type SorProfileField,
  type SorState,
} from './sor-doc.ts';
import { parseSsda903, type Episode, type HeaderRow, type Oc3ImportRow } from './ssda903-files.ts';

export interface ImportFiles {
  readonly header: string;
  readonly episodes: string;
  readonly oc3?: string | undefined;
  readonly people: string;
  readonly peopleMapping: PeopleMapping;
}

export interface StaffMember {
  readonly id: string;
  readonly username: string;
  readonly role: string;
  readonly teamId: string | null;
  readonly disabled: boolean;
}

export interface TeamRef {
  readonly id: string;
  readonly name: string;
}

export interface ExistingRecord {
  readonly profile: Profile;
  readonly sor: SorState;
  readonly assignment: { readonly paUserId: string; readonly teamId: string } | null;
}

export interface ParsedImport {
  readonly yearEnding: number;
  readonly today: IsoDate;
  readonly header: ReadonlyMap<string, HeaderRow>;
  readonly episodes: ReadonlyMap<string, readonly Episode[]>;
  readonly oc3: ReadonlyMap<string, readonly Oc3ImportRow[]>;
  readonly people: ReadonlyMap<string, PersonRow>;
  readonly refusals: readonly Refusal[];
}

export interface ImportContext {
  readonly staff: readonly StaffMember[];
  readonly teams: readonly TeamRef[];
  /** A team manager's import: only this team's PAs and records. Null for an operator. */
  readonly scopeTeamId: string | null;
  /** The records already on the server, by young person id. */
  readonly existing: ReadonlyMap<string, ExistingRecord>;
}

export type PersonAction = 'create' | 'update' | 'unchanged';

export interface PersonPlan {
  readonly child: string;
  readonly youngPersonId: string;
  readonly action: PersonAction;
  /** The whole new record, for 'create'. */
  readonly newRecord: YoungPersonRecord | null;
  /** Profile fields to change, for 'update'. */
  readonly profilePatch: Partial<Profile>;
  /** System-of-record fields to write (sor-doc.ts). */
  readonly sorFields: Readonly<Record<string, unknown>>;
  /** The assignment to set (create, or a reassignment the files make). */
  readonly assignTo: { readonly paUserId: string; readonly teamId: string } | null;
  /** Human names of what changes (for the preview). */
  readonly changes: readonly string[];
}

export interface Difference {
  readonly child: string;
  readonly youngPersonId: string;
  readonly field: string;
  readonly label: string;
  readonly systemOfRecord: string;
  readonly waymark: string;
}

export interface ImportCounts {
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  /** Young people refused (each refused child once, whatever the number of rows). */
  readonly refused: number;
  /** Rows refused that leave the young person in (OC3 rows). */
  readonly rowsRefused: number;
  readonly outOfScope: number;
}

export interface OutOfScope {
  readonly child: string;
  readonly reason: string;
}

export interface ImportPlan {
  readonly yearEnding: number;
  readonly today: IsoDate;
  readonly counts: ImportCounts;
  readonly people: readonly PersonPlan[];
  readonly refusals: readonly Refusal[];
  readonly differences: readonly Difference[];
  readonly outOfScope: readonly OutOfScope[];
}

/** The Waymark id of the record made for a CHILD: stable, so a re-import finds the same record. */
export function youngPersonIdForChild(child: string): string {
  return `sor-${child}`;
}

/** Reads and checks all four files (throws CsvFileError / PeopleMappingError for a whole-file problem). */
export function readImportFiles(files: ImportFiles, yearEnding: number, today: IsoDate): ParsedImport {
  const ssda = parseSsda903(files, yearEnding, today);
  const people = parsePeople(files.people, files.peopleMapping);
  return {
    yearEnding,
    today,
    header: ssda.header,
    episodes: ssda.episodes,
    oc3: ssda.oc3,
    people: people.people,
    refusals: [...ssda.refusals, ...people.refusals],
  };
}

/** The young person ids the files are about: what the server loads before planning. */
export function childrenOf(parsed: ParsedImport): string[] {
  return [...parsed.header.keys()];
}

function episodeForDoc(episode: Episode): SorEpisode {
  return {
    decom: episode.decom,
    dec: episode.dec,
    rne: episode.rne,
    ls: episode.ls,
    cin: episode.cin,
    place: episode.place,
    placeProvider: episode.placeProvider,
    rec: episode.rec,
    reasonPlaceChange: episode.reasonPlaceChange,
  };
}

function display(value: unknown): string {
  if (value === null || value === undefined || value === '') return '(blank)';
  return String(value);
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

interface PlanningState {
  readonly parsed: ParsedImport;
  readonly ctx: ImportContext;
  readonly refusals: Refusal[];
  readonly refusedChildren: Set<string>;
  readonly differences: Difference[];
  readonly outOfScope: OutOfScope[];
  readonly people: PersonPlan[];
}

function refuseChild(state: PlanningState, refusal: Omit<Refusal, 'scope'>): void {
  state.refusals.push({ ...refusal, scope: 'child' });
  if (refusal.child !== '') state.refusedChildren.add(refusal.child);
}

/**
 * The OC3 rows as history entries dated by the birthday they report, as the DfE counts birthdays (a 29
 * February birthday on 28 February: returnBirthday), the date Waymark derives its own rows for; rows with
 * no such birthday are refused.
 */
function oc3Entries(state: PlanningState, child: string, header: HeaderRow): Oc3HistoryEntry[] {
  const year = collectionYear(state.parsed.yearEnding);
  const entries: Oc3HistoryEntry[] = [];
  for (const row of state.parsed.oc3.get(child) ?? []) {
    if (row.inTouch === '' && row.activ === '' && row.accom === '') continue;
    const age = OC3_AGES.find((n) => isWithin(returnBirthday(header.dateOfBirth, n), year.start, year.end));
    if (age === undefined) {
      state.refusals.push({
        kind: 'oc3-rule',
        file: FILE_LABELS.oc3,
        line: row.line,
        column: 'DOB',
        child,
        reason: `no 17th to 21st birthday falls in the collection year ${year.label}`,
        scope: 'row',
      });
      continue;
    }
    entries.push({
      birthday: returnBirthday(header.dateOfBirth, age),
      yearEnding: state.parsed.yearEnding,
      inTouch: row.inTouch,
      activ: row.activ,
      accom: row.accom,
    });
  }
  return entries;
}

function resolvePa(state: PlanningState, person: PersonRow): StaffMember | null {
  const { ctx } = state;
  const base = { file: FILE_LABELS.people, line: person.line, child: person.child };
  const pa = ctx.staff.find((member) => member.username === person.paUsername);
  if (pa === undefined || pa.role !== 'pa' || pa.disabled || pa.teamId === null) {
    refuseChild(state, {
      ...base,
      kind: 'unknown-pa',
      column: 'PA',
      reason: `${JSON.stringify(person.paUsername)} is not an active Personal Adviser's username in Waymark`,
    });
    return null;
  }
  if (person.team !== null) {
    const team = ctx.teams.find((t) => t.id === pa.teamId);
    const named = person.team.toLowerCase();
    if (team === undefined || (team.name.toLowerCase() !== named && team.id !== person.team)) {
      refuseChild(state, {
        ...base,
        kind: 'other-team',
        column: 'Team',
        reason: `the PA ${person.paUsername} is not in the team ${JSON.stringify(person.team)}`,
      });
      return null;
    }
  }
  if (ctx.scopeTeamId !== null && pa.teamId !== ctx.scopeTeamId) {
    refuseChild(state, {
      ...base,
      kind: 'other-team',
      column: 'PA',
      reason: `the PA ${person.paUsername} is not in your team: a team manager imports for their own team only`,
    });
    return null;
  }
  return pa;
}

function planPerson(state: PlanningState, header: HeaderRow): void {
  const { parsed, ctx } = state;
  const child = header.child;
  const episodes = parsed.episodes.get(child);
  const person = parsed.people.get(child);
  if (episodes === undefined) return; // refused while parsing
  if (person === undefined) {
    refuseChild(state, {
      kind: 'no-person-row',
      file: FILE_LABELS.header,
      line: header.line,
      column: 'CHILD',
      child,
      reason: `CHILD ${child} has no row in the people file, so Waymark has no name for them`,
    });
    return;
  }
  const youngPersonId = youngPersonIdForChild(child);
  const existing = ctx.existing.get(youngPersonId);
  if (existing?.assignment && ctx.scopeTeamId !== null && existing.assignment.teamId !== ctx.scopeTeamId) {
    refuseChild(state, {
      kind: 'other-team',
      file: FILE_LABELS.header,
      line: header.line,
      column: 'CHILD',
      child,
      reason: `CHILD ${child} is on another team's caseload in Waymark`,
    });
    return;
  }
  const pa = resolvePa(state, person);
  if (pa === null || pa.teamId === null) return;
  const care = deriveCare(header.dateOfBirth, episodes, parsed.today);
  const outReason = outOfScopeReason(header.dateOfBirth, care, parsed.today);
  if (existing === undefined && (outReason !== null || care.category === null)) {
    state.outOfScope.push({ child, reason: outReason ?? 'not a care leaver' });
    return;
  }
  const oc3 = oc3Entries(state, child, header);
  const imported: Record<SorProfileField, unknown> = {
    dateOfBirth: header.dateOfBirth,
    dateLeftCare: care.dateLeftCare,
    category: care.category ?? existing?.profile.category ?? 'qualifying',
    becameEligibleOn: care.becameEligibleOn,
    givenName: person.givenName,
    familyName: person.familyName,
    preferredName: person.preferredName,
  };
  const episodesForDoc = episodes.map(episodeForDoc);
  if (existing === undefined) {
    const profile = {
      id: youngPersonId,
      givenName: person.givenName,
      familyName: person.familyName,
      preferredName: person.preferredName,
      dateOfBirth: header.dateOfBirth,
      category: imported.category,
      dateLeftCare: care.dateLeftCare,
      becameEligibleOn: care.becameEligibleOn,
      allocatedPaId: pa.id,
      paAllocatedOn: parsed.today,
      teamId: pa.teamId,
      supportExtendedTo25: false,
    } as Profile;
    const sor: SorState = {
      child,
      imported: { ...imported, paUsername: pa.username },
      episodes: episodesForDoc,
      oc3,
    };
    state.people.push({
      child,
      youngPersonId,
      action: 'create',
      newRecord: recordWithProfile(profile),
      profilePatch: {},
      sorFields: changedSorFields(EMPTY_SOR_STATE, sor),
      assignTo: { paUserId: pa.id, teamId: pa.teamId },
      changes: ['new record'],
    });
    return;
  }
  planUpdate(state, {
    child,
    youngPersonId,
    existing,
    imported,
    pa: { ...pa, teamId: pa.teamId },
    episodes: episodesForDoc,
    oc3,
  });
}

interface UpdateInput {
  readonly child: string;
  readonly youngPersonId: string;
  readonly existing: ExistingRecord;
  readonly imported: Record<SorProfileField, unknown>;
  readonly pa: StaffMember & { readonly teamId: string };
  readonly episodes: readonly SorEpisode[];
  readonly oc3: readonly Oc3HistoryEntry[];
}

function sameCategory(profile: Profile, a: unknown, b: unknown, today: IsoDate): boolean {
  if (same(a, b)) return true;
  const as = (category: unknown) =>
    currentCategory({ ...profile, category: category as Profile['category'] }, today);
  return as(a) === as(b);
}

function planUpdate(state: PlanningState, input: UpdateInput): void {
  const { existing, child, youngPersonId, pa } = input;
  const today = state.parsed.today;
  const profile = existing.profile;
  const patch: Record<string, unknown> = {};
  const provenance: Record<string, unknown> = { ...existing.sor.imported };
  const changes: string[] = [];
  for (const field of SOR_PROFILE_FIELDS) {
    const next = input.imported[field];
    const current = profile[field];
    const previous = existing.sor.imported[field];
    const equal = field === 'category' ? sameCategory(profile, current, next, today) : same(current, next);
    if (equal) {
      if (
        !same(previous, next) &&
        !(field === 'category' && previous !== undefined && sameCategory(profile, previous, next, today))
      )
        provenance[field] = next;
      continue;
    }
    const untouched =
      previous !== undefined &&
      (field === 'category' ? sameCategory(profile, current, previous, today) : same(current, previous));
    if (untouched) {
      patch[field] = next;
      provenance[field] = next;
      changes.push(SOR_FIELD_LABELS[field]);
    } else
      state.differences.push({
        child,
        youngPersonId,
        field,
        label: SOR_FIELD_LABELS[field],
        systemOfRecord: display(next),
        waymark: display(current),
      });
  }
  let assignTo: PersonPlan['assignTo'] = null;
  const currentPa = state.ctx.staff.find((member) => member.id === existing.assignment?.paUserId);
  if (currentPa?.username !== pa.username) {
    const previousPa = existing.sor.imported.paUsername;
    if (existing.assignment === null || (previousPa !== undefined && previousPa === currentPa?.username)) {
      assignTo = { paUserId: pa.id, teamId: pa.teamId };
      patch['allocatedPaId'] = pa.id;
      patch['paAllocatedOn'] = today;
      patch['teamId'] = pa.teamId;
      provenance['paUsername'] = pa.username;
      changes.push(SOR_FIELD_LABELS.paUsername);
    } else
      state.differences.push({
        child,
        youngPersonId,
        field: 'paUsername',
        label: SOR_FIELD_LABELS.paUsername,
        systemOfRecord: pa.username,
        waymark: currentPa?.username ?? '(none)',
      });
  } else if (existing.sor.imported.paUsername !== pa.username) provenance['paUsername'] = pa.username;
  const byBirthday = new Map(existing.sor.oc3.map((entry) => [entry.birthday, entry]));
  for (const entry of input.oc3) byBirthday.set(entry.birthday, entry);
  const next: SorState = {
    child,
    imported: provenance,
    episodes: input.episodes,
    oc3: [...byBirthday.values()].sort((a, b) => (a.birthday < b.birthday ? -1 : 1)),
  };
  const sorFields = changedSorFields(existing.sor, next);
  if (Object.keys(sorFields).some((f) => f === 'episodes')) changes.push('Episodes of care');
  if (Object.keys(sorFields).some((f) => f.startsWith('oc3.'))) changes.push('OC3 history');
  const action: PersonAction =
    Object.keys(patch).length > 0 || Object.keys(sorFields).length > 0 || assignTo !== null
      ? 'update'
      : 'unchanged';
  state.people.push({
    child,
    youngPersonId,
    action,
    newRecord: null,
    profilePatch: patch as Partial<Profile>,
    sorFields,
    assignTo,
    changes,
  });
}

/** Plans an import of parsed files against the records already held. Pure: writes nothing. */
export function planImport(parsed: ParsedImport, ctx: ImportContext): ImportPlan {
  const state: PlanningState = {
    parsed,
    ctx,
    refusals: [...parsed.refusals],
    refusedChildren: new Set(
      parsed.refusals.filter((r) => r.scope === 'child' && r.child !== '').map((r) => r.child),
    ),
    differences: [],
    outOfScope: [],
    people: [],
  };
  for (const header of parsed.header.values()) {
    if (state.refusedChildren.has(header.child)) continue;
    planPerson(state, header);
  }
  const people = state.people.filter((p) => !state.refusedChildren.has(p.child));
  const count = (action: PersonAction) => people.filter((p) => p.action === action).length;
  return {
    yearEnding: parsed.yearEnding,
    today: parsed.today,
    counts: {
      created: count('create'),
      updated: count('update'),
      unchanged: count('unchanged'),
      refused: state.refusedChildren.size,
      rowsRefused: state.refusals.filter((r) => r.scope === 'row').length,
      outOfScope: state.outOfScope.length,
    },
    people,
    refusals: state.refusals,
    differences: state.differences.filter((d) => !state.refusedChildren.has(d.child)),
    outOfScope: state.outOfScope,
  };
}
