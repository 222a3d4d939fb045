/**
 * Synthetic histories for one young person: accommodation and EET periods, contacts, reviews, plan
 * objectives and actions. Dates are handled as epoch days for speed and turned into ISO dates on output.
 */
import { ALWAYS_UNSUITABLE_LETTERS, type AccomLetter, type ActivCode } from '../domain/codes.ts';
import { addMonthsIso, dateOfDateTime, epochDayOf, isoFromEpochDay, type IsoDate } from '../domain/dates.ts';
import type {
  AccommodationPeriod,
  CollectionEntries,
  CollectionName,
  YoungPersonRecord,
  ContactEvent,
  EetPeriod,
  Objective,
  PlanAction,
  PlanReview,
  ReviewRequest,
} from '../domain/model.ts';
import { SCHEDULE_1_MATTERS, type ActionStatus, type ContactMethod } from '../domain/vocabulary.ts';
import { ACTION_OWNERS, ACTIONS, CONTACT_NOTES, OBJECTIVES, UNSUITABLE_REASONS } from './phrases.ts';
import { shuffle, type Rng } from './random.ts';
import type { WriteContext } from '../ydoc/contested.ts';
import type { RecordDates } from '../ydoc/write-record.ts';

/** What every history generator needs to know about the young person. */
export interface Person {
  readonly rng: Rng;
  readonly id: string;
  readonly dateOfBirth: IsoDate;
  readonly teamId: string;
  readonly worker: string;
  /** Epoch days. */
  readonly today: number;
  readonly eighteenth: number;
  readonly leftCare: number | null;
}

const iso = isoFromEpochDay;

const IN_CARE: readonly (readonly [AccomLetter, number])[] = [
  ['C', 30],
  ['D', 25],
  ['E', 20],
  ['Y', 10],
];
const UNDER_18: readonly (readonly [AccomLetter, number])[] = [
  ['D', 30],
  ['E', 15],
  ['T', 10],
  ['B', 12],
  ['K', 8],
  ['C', 5],
  ['W', 3],
  ['V', 3],
  ['Y', 4],
];
const ADULT: readonly (readonly [AccomLetter, number])[] = [
  ['U', 28],
  ['D', 12],
  ['E', 8],
  ['K', 10],
  ['T', 6],
  ['B', 10],
  ['Z', 10],
  ['Y', 4],
  ['W', 2.5],
  ['V', 2.5],
  ['S', 2],
  ['X', 1.5],
  ['G', 0.5],
  ['H', 0.3],
  ['R', 1],
];
const COUNCIL_PROVIDED: ReadonlySet<AccomLetter> = new Set<AccomLetter>(['C', 'D', 'E', 'T', 'V', 'W']);

function accommodationCode(person: Person, start: number): AccomLetter {
  const inCare = person.leftCare === null || start < person.leftCare;
  const code = person.rng.weighted(inCare ? IN_CARE : start < person.eighteenth ? UNDER_18 : ADULT);
  return code === 'Z' && start < person.eighteenth ? 'D' : code;
}

/** Consecutive accommodation periods from `from`; the last is open unless `closeOn` ends it. */
export function accommodationHistory(
  person: Person,
  from: number,
  closeOn: number | null,
): AccommodationPeriod[] {
  const { rng } = person;
  const periods: AccommodationPeriod[] = [];
  let start = from;
  while (start <= person.today) {
    const code = accommodationCode(person, start);
    const plannedEnd = start + rng.int(60, 720);
    const end =
      closeOn !== null && plannedEnd >= closeOn ? closeOn : plannedEnd >= person.today ? null : plannedEnd;
    const suitable = !ALWAYS_UNSUITABLE_LETTERS.has(code) && rng.chance(code === 'R' ? 0.5 : 0.92);
    const assessed = !suitable && rng.chance(0.75) ? start + rng.int(0, 14) : null;
    const riskAssessedOn = assessed !== null && assessed <= person.today ? assessed : null;
    const approved =
      (code === 'V' || code === 'W') && rng.chance(0.8)
        ? Math.min(start + rng.int(0, 2), person.today)
        : null;
    periods.push({
      id: `${person.id}.a${periods.length + 1}`,
      code,
      startDate: iso(start),
      endDate: end === null ? null : iso(end),
      suitable,
      suitabilityReason: suitable ? '' : rng.pick(UNSUITABLE_REASONS),
      councilProvided: COUNCIL_PROVIDED.has(code) || (code === 'K' && rng.chance(0.5)),
      riskAssessedOn: riskAssessedOn === null ? null : iso(riskAssessedOn),
      riskReviewDue: riskAssessedOn === null ? null : iso(riskAssessedOn + rng.int(28, 120)),
      seniorApprovalBy: approved === null ? null : `senior-manager-${person.teamId}`,
      seniorApprovalOn: approved === null ? null : iso(approved),
    });
    if (end === null || end >= person.today || (closeOn !== null && end >= closeOn)) break;
    start = end + 1;
  }
  return periods;
}

