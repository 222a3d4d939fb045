/**
 * A seeded, deterministic synthetic caseload: young people aged 16–25 with three to five years of
 * history (plans and six-monthly reviews, some overdue; contacts every few weeks, some gaps; moves,
 * including some B&B and unsuitable accommodation; EET periods; entitlements; status flags; oversight
 * notes and re-contact plans). Used by tests, benchmarks and the demo caseload. Every record is
 * synthetic and validates; the same (seed, index, today, staff) always gives the same record.
 */
import {
  addMonthsIso,
  epochDayOf,
  halfBirthday,
  isoFromEpochDay,
  nthBirthday,
  type IsoDate,
} from '../domain/dates.ts';
import type {
  AccommodationPeriod,
  Entitlement,
  OversightNote,
  RecontactPlan,
  StatusFlag,
  YoungPersonRecord,
} from '../domain/model.ts';
import { SCHEMA_VERSION, sortRecord } from '../domain/record.ts';
import { DEFAULT_ENTITLEMENT_CHECKLIST } from '../domain/settings.ts';
import { SCHEDULE_1_MATTERS, type CareLeaverCategory, type EntitlementStatus } from '../domain/vocabulary.ts';
import {
  accommodationHistory,
  contactHistory,
  eetHistory,
  planContent,
  reviewHistory,
  type Person,
} from './history.ts';
import { syntheticFamilyName, syntheticGivenName } from './names.ts';
import { OVERSIGHT_NOTES, SECTION_TEXT } from './phrases.ts';
import { createRng, mixSeed, type Rng } from './random.ts';

export interface PaAssignment {
  readonly id: string;
  readonly teamId: string;
}

export interface CaseloadOptions {
  readonly seed: number;
  readonly count: number;
  readonly today: IsoDate;
  readonly teams?: readonly string[];
  readonly pas?: readonly PaAssignment[];
}

/** Synthetic team and PA ids: team-1…, pa-1-1…; every team gets `pasPerTeam` PAs. */
export function syntheticStaff(
  teamCount: number,
  pasPerTeam: number,
): { teams: string[]; pas: PaAssignment[] } {
  const teams = Array.from({ length: teamCount }, (_, t) => `team-${t + 1}`);
  const pas = teams.flatMap((teamId, t) =>
    Array.from({ length: pasPerTeam }, (_, p) => ({ id: `pa-${t + 1}-${p + 1}`, teamId })),
  );
  return { teams, pas };
}

const DEFAULT_STAFF = syntheticStaff(2, 6);

const AGE_WEIGHTS: readonly (readonly [number, number])[] = [
  [16, 8],
  [17, 11],
  [18, 12],
  [19, 12],
  [20, 11],
  [21, 9],
  [22, 7],
  [23, 6],
  [24, 5],
  [25, 2],
];

const iso = isoFromEpochDay;
const day = epochDayOf;

interface Staff {
  readonly teams: readonly string[];
  readonly pasByTeam: ReadonlyMap<string, readonly string[]>;
}

function staffOf(options: CaseloadOptions): Staff {
  const teams = options.teams ?? DEFAULT_STAFF.teams;
  const pas = options.pas ?? (options.teams === undefined ? DEFAULT_STAFF.pas : []);
  if (teams.length === 0) throw new RangeError('teams: give at least one team');
  const pasByTeam = new Map<string, string[]>();
  for (const pa of pas) pasByTeam.set(pa.teamId, [...(pasByTeam.get(pa.teamId) ?? []), pa.id]);
  return { teams, pasByTeam };
}

function flagsFor(
  rng: Rng,
  id: string,
  age: number,
  from: number,
  until: number,
  today: number,
): StatusFlag[] {
  const roll = rng.next();
  const flag = (kind: StatusFlag['kind'], start: number): StatusFlag[] => [
    { id: `${id}.f1`, kind, from: iso(start), to: null, notes: '' },
  ];
  if (until - from < 200) return [];
  if (roll < 0.01) return flag('died', rng.int(Math.max(from + 100, until - 700), until));
  if (roll < 0.03 && age >= 17) return flag('refuses-contact', rng.int(Math.max(from, until - 180), until));
  if (roll < 0.06 && age >= 19)
    return flag('no-longer-requires-services', rng.int(Math.max(from, until - 400), until));
  if (roll < 0.075 && age <= 18) return flag('returned-home', rng.int(Math.max(from, today - 365), today));
  return [];
}

