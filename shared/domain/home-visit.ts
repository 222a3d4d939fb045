/**
 * A guided home visit: the draft a PA fills in during the visit (kept on the laptop as typed, so a
 * paused visit resumes exactly as left), the checks that say what is still to enter, and the record
 * changes a completed visit makes: one contact entry whose note holds the whole visit in plain language,
 * plus every linked change (a move, a suitability assessment, a new activity, progress on plan actions,
 * entitlements explained or given, a worry for the manager, a review request).
 *
 * Statutory basis: the PA keeps in touch and visits (Children Act 1989 s23C(2), s23D; Care Leavers
 * (England) Regulations 2010 reg 8: visits, seeing the young person, and alone where appropriate);
 * suitability is judged against the matters in reg 9(3) and Schedule 2; a young person may ask for a
 * review of their pathway plan (reg 7(5)(c)).
 */
import { z } from 'zod';
import {
  ACCOM_LABELS,
  ACCOM_LETTERS,
  ACTIV_CODES,
  ACTIV_LABELS,
  NEVER_SUITABLE_LETTERS,
  type AccomLetter,
  type ActivCode,
} from './codes.ts';
import { addDaysIso, isWithin, type IsoDate } from './dates.ts';
import type { FieldIssue } from './errors.ts';
import { entitlementChecklist } from './entitlements.ts';
import type {
  AccommodationPeriod,
  CollectionEntries,
  CollectionName,
  ContactEvent,
  Entitlement,
  PlanAction,
  YoungPersonRecord,
} from './model.ts';
import type { TeamSettings } from './settings.ts';
import { localDateTimeIso, parseTime, parseUkDate, readableDate } from './typed-dates.ts';
import {
  ACTION_STATUS_LABELS,
  ACTION_STATUSES,
  SUITABILITY_MATTER_LABELS,
  SUITABILITY_MATTERS,
  type ActionStatus,
  type ContactOutcome,
  type SuitabilityMatter,
} from './vocabulary.ts';

const text = (max: number) =>
  z
    .string()
    .max(max, { error: `Enter no more than ${max.toLocaleString('en-GB')} characters` })
    .default('');
/**
 * A choice left unanswered is '' (and an unticked radio group, which a form reports as null, reads as
 * unanswered too), so a partial draft is always a valid draft.
 */
const orBlank = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((value) => value ?? '', z.enum(['', ...values]));
const answer = orBlank(['yes', 'no']);

/** What happened when the young person was not seen (an attempt still counts as a recorded contact). */
export const NOT_SEEN_OUTCOMES = [
  'no-response',
  'declined',
  'cancelled',
] as const satisfies readonly ContactOutcome[];
/** Where the visit took place: at their home (a visit to the accommodation, reg 8(2)) or elsewhere. */
export const VISIT_PLACES = ['home', 'elsewhere'] as const;
/** What the PA did about an entitlement at this visit ('' = not raised this time). */
export const VISIT_ENTITLEMENT_ACTIONS = ['discussed', 'received'] as const;

export const visitActionDraftSchema = z.object({
  actionId: z.string().min(1),
  /** '' keeps the action's status as it is. */
  status: orBlank(ACTION_STATUSES),
  /** The young person's own words about the action. */
  words: text(4000),
});

export const visitEntitlementDraftSchema = z.object({
  item: z.string().min(1),
  done: orBlank(VISIT_ENTITLEMENT_ACTIONS),
});