const EET_UNDER_18: readonly (readonly [ActivCode, number])[] = [
  ['F2', 60],
  ['P2', 5],
  ['F4', 8],
  ['F5', 4],
  ['G5', 15],
  ['G4', 5],
  ['G6', 3],
];
const EET_ADULT: readonly (readonly [ActivCode, number])[] = [
  ['F1', 12],
  ['P1', 3],
  ['F2', 12],
  ['P2', 2],
  ['F4', 8],
  ['P4', 2],
  ['F5', 22],
  ['P5', 10],
  ['G5', 20],
  ['G4', 7],
  ['G6', 4],
];

/** Consecutive EET periods from `from`; sometimes the last one has ended, leaving today unknown. */
export function eetHistory(person: Person, from: number): EetPeriod[] {
  const { rng } = person;
  const periods: EetPeriod[] = [];
  const stopEarly = rng.chance(0.08) ? person.today - rng.int(30, 200) : null;
  let start = from;
  while (start <= person.today) {
    const plannedEnd = start + rng.int(90, 540);
    const end = stopEarly !== null && plannedEnd >= stopEarly ? Math.max(start, stopEarly) : plannedEnd;
    periods.push({
      id: `${person.id}.e${periods.length + 1}`,
      activ: rng.weighted(start < person.eighteenth ? EET_UNDER_18 : EET_ADULT),
      startDate: iso(start),
      endDate: stopEarly === null && end >= person.today ? null : iso(end),
      detail: '',
    });
    if (stopEarly !== null && end >= stopEarly) break;
    start = end + 1;
  }
  return periods;
}

const METHODS: readonly (readonly [ContactMethod, number])[] = [
  ['home-visit', 45],
  ['phone', 18],
  ['text', 12],
  ['office', 8],
  ['visit-elsewhere', 7],
  ['video', 5],
  ['email', 3],
  ['social-media', 2],
];
const IN_PERSON: ReadonlySet<ContactMethod> = new Set<ContactMethod>([
  'home-visit',
  'office',
  'visit-elsewhere',
]);

function contact(
  person: Person,
  n: number,
  dayNumber: number,
  method: ContactMethod,
  made: boolean,
): ContactEvent {
  const { rng } = person;
  const seen = made && IN_PERSON.has(method);
  const hour = String(rng.int(8, 18)).padStart(2, '0');
  const minute = rng.pick(['00', '15', '30', '45']);
  return {
    id: `${person.id}.c${n}`,
    at: `${iso(dayNumber)}T${hour}:${minute}:00Z`,
    method,
    by: person.worker,
    seen,
    seenAlone: seen && rng.chance(0.7),
    outcome: made ? 'contact-made' : rng.pick(['no-response', 'cancelled'] as const),
    notes: made ? rng.pick(CONTACT_NOTES) : '',
  };
}

/**
 * Contacts every one to six weeks between `from` and `until`, with the occasional long gap, plus a home
 * visit within a week of most moves into council-provided accommodation.
 */
export function contactHistory(
  person: Person,
  from: number,
  until: number,
  moves: readonly AccommodationPeriod[],
): ContactEvent[] {
  const { rng } = person;
  const contacts: ContactEvent[] = [];
  let gapTaken = !rng.chance(0.06);
  for (let day = from + rng.int(0, 20); day <= until; day += rng.int(7, 42)) {
    contacts.push(contact(person, contacts.length + 1, day, rng.weighted(METHODS), rng.chance(0.88)));
    if (!gapTaken && day > from + 365 && rng.chance(0.1)) {
      day += rng.int(60, 120);
      gapTaken = true;
    }
  }
  for (const move of moves) {
    const visit = epochDayOf(move.startDate) + rng.int(0, 6);
    if (move.councilProvided && visit >= from && visit <= until && rng.chance(0.9))
      contacts.push(contact(person, contacts.length + 1, visit, 'home-visit', true));
  }
  return contacts;
}

export interface ReviewHistory {
  readonly reviews: PlanReview[];
  readonly requests: ReviewRequest[];
}