function entitlementsFor(
  rng: Rng,
  age: number,
  today: number,
  from: number,
  inHigherEducation: boolean,
): Entitlement[] {
  const entitlements: Entitlement[] = [];
  for (const item of DEFAULT_ENTITLEMENT_CHECKLIST) {
    if (!rng.chance(0.7)) continue;
    let status: EntitlementStatus = rng.weighted([
      ['discussed', 3],
      ['applied', 2],
      ['received', age >= 18 ? 6 : 2],
      ['declined', 1],
    ]);
    if (item.key === 'he-bursary' && !inHigherEducation) status = 'not-eligible';
    entitlements.push({
      item: item.key,
      status,
      updatedOn: iso(Math.max(from, today - rng.int(0, 700))),
      amountPence: item.key === 'setting-up-home-grant' && status === 'received' ? 300_000 : null,
      notes: '',
    });
  }
  return entitlements;
}

function oversightFor(rng: Rng, id: string, teamId: string, from: number, today: number): OversightNote[] {
  const notes: OversightNote[] = [];
  for (let on = from + rng.int(30, 120); on <= today; on += rng.int(60, 150)) {
    const action = rng.chance(0.3);
    notes.push({
      id: `${id}.m${notes.length + 1}`,
      on: iso(on),
      by: `tm-${teamId}`,
      note: rng.pick(OVERSIGHT_NOTES),
      actionRequired: action ? 'PA to update the plan and confirm in supervision' : '',
      dueBy: action ? iso(on + rng.int(14, 42)) : null,
    });
  }
  return notes;
}

/**
 * A Foyer (T) that a young person entered before turning 18 is recorded as semi-independent
 * accommodation (D): the DfE reports Foyers for care leavers 18 or over only (SSDA903 rule 347), so the
 * synthetic caseload records what a council would report. Former foster carers (Z) are Staying Put
 * arrangements with the carer recorded (Children Act 1989 s23CZA).
 */
function foyersFrom18(periods: AccommodationPeriod[], eighteenth: number): AccommodationPeriod[] {
  return periods.map((period) =>
    period.code === 'T' && day(period.startDate) <= eighteenth
      ? { ...period, code: 'D' }
      : period.code === 'Z'
        ? { ...period, carer: 'Synthetic former foster carer', formerFosterCarer: true }
        : period,
  );
}