/** A home visit as it is being filled in: every answer as typed, blank until answered. */
export const visitDraftSchema = z.object({
  date: text(40),
  time: text(20),
  place: orBlank(VISIT_PLACES),
  placeDetail: text(200),
  whoSeen: text(2000),
  seen: answer,
  seenAlone: answer,
  notSeenOutcome: orBlank(NOT_SEEN_OUTCOMES),
  condition: text(4000),
  safety: text(4000),
  household: text(2000),
  moved: answer,
  moveCode: orBlank(ACCOM_LETTERS),
  moveDate: text(40),
  suitable: answer,
  suitabilityReason: text(4000),
  concerns: z.array(z.enum(SUITABILITY_MATTERS)).default([]),
  health: text(4000),
  eet: text(4000),
  eetChanged: answer,
  eetActiv: orBlank(ACTIV_CODES),
  eetStartDate: text(40),
  actions: z.array(visitActionDraftSchema).default([]),
  entitlements: z.array(visitEntitlementDraftSchema).default([]),
  worries: text(4000),
  reviewRequested: z.boolean().default(false),
  nextVisit: text(40),
});

export type VisitDraft = z.output<typeof visitDraftSchema>;
export type VisitActionDraft = z.output<typeof visitActionDraftSchema>;

/** The plan actions still open (not done, not dropped): the ones a visit asks about. */
export function openActions(record: YoungPersonRecord): PlanAction[] {
  return record.actions.filter((action) => action.status !== 'done' && action.status !== 'dropped');
}

/** The accommodation period running on a date (the latest to start, when periods overlap). */
export function accommodationOn(record: YoungPersonRecord, date: IsoDate): AccommodationPeriod | null {
  const running = record.accommodation.filter((period) => isWithin(date, period.startDate, period.endDate));
  return running.sort((a, b) => b.startDate.localeCompare(a.startDate))[0] ?? null;
}

/**
 * A new, empty draft for a record: one line per open plan action and per entitlement line, and the
 * current accommodation's suitability concerns ticked as recorded, so the PA confirms or changes them.
 */
export function newVisitDraft(record: YoungPersonRecord, settings: TeamSettings, today: IsoDate): VisitDraft {
  const current = accommodationOn(record, today);
  return visitDraftSchema.parse({
    concerns: current?.suitabilityConcerns ?? [],
    actions: openActions(record).map((action) => ({ actionId: action.id })),
    entitlements: entitlementChecklist(record, settings, today).map((line) => ({ item: line.key })),
  });
}

/**
 * A stored draft brought up to date with the record: lines for actions opened since it was saved are
 * added, lines for actions closed or removed meanwhile are dropped (their answers cannot apply), and
 * likewise for entitlement lines. Everything typed for lines that still apply is kept.
 */
export function reconcileVisitDraft(
  draft: VisitDraft,
  record: YoungPersonRecord,
  settings: TeamSettings,
  today: IsoDate,
): VisitDraft {
  const fresh = newVisitDraft(record, settings, today);
  const actions = new Map(draft.actions.map((line) => [line.actionId, line]));
  const entitlements = new Map(draft.entitlements.map((line) => [line.item, line]));
  return {
    ...draft,
    actions: fresh.actions.map((line) => actions.get(line.actionId) ?? line),
    entitlements: fresh.entitlements.map((line) => entitlements.get(line.item) ?? line),
  };
}

/** Whether the draft holds anything typed or chosen (an untouched draft need not be kept). */
export function isVisitDraftStarted(draft: VisitDraft, blank: VisitDraft): boolean {
  return JSON.stringify(draft) !== JSON.stringify(blank);
}

interface Dated {
  readonly field: keyof VisitDraft;
  readonly iso: IsoDate | null;
}

function dateOf(draft: VisitDraft, field: 'date' | 'moveDate' | 'eetStartDate' | 'nextVisit'): Dated {
  return { field, iso: parseUkDate(draft[field]) };
}

/** True when the answers say the young person was seen at home (the accommodation check applies). */
function seenAtHome(draft: VisitDraft): boolean {
  return draft.seen === 'yes' && draft.place === 'home';
}

/**
 * What is still to enter or put right before the visit can be saved, each with the draft field it is
 * about and a GOV.UK-style message ("Enter …", "Select …"). Empty when the visit can be saved.
 */
