/**
 * fast-check arbitraries for property tests: any valid young person's record, with the day it is valid
 * on. Entries are drawn freely (any code, method, outcome, offset, flag; dates around the 16th birthday
 * and up to ten years on, 29 February births included) and then clamped only as far as the record rules
 * require, so the properties see the edges the rules care about. Test support only.
 */
import fc from 'fast-check';
import { ACCOM_LETTERS, ACTIV_CODES, NEVER_SUITABLE_LETTERS } from '../domain/codes.ts';
import { epochDayOf, isoFromEpochDay, nthBirthday, type IsoDate } from '../domain/dates.ts';
import type { YoungPersonRecord } from '../domain/model.ts';
import { SCHEMA_VERSION, sortRecord } from '../domain/record.ts';
import { generateYoungPerson } from '../synthetic/generator.ts';
import { DEFAULT_ENTITLEMENT_CHECKLIST } from '../domain/settings.ts';
import {
  ACTION_STATUSES,
  CARE_LEAVER_CATEGORIES,
  CONTACT_METHODS,
  CONTACT_OUTCOMES,
  ENTITLEMENT_STATUSES,
  FLAG_KINDS,
  REVIEW_TRIGGERS,
  RISK_LEVELS,
  SCHEDULE_1_MATTERS,
} from '../domain/vocabulary.ts';

export interface RecordCase {
  readonly record: YoungPersonRecord;
  readonly today: IsoDate;
}

const iso = isoFromEpochDay;
const TEN_YEARS = 3653;
/** Days after the 16th birthday: anywhere in ten years, or close to a later birthday (where OC3 looks). */
const offset = fc.oneof(
  fc.integer({ min: -400, max: TEN_YEARS }),
  fc
    .integer({ min: 1, max: 5 })
    .chain((years) => fc.integer({ min: years * 365 - 100, max: years * 365 + 40 })),
);
const maybeLength = fc.option(fc.integer({ min: 0, max: 900 }), { nil: null });

const arbDateOfBirth = fc.oneof(
  fc.integer({ min: epochDayOf('1995-01-01'), max: epochDayOf('2014-12-31') }).map(iso),
  fc.constantFrom('1996-02-29', '2000-02-29', '2004-02-29', '2008-02-29', '2012-02-29'),
);

const arbSpec = fc.record({
  todayOffset: fc.integer({ min: 0, max: TEN_YEARS }),
  category: fc.constantFrom(...CARE_LEAVER_CATEGORIES),
  leftCare: fc.option(fc.integer({ min: -30, max: 800 }), { nil: null }),
  becameEligible: fc.option(fc.integer({ min: 1, max: 600 }), { nil: null }),
  extended: fc.boolean(),
  allocated: fc.option(fc.integer({ min: -300, max: 500 }), { nil: null }),
  assessed: fc.option(fc.integer({ min: -120, max: 400 }), { nil: null }),
  agreed: fc.option(fc.integer({ min: -120, max: 600 }), { nil: null }),
  contacts: fc.array(
    fc.record({
      day: offset,
      hour: fc.integer({ min: 0, max: 23 }),
      zone: fc.constantFrom('Z', '+01:00', '-05:00', '+05:30'),
      method: fc.constantFrom(...CONTACT_METHODS),
      outcome: fc.constantFrom(...CONTACT_OUTCOMES),
      seen: fc.boolean(),
      alone: fc.boolean(),
    }),
    { maxLength: 25 },
  ),
  accommodation: fc.array(
    fc.record({
      start: fc.oneof(offset, fc.integer({ min: TEN_YEARS, max: TEN_YEARS + 365 })),
      length: maybeLength,
      code: fc.constantFrom(...ACCOM_LETTERS),
      suitable: fc.boolean(),
      council: fc.boolean(),
      risk: fc.option(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 200 })), {
        nil: null,
      }),
      approved: fc.boolean(),
    }),
    { maxLength: 6 },
  ),
  eet: fc.array(fc.record({ start: offset, length: maybeLength, activ: fc.constantFrom(...ACTIV_CODES) }), {
    maxLength: 5,
  }),
  reviews: fc.array(fc.record({ day: offset, trigger: fc.constantFrom(...REVIEW_TRIGGERS) }), {
    maxLength: 8,
  }),
  requests: fc.array(offset, { maxLength: 3 }),
  flags: fc.array(fc.record({ kind: fc.constantFrom(...FLAG_KINDS), from: offset, length: maybeLength }), {
    maxLength: 3,
  }),
  actions: fc.array(
    fc.record({
      due: offset,
      matter: fc.constantFrom(...SCHEDULE_1_MATTERS),
      status: fc.constantFrom(...ACTION_STATUSES),
      late: fc.integer({ min: -60, max: 60 }),
    }),
    { maxLength: 6 },
  ),
  recontact: fc.array(
    fc.record({
      day: offset,
      length: fc.integer({ min: 0, max: 120 }),
      risk: fc.constantFrom(...RISK_LEVELS),
    }),
    { maxLength: 2 },
  ),
  entitlements: fc.subarray(DEFAULT_ENTITLEMENT_CHECKLIST.map((item) => item.key)),
  entitlementStatus: fc.constantFrom(...ENTITLEMENT_STATUSES),
});