/** Reviews roughly every six months from the first plan; some chains stop early, leaving a review overdue. */
export function reviewHistory(person: Person, firstAgreed: number, until: number): ReviewHistory {
  const { rng } = person;
  const reviews: PlanReview[] = [];
  const requests: ReviewRequest[] = [];
  const stop = rng.chance(0.15) ? Math.min(until, person.today - rng.int(190, 300)) : until;
  let last = firstAgreed;
  for (;;) {
    const askedFor = rng.chance(0.08);
    const next = epochDayOf(addMonthsIso(iso(last), 6)) - rng.int(askedFor ? 40 : 0, askedFor ? 90 : 30);
    if (next > stop) break;
    if (askedFor)
      requests.push({
        id: `${person.id}.q${requests.length + 1}`,
        requestedOn: iso(next - rng.int(3, 20)),
        notes: '',
      });
    reviews.push({
      id: `${person.id}.r${reviews.length + 1}`,
      date: iso(next),
      trigger: askedFor ? 'young-person-request' : 'scheduled',
      notes: '',
    });
    last = next;
  }
  if (rng.chance(0.04) && last < person.today && until >= person.today)
    requests.push({
      id: `${person.id}.q${requests.length + 1}`,
      requestedOn: iso(Math.max(last + 1, person.today - rng.int(0, 45))),
      notes: '',
    });
  return { reviews, requests };
}

export interface PlanContent {
  readonly objectives: Objective[];
  readonly actions: PlanAction[];
}

const PAST_STATUS: readonly (readonly [ActionStatus, number])[] = [
  ['done', 90],
  ['dropped', 5],
  ['in-progress', 4],
  ['not-started', 1],
];

/** A handful of objectives from the latest plan, each with one to three actions. */
export function planContent(person: Person, planFrom: number): PlanContent {
  const { rng } = person;
  const objectives: Objective[] = [];
  const actions: PlanAction[] = [];
  const matters = shuffle(rng, SCHEDULE_1_MATTERS).slice(0, rng.int(3, 7));
  for (const matter of matters) {
    const created = Math.min(person.today, Math.max(planFrom, person.today - 700) + rng.int(0, 300));
    const target = created + rng.int(60, 365);
    const objectiveId = `${person.id}.o${objectives.length + 1}`;
    objectives.push({
      id: objectiveId,
      matter,
      description: OBJECTIVES[matter],
      targetDate: iso(target),
      achievedOn: target < person.today && rng.chance(0.6) ? iso(target - rng.int(0, 30)) : null,
    });
    for (let i = rng.int(1, 3); i > 0; i--) {
      const due = created + rng.int(14, 300);
      const status: ActionStatus =
        due < person.today ? rng.weighted(PAST_STATUS) : rng.pick(['not-started', 'in-progress'] as const);
      actions.push({
        id: `${person.id}.t${actions.length + 1}`,
        matter,
        objectiveId,
        description: rng.pick(ACTIONS),
        owner: rng.pick(ACTION_OWNERS),
        dueDate: iso(due),
        status,
        completedOn:
          status === 'done' ? iso(Math.min(person.today, Math.max(created, due + rng.int(-30, 14)))) : null,
        evidence: status === 'done' ? 'Confirmed with the young person.' : '',
      });
    }
  }
  return { objectives, actions };
}

/** The day a generated entry would have been recorded: its own date, else the plan's first agreement. */
function generatedEntryDate(
  record: YoungPersonRecord,
  collection: CollectionName,
  entry: CollectionEntries[CollectionName],
): IsoDate | null {
  const planned = record.plan.firstAgreedOn ?? record.plan.needsAssessmentCompletedOn;
  switch (collection) {
    case 'contacts':
      return dateOfDateTime((entry as ContactEvent).at);
    case 'accommodation':
    case 'eet':
      return (entry as AccommodationPeriod | EetPeriod).startDate;
    case 'reviews':
      return (entry as PlanReview).date;
    case 'reviewRequests':
      return (entry as ReviewRequest).requestedOn;
    case 'flags':
      return (entry as CollectionEntries['flags']).from;
    case 'oversight':
      return (entry as CollectionEntries['oversight']).on;
    case 'recontactPlans':
      return (entry as CollectionEntries['recontactPlans']).assessedOn;
    case 'objectives':
    case 'actions':
      return planned;
  }
}

/**
 * How a generated record is written into a Y.Doc: each part dated by its own history (a contact on the
 * day it was made, a move on the day it started) and marked as generated demo data, so the record's
 * history never shows years of generated entries as one person's work today.
 */
export function generatedRecordWriting(
  record: YoungPersonRecord,
  writer: string,
  today: IsoDate,
): { ctx: WriteContext; dates: RecordDates } {
  const { profile, plan } = record;
  return {
    ctx: { writer, today, source: 'generated-demo-data' },
    dates: {
      profile: profile.paAllocatedOn ?? profile.dateLeftCare ?? profile.dateOfBirth,
      plan: plan.firstAgreedOn ?? plan.needsAssessmentCompletedOn ?? today,
      entitlement: (entitlement) => entitlement.updatedOn,
      entry: (collection, entry) => generatedEntryDate(record, collection, entry),
    },
  };
}