export function visitDraftIssues(draft: VisitDraft, record: YoungPersonRecord, today: IsoDate): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const problem = (field: string, message: string) => issues.push({ field, message });
  const need = (field: keyof VisitDraft, message: string) => {
    const value = draft[field];
    if (typeof value === 'string' && value.trim() === '') problem(field, message);
  };

  const visit = dateOf(draft, 'date');
  if (draft.date.trim() === '') problem('date', 'Enter the date of the visit');
  else if (visit.iso === null) problem('date', 'Enter a real date for the visit, such as 27/3/2027');
  else if (visit.iso > today) problem('date', 'Enter a date for the visit that is today or in the past');
  else if (visit.iso < record.profile.dateOfBirth)
    problem('date', 'Enter a date for the visit after the young person’s date of birth');
  if (draft.time.trim() === '') problem('time', 'Enter the time of the visit, such as 14:30');
  else if (parseTime(draft.time) === null) problem('time', 'Enter a real time for the visit, such as 14:30');
  if (draft.place === '') problem('place', 'Select where the visit took place');
  if (draft.place === 'elsewhere') need('placeDetail', 'Enter where you met the young person');
  if (draft.seen === '') problem('seen', 'Select yes if you saw the young person');
  if (draft.seen === 'no' && draft.notSeenOutcome === '') problem('notSeenOutcome', 'Select what happened');
  if (draft.seen === 'yes') {
    if (draft.seenAlone === '') problem('seenAlone', 'Select yes if you saw the young person on their own');
    need('health', 'Enter how their health and wellbeing are');
    need('eet', 'Enter how their education, employment or training is going');
    if (draft.eetChanged === '') problem('eetChanged', 'Select yes if what they are doing has changed');
    if (draft.eetChanged === 'yes') {
      if (draft.eetActiv === '') problem('eetActiv', 'Select what they are doing now');
      const start = dateOf(draft, 'eetStartDate');
      if (draft.eetStartDate.trim() === '') problem('eetStartDate', 'Enter the date they started');
      else if (start.iso === null)
        problem('eetStartDate', 'Enter a real date they started, such as 27/3/2027');
    }
    const next = dateOf(draft, 'nextVisit');
    if (draft.nextVisit.trim() === '') problem('nextVisit', 'Enter the date of the next visit');
    else if (next.iso === null)
      problem('nextVisit', 'Enter a real date for the next visit, such as 27/3/2027');
    else if (visit.iso !== null && next.iso <= visit.iso)
      problem('nextVisit', 'Enter a date for the next visit that is after this visit');
  }
  if (seenAtHome(draft)) {
    need('condition', 'Enter the condition of the accommodation');
    need('safety', 'Enter whether the young person is safe there');
    need('household', 'Enter who else lives there, or “nobody”');
    if (draft.moved === '') problem('moved', 'Select yes if they have moved since the last visit');
    if (draft.suitable === '') problem('suitable', 'Select yes if the accommodation is suitable');
    if (draft.suitable === 'no') need('suitabilityReason', 'Enter why the accommodation is not suitable');
  }
  if (seenAtHome(draft) && draft.moved === 'yes') {
    if (draft.moveCode === '') problem('moveCode', 'Select the type of accommodation they moved to');
    const move = dateOf(draft, 'moveDate');
    if (draft.moveDate.trim() === '') problem('moveDate', 'Enter the date they moved');
    else if (move.iso === null) problem('moveDate', 'Enter a real date they moved, such as 27/3/2027');
    else if (visit.iso !== null && move.iso > visit.iso)
      problem('moveDate', 'Enter a move date that is on or before the date of the visit');
    else if (move.iso < record.profile.dateOfBirth)
      problem('moveDate', 'Enter a move date after the young person’s date of birth');
  }
  const code = seenAtHome(draft) && draft.moved === 'yes' ? draft.moveCode : null;
  if (code !== null && code !== '' && draft.suitable === 'yes' && NEVER_SUITABLE_LETTERS.has(code))
    problem('suitable', `Select no: ${ACCOM_LABELS[code].toLowerCase()} is never suitable accommodation`);
  if (
    seenAtHome(draft) &&
    draft.moved === 'no' &&
    visit.iso !== null &&
    accommodationOn(record, visit.iso) === null
  )
    problem('moved', 'Select yes and enter where they live: no accommodation is recorded for them');
  return issues;
}