type Spec = typeof arbSpec extends fc.Arbitrary<infer S> ? S : never;

function build(dateOfBirth: IsoDate, spec: Spec): RecordCase {
  const born = epochDayOf(dateOfBirth);
  const sixteenth = epochDayOf(nthBirthday(dateOfBirth, 16));
  const eighteenth = epochDayOf(nthBirthday(dateOfBirth, 18));
  const today = sixteenth + spec.todayOffset;
  const past = (day: number) => iso(Math.min(today, Math.max(born, day)));
  const notBeforeBirth = (day: number) => Math.max(born, day);
  const id = `yp-prop-${dateOfBirth}`;
  const allocated = spec.allocated === null ? null : past(sixteenth + spec.allocated);
  const agreed =
    spec.agreed === null || sixteenth + spec.agreed > today
      ? null
      : iso(notBeforeBirth(sixteenth + spec.agreed));
  const assessed =
    spec.assessed === null || sixteenth + spec.assessed > today
      ? null
      : iso(notBeforeBirth(sixteenth + spec.assessed));

  const record: YoungPersonRecord = {
    schemaVersion: SCHEMA_VERSION,
    profile: {
      id,
      givenName: 'Wexnim',
      familyName: 'Oxxbrun',
      preferredName: null,
      dateOfBirth,
      category: spec.category,
      dateLeftCare: spec.leftCare === null ? null : iso(Math.min(eighteenth, sixteenth + spec.leftCare)),
      becameEligibleOn: spec.becameEligible === null ? null : iso(sixteenth + spec.becameEligible),
      allocatedPaId: allocated === null ? null : 'pa-prop',
      paAllocatedOn: allocated,
      teamId: 'team-prop',
      supportExtendedTo25: spec.extended,
      returnRequestedOn: null,
    },
    plan: {
      needsAssessmentCompletedOn: assessed,
      firstAgreedOn: agreed,
      sections: Object.fromEntries(
        SCHEDULE_1_MATTERS.map((matter) => [matter, { needs: `Needs for ${matter}`, youngPersonViews: '' }]),
      ) as YoungPersonRecord['plan']['sections'],
    },
    objectives: [],
    actions: spec.actions.map((a, i) => {
      const due = sixteenth + a.due;
      return {
        id: `${id}.t${i}`,
        matter: a.matter,
        objectiveId: null,
        description: 'Apply for the course',
        owner: 'Personal adviser',
        dueDate: iso(due),
        status: a.status,
        completedOn: a.status === 'done' ? iso(due + a.late) : null,
        evidence: '',
      };
    }),
    reviews: spec.reviews.map((r, i) => ({
      id: `${id}.r${i}`,
      date: past(sixteenth + r.day),
      trigger: r.trigger,
      notes: '',
    })),
    reviewRequests: spec.requests.map((day, i) => ({
      id: `${id}.q${i}`,
      requestedOn: past(sixteenth + day),
      notes: '',
    })),
    contacts: spec.contacts.map((c, i) => {
      const seen = c.seen && c.outcome === 'contact-made';
      return {
        id: `${id}.c${i}`,
        at: `${past(sixteenth + c.day)}T${String(c.hour).padStart(2, '0')}:00:00${c.zone}`,
        method: c.method,
        by: 'pa-prop',
        seen,
        seenAlone: seen && c.alone,
        outcome: c.outcome,
        notes: '',
      };
    }),
    accommodation: spec.accommodation.map((a, i) => {
      const wanted = notBeforeBirth(sixteenth + a.start);
      const start = a.code === 'Z' ? Math.max(wanted, eighteenth) : wanted;
      const suitable = a.suitable && !NEVER_SUITABLE_LETTERS.has(a.code);
      const approved = a.approved ? iso(start) : null;
      return {
        id: `${id}.a${i}`,
        code: a.code,
        startDate: iso(start),
        endDate: a.length === null ? null : iso(start + a.length),
        suitable,
        suitabilityReason: suitable ? '' : 'Too far from college',
        councilProvided: a.council,
        riskAssessedOn: a.risk === null ? null : iso(start + a.risk[0]),
        riskReviewDue: a.risk === null ? null : iso(start + a.risk[0] + a.risk[1]),
        seniorApprovalBy: approved === null ? null : 'Head of service',
        seniorApprovalOn: approved,
      };
    }),
    eet: spec.eet.map((e, i) => {
      const start = notBeforeBirth(sixteenth + e.start);
      return {
        id: `${id}.e${i}`,
        activ: e.activ,
        startDate: iso(start),
        endDate: e.length === null ? null : iso(start + e.length),
        detail: '',
      };
    }),
    entitlements: spec.entitlements.map((item) => ({
      item,
      status: spec.entitlementStatus,
      updatedOn: null,
      amountPence: null,
      notes: '',
    })),
    flags: spec.flags.map((f, i) => {
      const from = epochDayOf(past(sixteenth + f.from));
      return {
        id: `${id}.f${i}`,
        kind: f.kind,
        from: iso(from),
        to: f.kind === 'died' || f.length === null ? null : iso(from + f.length),
        notes: '',
      };
    }),
    oversight: [],
    recontactPlans: spec.recontact.map((r, i) => {
      const assessedOn = epochDayOf(past(sixteenth + r.day));
      return {
        id: `${id}.p${i}`,
        assessedOn: iso(assessedOn),
        by: 'pa-prop',
        risk: r.risk,
        plan: 'Visit the last known address',
        reviewDue: iso(assessedOn + r.length),
      };
    }),
    contested: [],
    readIssues: [],
  };
  return { record: sortRecord(record), today: iso(today) };
}

/** Any valid record, with the day it is valid on. */
export const arbBuiltCase: fc.Arbitrary<RecordCase> = arbDateOfBirth.chain((dateOfBirth) =>
  arbSpec.map((spec) => build(dateOfBirth, spec)),
);

/** A record from the synthetic caseload generator, for any seed and day. */
export const arbGeneratedCase: fc.Arbitrary<RecordCase> = fc
  .record({
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    index: fc.integer({ min: 0, max: 5000 }),
    today: fc.integer({ min: epochDayOf('2016-01-01'), max: epochDayOf('2035-12-31') }).map(iso),
  })
  .map(({ seed, index, today }) => ({
    record: generateYoungPerson({ seed, count: index + 1, today }, index),
    today,
  }));

/** Freely built records and generated ones. */
export const arbRecordCase: fc.Arbitrary<RecordCase> = fc.oneof(arbBuiltCase, arbGeneratedCase);