/** One synthetic young person: record `index` of the caseload for `options`. */
export function generateYoungPerson(
  options: CaseloadOptions,
  index: number,
  staff = staffOf(options),
): YoungPersonRecord {
  const rng = createRng(mixSeed(options.seed, index));
  const today = day(options.today);
  const id = `yp-${(options.seed >>> 0).toString(36)}-${String(index).padStart(5, '0')}`;

  const age = rng.weighted(AGE_WEIGHTS);
  const dob = iso(
    rng.int(
      day(addMonthsIso(options.today, -12 * (age + 1))) + 1,
      day(addMonthsIso(options.today, -12 * age)),
    ),
  );
  const sixteenth = day(nthBirthday(dob, 16));
  const eighteenth = day(nthBirthday(dob, 18));

  const qualifying = rng.chance(0.1);
  const stillInCare = !qualifying && age < 18 && (rng.chance(0.4) || today - sixteenth < 30);
  const leftCare = stillInCare
    ? null
    : age >= 18 && !qualifying && rng.chance(0.6)
      ? eighteenth
      : rng.int(sixteenth, Math.min(today, eighteenth));
  const category: CareLeaverCategory = qualifying
    ? 'qualifying'
    : age >= 18
      ? 'former-relevant'
      : leftCare === null
        ? 'eligible'
        : 'relevant';
  const eligibleBy = Math.min(today, leftCare ?? today);
  const becameEligible =
    !qualifying && rng.chance(0.08) && eligibleBy > sixteenth + 20
      ? rng.int(sixteenth + 20, eligibleBy)
      : null;
  const supportExtendedTo25 = age >= 21 ? rng.chance(0.85) : rng.chance(0.25);
  const supportEnds = day(nthBirthday(dob, supportExtendedTo25 ? 25 : 21));

  const teamId = rng.pick(staff.teams);
  const teamPas = staff.pasByTeam.get(teamId) ?? [];
  const allocationDue = Math.max(day(halfBirthday(dob, 16)), becameEligible ?? 0);
  const allocatedOn = rng.chance(0.88) ? allocationDue - rng.int(0, 180) : allocationDue + rng.int(1, 200);
  const allocated = teamPas.length > 0 && !rng.chance(0.03) && allocatedOn <= today;
  const paId = allocated ? rng.pick(teamPas) : null;

  const historyStart = Math.max(sixteenth - 180, day(addMonthsIso(options.today, -12 * rng.int(3, 5))));
  const serviceEnd = Math.min(today, supportEnds - 1);
  const flags = flagsFor(rng, id, age, historyStart, serviceEnd, today);
  const stopped = flags.find((f) => f.kind !== 'returned-home');
  const contactEnd =
    stopped === undefined ? serviceEnd : day(stopped.from) - (stopped.kind === 'died' ? 1 : 0);
  const died = flags.find((f) => f.kind === 'died');

  const person: Person = {
    rng,
    id,
    dateOfBirth: dob,
    teamId,
    worker: paId ?? 'duty-worker',
    today,
    eighteenth,
    leftCare,
  };
  const accommodation = foyersFrom18(
    accommodationHistory(person, historyStart - rng.int(0, 60), died === undefined ? null : day(died.from)),
    eighteenth,
  );
  const eet = eetHistory(person, historyStart);
  const finalGap = rng.chance(0.1) ? rng.int(60, 150) : 0;
  const contacts = contactHistory(person, historyStart, contactEnd - finalGap, accommodation);

  const planStart = becameEligible ?? sixteenth;
  const assessed = rng.chance(0.97) ? planStart + rng.int(-60, 100) : null;
  const agreed =
    becameEligible !== null
      ? becameEligible + rng.int(30, 120)
      : sixteenth + (rng.chance(0.92) ? rng.int(-60, 0) : rng.int(1, 120));
  const firstAgreed = agreed <= today ? agreed : null;
  const { reviews, requests } =
    firstAgreed === null
      ? { reviews: [], requests: [] }
      : reviewHistory(person, firstAgreed, Math.min(contactEnd, today));
  const { objectives, actions } =
    firstAgreed === null ? { objectives: [], actions: [] } : planContent(person, firstAgreed);

  const lastMade = contacts.reduce(
    (latest, c) => (c.outcome === 'contact-made' ? Math.max(latest, day(c.at.slice(0, 10))) : latest),
    0,
  );
  const recontactPlans: RecontactPlan[] = [];
  const givenUp = died !== undefined || flags.some((f) => f.kind === 'no-longer-requires-services');
  if (!givenUp && today - lastMade > 56 && lastMade > 0 && rng.chance(0.65)) {
    const assessedOn = Math.min(today, lastMade + rng.int(57, 80));
    recontactPlans.push({
      id: `${id}.p1`,
      assessedOn: iso(assessedOn),
      by: person.worker,
      risk: rng.pick(['low', 'medium', 'high'] as const),
      plan: 'Text and call weekly, visit last known address, ask the college and housing officer to pass on a message.',
      reviewDue: iso(assessedOn + rng.int(21, 90)),
    });
  }

  const sections = Object.fromEntries(
    SCHEDULE_1_MATTERS.map((matter) => {
      const [needs, views] = SECTION_TEXT[matter];
      return [
        matter,
        firstAgreed === null ? { needs: '', youngPersonViews: '' } : { needs, youngPersonViews: views },
      ];
    }),
  ) as YoungPersonRecord['plan']['sections'];

  return sortRecord({
    schemaVersion: SCHEMA_VERSION,
    profile: {
      id,
      givenName: syntheticGivenName(rng),
      familyName: syntheticFamilyName(rng),
      preferredName: null,
      dateOfBirth: dob,
      category,
      dateLeftCare: leftCare === null ? null : iso(leftCare),
      becameEligibleOn: becameEligible === null ? null : iso(becameEligible),
      allocatedPaId: paId,
      paAllocatedOn: allocated ? iso(allocatedOn) : null,
      teamId,
      supportExtendedTo25,
      returnRequestedOn: null,
    },
    plan: {
      needsAssessmentCompletedOn: assessed !== null && assessed <= today ? iso(assessed) : null,
      firstAgreedOn: firstAgreed === null ? null : iso(firstAgreed),
      sections,
    },
    objectives,
    actions,
    reviews,
    reviewRequests: requests,
    contacts,
    accommodation,
    eet,
    entitlements: entitlementsFor(
      rng,
      age,
      today,
      historyStart,
      eet.some((p) => p.activ === 'F1' || p.activ === 'P1'),
    ),
    flags,
    oversight: oversightFor(rng, id, teamId, historyStart, today),
    recontactPlans,
    contested: [],
    readIssues: [],
  });
}

/** `count` synthetic young people for the given seed, day and staff. */
export function generateCaseload(options: CaseloadOptions): YoungPersonRecord[] {
  if (!Number.isInteger(options.count) || options.count < 0)
    throw new RangeError(`count: must be a whole number of young people (got ${options.count})`);
  const staff = staffOf(options);
  return Array.from({ length: options.count }, (_, index) => generateYoungPerson(options, index, staff));
}