/**
 * The draft schema with the visit's checks on top, for a form resolver: what is still to enter shows at
 * its field with the same messages visitDraftIssues gives.
 */
export function visitFormSchema(record: YoungPersonRecord, today: IsoDate) {
  return visitDraftSchema.superRefine((draft, ctx) => {
    for (const issue of visitDraftIssues(draft, record, today))
      ctx.addIssue({ code: 'custom', path: [issue.field], message: issue.message });
  });
}

/** One part of the visit as read back to the young person and written into the contact's note. */
export interface VisitSection {
  readonly heading: string;
  readonly lines: readonly string[];
}

/** One change a visit makes to the record besides the contact entry, with its plain-language description. */
export type VisitChange =
  | {
      readonly kind: 'add';
      readonly collection: CollectionName;
      readonly entry: CollectionEntries[CollectionName];
      readonly description: string;
    }
  | {
      readonly kind: 'update';
      readonly collection: CollectionName;
      readonly id: string;
      readonly patch: Readonly<Record<string, unknown>>;
      readonly description: string;
    }
  | {
      /** A suitability assessment, written even when it confirms the value recorded (reg 9(2)). */
      readonly kind: 'suitability';
      readonly id: string;
      readonly assessment: Pick<AccommodationPeriod, 'suitable' | 'suitabilityReason'>;
      readonly concerns: readonly SuitabilityMatter[] | null;
      readonly description: string;
    }
  | {
      readonly kind: 'entitlement';
      readonly item: string;
      readonly patch: Pick<Entitlement, 'status' | 'updatedOn'>;
      readonly description: string;
    };

/** What saving a completed visit writes: one contact entry and the linked changes, in one transaction. */
export interface VisitOutcome {
  readonly contact: ContactEvent;
  readonly sections: readonly VisitSection[];
  readonly changes: readonly VisitChange[];
}

export interface VisitContext {
  /** The writer (the PA's user id): the contact's and a worry's author. */
  readonly writer: string;
  readonly today: IsoDate;
  readonly settings: TeamSettings;
  /** Makes ids for new entries (crypto.randomUUID in the app; a counter in tests). */
  readonly newId: () => string;
}

/** A completed visit could not be turned into record changes: what is still to enter. */
export class IncompleteVisitError extends Error {
  override readonly name = 'IncompleteVisitError';
  readonly issues: readonly FieldIssue[];
  constructor(issues: readonly FieldIssue[]) {
    super(`The visit is not complete: ${issues.map((issue) => issue.message).join('; ')}`);
    this.issues = issues;
  }
}

const yes = (value: string) => (value === 'yes' ? 'Yes' : 'No');
const quoted = (words: string) => `“${words.trim()}”`;

function concernList(concerns: readonly string[]): string {
  return concerns.length === 0
    ? 'none'
    : concerns
        .map((matter) => SUITABILITY_MATTER_LABELS[matter as keyof typeof SUITABILITY_MATTER_LABELS])
        .join('; ');
}

/** Accommodation and activity by name only: the read back is for the young person, not the return. */
function accommodationName(code: AccomLetter): string {
  return ACCOM_LABELS[code];
}

function activityName(code: ActivCode): string {
  return ACTIV_LABELS[code];
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());
}

/** Periods open on the day before `start`, which a move (or a new activity) from `start` ends. */
function periodsEndedBy<T extends { id: string; startDate: IsoDate; endDate: IsoDate | null }>(
  periods: readonly T[],
  start: IsoDate,
): { period: T; endDate: IsoDate }[] {
  const dayBefore = addDaysIso(start, -1);
  return periods
    .filter((period) => period.endDate === null && period.startDate <= dayBefore)
    .map((period) => ({ period, endDate: dayBefore }));
}

/** One part of the visit: its lines in the note and the record changes it makes. */
interface VisitPart {
  readonly lines: string[];
  readonly changes: VisitChange[];
}

type PartOfVisit = (
  draft: VisitDraft,
  record: YoungPersonRecord,
  visitDate: IsoDate,
  ctx: VisitContext,
) => VisitPart;

const accommodationPart: PartOfVisit = (draft, record, visitDate, ctx) => {
  const lines = [
    `Condition: ${draft.condition.trim()}`,
    `Safety: ${draft.safety.trim()}`,
    `Who else lives there: ${draft.household.trim()}`,
  ];
  const changes: VisitChange[] = [];
  const suitable = draft.suitable === 'yes';
  const reason = draft.suitabilityReason.trim();
  if (draft.moved === 'yes' && draft.moveCode !== '') {
    const startDate = parseUkDate(draft.moveDate) ?? visitDate;
    const code = draft.moveCode;
    lines.push(
      `Moved since the last visit: yes, to ${accommodationName(code)} on ${readableDate(startDate)}`,
    );
    for (const { period, endDate } of periodsEndedBy(record.accommodation, startDate))
      changes.push({
        kind: 'update',
        collection: 'accommodation',
        id: period.id,
        patch: { endDate },
        description: `${accommodationName(period.code)} ends on ${readableDate(endDate)}`,
      });
    const period: AccommodationPeriod = {
      id: ctx.newId(),
      code,
      startDate,
      endDate: null,
      suitable,
      suitabilityReason: reason,
      councilProvided: false,
      riskAssessedOn: null,
      riskReviewDue: null,
      seniorApprovalBy: null,
      seniorApprovalOn: null,
      suitabilityConcerns: [...draft.concerns],
    };
    changes.push({
      kind: 'add',
      collection: 'accommodation',
      entry: period,
      description: `New accommodation: ${accommodationName(code)} from ${readableDate(startDate)}, ${suitable ? 'suitable' : 'not suitable'}`,
    });
  } else {
    lines.push('Moved since the last visit: no');
    const current = accommodationOn(record, visitDate);
    if (current !== null) {
      const concernsChanged = !sameList(current.suitabilityConcerns ?? [], draft.concerns);
      changes.push({
        kind: 'suitability',
        id: current.id,
        assessment: { suitable, suitabilityReason: reason },
        concerns: concernsChanged ? [...draft.concerns] : null,
        description:
          current.suitable === suitable && !concernsChanged
            ? `${accommodationName(current.code)} confirmed as ${suitable ? 'suitable' : 'not suitable'}`
            : `${accommodationName(current.code)} now recorded as ${suitable ? 'suitable' : 'not suitable'}`,
      });
    }
  }
  lines.push(`Suitable: ${yes(draft.suitable)}${reason === '' ? '' : ` (${reason})`}`);
  lines.push(`Matters of concern: ${concernList(draft.concerns)}`);
  return { lines, changes };
};

const eetPart: PartOfVisit = (draft, record, _visitDate, ctx) => {
  const lines = [draft.eet.trim()];
  const changes: VisitChange[] = [];
  const startDate = parseUkDate(draft.eetStartDate);
  if (draft.eetChanged === 'yes' && draft.eetActiv !== '' && startDate !== null) {
    const activ = draft.eetActiv;
    lines.push(`Now: ${activityName(activ)} from ${readableDate(startDate)}`);
    for (const { period, endDate } of periodsEndedBy(record.eet, startDate))
      changes.push({
        kind: 'update',
        collection: 'eet',
        id: period.id,
        patch: { endDate },
        description: `${activityName(period.activ)} ends on ${readableDate(endDate)}`,
      });
    changes.push({
      kind: 'add',
      collection: 'eet',
      entry: { id: ctx.newId(), activ, startDate, endDate: null, detail: draft.eet.trim() },
      description: `New activity: ${activityName(activ)} from ${readableDate(startDate)}`,
    });
  }
  return { lines, changes };
};

const actionsPart: PartOfVisit = (draft, record, visitDate) => {
  const lines: string[] = [];
  const changes: VisitChange[] = [];
  const open = new Map(openActions(record).map((action) => [action.id, action]));
  for (const line of draft.actions) {
    const action = open.get(line.actionId);
    if (action === undefined) continue;
    const status: ActionStatus = line.status === '' ? action.status : line.status;
    const words = line.words.trim();
    lines.push(
      `${action.description}: ${ACTION_STATUS_LABELS[status].toLowerCase()}${words === '' ? '' : `. In their words: ${quoted(words)}`}`,
    );
    const patch: Record<string, unknown> = {};
    if (status !== action.status) {
      patch['status'] = status;
      patch['completedOn'] = status === 'done' ? visitDate : null;
    }
    if (words !== '') {
      const note = `${readableDate(visitDate)}, home visit: ${quoted(words)}`;
      patch['evidence'] = action.evidence.trim() === '' ? note : `${action.evidence.trimEnd()}\n${note}`;
    }
    if (Object.keys(patch).length > 0)
      changes.push({
        kind: 'update',
        collection: 'actions',
        id: action.id,
        patch,
        description:
          status !== action.status
            ? `Plan action “${action.description}” marked ${ACTION_STATUS_LABELS[status].toLowerCase()}${words === '' ? '' : ', with their words'}`
            : `Their words added to plan action “${action.description}”`,
      });
  }
  if (lines.length === 0) lines.push('No open plan actions.');
  return { lines, changes };
};

const entitlementsPart: PartOfVisit = (draft, record, visitDate, ctx) => {
  const labels = new Map(
    entitlementChecklist(record, ctx.settings, ctx.today).map((line) => [line.key, line]),
  );
  const lines: string[] = [];
  const changes: VisitChange[] = [];
  for (const line of draft.entitlements) {
    const checklist = labels.get(line.item);
    if (checklist === undefined || line.done === '') continue;
    const what = line.done === 'received' ? 'given' : 'explained';
    lines.push(`${checklist.label}: ${what}`);
    // Explaining again something already given changes nothing in the checklist.
    if (checklist.status !== line.done && !(checklist.status === 'received' && line.done === 'discussed'))
      changes.push({
        kind: 'entitlement',
        item: line.item,
        patch: { status: line.done, updatedOn: visitDate },
        description: `${checklist.label} recorded as ${what} on ${readableDate(visitDate)}`,
      });
  }
  if (lines.length === 0) lines.push('None this time.');
  return { lines, changes };
};

/** The most a contact's note holds (contactSchema: notes, 20,000 characters). */
const CONTACT_NOTE_MAX = 20_000;

const FREE_TEXT_FIELDS = [
  'whoSeen',
  'condition',
  'safety',
  'household',
  'suitabilityReason',
  'health',
  'eet',
  'worries',
] as const satisfies readonly (keyof VisitDraft)[];

/** The whole visit would not fit in one contact's note: the longest answer is the one to shorten. */
function tooLongIssue(draft: VisitDraft, length: number): FieldIssue {
  const longest = [...FREE_TEXT_FIELDS].sort((a, b) => draft[b].length - draft[a].length)[0] ?? 'health';
  return {
    field: longest,
    message: `Shorten this answer: the whole visit comes to ${length.toLocaleString('en-GB')} characters and a contact holds ${CONTACT_NOTE_MAX.toLocaleString('en-GB')}`,
  };
}

/**
 * Turns a completed draft into what saving writes: the contact entry (its note is the whole visit in
 * plain language) and the linked changes. Throws IncompleteVisitError (nothing to write) when
 * visitDraftIssues finds anything still to enter.
 */
export function visitOutcome(draft: VisitDraft, record: YoungPersonRecord, ctx: VisitContext): VisitOutcome {
  const issues = visitDraftIssues(draft, record, ctx.today);
  const visitDate = parseUkDate(draft.date);
  const time = parseTime(draft.time);
  if (issues.length > 0 || visitDate === null || time === null) throw new IncompleteVisitError(issues);
  const seen = draft.seen === 'yes';
  const sections: VisitSection[] = [];
  const changes: VisitChange[] = [];
  const where = draft.place === 'home' ? 'At their home' : `Elsewhere: ${draft.placeDetail.trim()}`;
  const visitLines = [`${readableDate(visitDate)} at ${time}. ${where}.`];
  if (draft.whoSeen.trim() !== '') visitLines.push(`Who was there: ${draft.whoSeen.trim()}`);
  visitLines.push(`Young person seen: ${yes(draft.seen)}`);
  if (seen) visitLines.push(`Seen on their own: ${yes(draft.seenAlone)}`);
  else
    visitLines.push(
      `What happened: ${{ 'no-response': 'no response', declined: 'they declined the visit', cancelled: 'the visit was cancelled' }[draft.notSeenOutcome as (typeof NOT_SEEN_OUTCOMES)[number]]}`,
    );
  sections.push({ heading: 'The visit', lines: visitLines });

  if (seen) {
    const parts: [string, PartOfVisit][] = [
      ...(draft.place === 'home' ? [['Where they live', accommodationPart] as [string, PartOfVisit]] : []),
      ['Health and wellbeing', (answers) => ({ lines: [answers.health.trim()], changes: [] })],
      ['Education, employment or training', eetPart],
      ['Their pathway plan actions', actionsPart],
      ['Entitlements explained or given', entitlementsPart],
    ];
    for (const [heading, partOf] of parts) {
      const part = partOf(draft, record, visitDate, ctx);
      sections.push({ heading, lines: part.lines });
      changes.push(...part.changes);
    }
  }

  const worries = draft.worries.trim();
  const managerLines: string[] = [];
  if (worries !== '') {
    managerLines.push(`Worries raised with the manager: ${worries}`);
    changes.push({
      kind: 'add',
      collection: 'oversight',
      entry: {
        id: ctx.newId(),
        on: ctx.today,
        by: ctx.writer,
        note: `Raised by the personal adviser after the home visit on ${readableDate(visitDate)}: ${worries}`,
        actionRequired: 'Reply to the personal adviser about the worries raised',
        dueBy: null,
      },
      description: 'A request to the team manager about the worries raised',
    });
  }
  if (draft.reviewRequested) {
    managerLines.push('The young person asked for a review of their pathway plan.');
    changes.push({
      kind: 'add',
      collection: 'reviewRequests',
      entry: { id: ctx.newId(), requestedOn: visitDate, notes: 'Asked for at a home visit.' },
      description: `A review of their pathway plan, asked for on ${readableDate(visitDate)}`,
    });
  }
  if (managerLines.length > 0) sections.push({ heading: 'For the manager', lines: managerLines });
  const nextVisit = parseUkDate(draft.nextVisit);
  if (seen && nextVisit !== null)
    sections.push({ heading: 'Next visit', lines: [`Agreed for ${readableDate(nextVisit)}`] });

  const notes = visitNote(sections);
  if (notes.length > CONTACT_NOTE_MAX) throw new IncompleteVisitError([tooLongIssue(draft, notes.length)]);
  const contact: ContactEvent = {
    id: ctx.newId(),
    at: localDateTimeIso(visitDate, time),
    method: draft.place === 'home' ? 'home-visit' : 'visit-elsewhere',
    by: ctx.writer,
    seen,
    seenAlone: seen && draft.seenAlone === 'yes',
    outcome: seen ? 'contact-made' : (draft.notSeenOutcome as ContactOutcome),
    notes,
  };
  return { contact, sections, changes };
}

/** The visit as the contact's note: each section's heading and lines, in plain language. */
export function visitNote(sections: readonly VisitSection[]): string {
  return sections
    .map((section) => [`${section.heading}:`, ...section.lines.map((line) => `- ${line}`)].join('\n'))
    .join('\n\n');
}
