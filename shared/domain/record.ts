/**
 * The whole record: its schema, the rules that cross entries (nothing before birth, Staying Put only
 * from 18, nothing recorded in the future), validation against an explicit "today" and a canonical
 * order for collections so that two equal records compare equal.
 */
import { z } from 'zod';
import { STAYING_PUT_LETTER } from './codes.ts';
import { dateOfDateTime, instantOf, nthBirthday, type IsoDate } from './dates.ts';
import { fieldPath, issuesFromZod, ValidationError, type FieldIssue } from './errors.ts';
import type { CollectionEntries, CollectionName, Profile, YoungPersonRecord } from './model.ts';
import {
  accommodationSchema,
  actionSchema,
  contactSchema,
  contestedFieldSchema,
  eetSchema,
  entitlementSchema,
  flagSchema,
  objectiveSchema,
  oversightNoteSchema,
  planSchema,
  profileSchema,
  readIssueSchema,
  recontactPlanSchema,
  reviewRequestSchema,
  reviewSchema,
} from './schemas.ts';

import { SCHEMA_VERSION } from './schema-version.ts';

export { SCHEMA_VERSION };

/** A record with its profile and nothing else written yet: a young person just added or imported. */
export function newRecord(profile: Profile): YoungPersonRecord {
  return {
    schemaVersion: SCHEMA_VERSION,
    profile,
    plan: planSchema.parse({}),
    objectives: [],
    actions: [],
    reviews: [],
    reviewRequests: [],
    contacts: [],
    accommodation: [],
    eet: [],
    entitlements: [],
    flags: [],
    oversight: [],
    recontactPlans: [],
    contested: [],
    readIssues: [],
  };
}

export const COLLECTION_SCHEMAS = {
  objectives: objectiveSchema,
  actions: actionSchema,
  reviews: reviewSchema,
  reviewRequests: reviewRequestSchema,
  contacts: contactSchema,
  accommodation: accommodationSchema,
  eet: eetSchema,
  flags: flagSchema,
  oversight: oversightNoteSchema,
  recontactPlans: recontactPlanSchema,
} as const;

export const recordBaseSchema = z.object({
  schemaVersion: z.number().int().min(0).default(SCHEMA_VERSION),
  profile: profileSchema,
  plan: planSchema.prefault({}),
  objectives: z.array(objectiveSchema).default([]),
  actions: z.array(actionSchema).default([]),
  reviews: z.array(reviewSchema).default([]),
  reviewRequests: z.array(reviewRequestSchema).default([]),
  contacts: z.array(contactSchema).default([]),
  accommodation: z.array(accommodationSchema).default([]),
  eet: z.array(eetSchema).default([]),
  entitlements: z.array(entitlementSchema).default([]),
  flags: z.array(flagSchema).default([]),
  oversight: z.array(oversightNoteSchema).default([]),
  recontactPlans: z.array(recontactPlanSchema).default([]),
  contested: z.array(contestedFieldSchema).default([]),
  readIssues: z.array(readIssueSchema).default([]),
});

interface PathIssue {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/** Date checks an entry must pass against the young person's date of birth and, when given, today. */
interface DateRule {
  readonly field: string;
  readonly date: IsoDate | null;
  /** May the date lie after today? (Planned moves and review dates may; contacts may not.) */
  readonly futureAllowed: boolean;
}

const ENTRY_DATES: { readonly [K in CollectionName]: (entry: CollectionEntries[K]) => readonly DateRule[] } =
  {
    objectives: () => [],
    actions: () => [],
    reviews: (r) => [{ field: 'date', date: r.date, futureAllowed: false }],
    reviewRequests: (r) => [{ field: 'requestedOn', date: r.requestedOn, futureAllowed: false }],
    contacts: (c) => [{ field: 'at', date: dateOfDateTime(c.at), futureAllowed: false }],
    accommodation: (a) => [{ field: 'startDate', date: a.startDate, futureAllowed: true }],
    eet: (e) => [{ field: 'startDate', date: e.startDate, futureAllowed: true }],
    flags: (f) => [{ field: 'from', date: f.from, futureAllowed: false }],
    oversight: (n) => [{ field: 'on', date: n.on, futureAllowed: false }],
    recontactPlans: (r) => [{ field: 'assessedOn', date: r.assessedOn, futureAllowed: false }],
  };

function dateIssues(rules: readonly DateRule[], dateOfBirth: IsoDate, today: IsoDate | null): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const rule of rules) {
    if (rule.date === null) continue;
    if (rule.date < dateOfBirth)
      issues.push({ field: rule.field, message: `must not be before the date of birth (${dateOfBirth})` });
    else if (today !== null && !rule.futureAllowed && rule.date > today)
      issues.push({ field: rule.field, message: `must not be in the future (today is ${today})` });
  }
  return issues;
}

/**
 * Checks of one entry against the profile: nothing before birth, nothing recorded in the future when
 * `today` is given, and Staying Put (Z) only from the 18th birthday (Children Act 1989 s23CZA).
 */
export function entryIssues<K extends CollectionName>(
  collection: K,
  entry: CollectionEntries[K],
  profile: Pick<Profile, 'dateOfBirth'>,
  today: IsoDate | null,
): FieldIssue[] {
  const issues = dateIssues(ENTRY_DATES[collection](entry), profile.dateOfBirth, today);
  if (collection === 'accommodation') {
    const period = entry as CollectionEntries['accommodation'];
    const eighteenth = nthBirthday(profile.dateOfBirth, 18);
    if (period.code === STAYING_PUT_LETTER && period.startDate < eighteenth)
      issues.push({
        field: 'code',
        message: `Staying Put (Z) is only from the 18th birthday (${eighteenth}); this period starts ${period.startDate}`,
      });
  }
  return issues;
}

/** Checks of the profile and plan dates against the date of birth and today. */
export function profileIssues(
  profile: Profile,
  plan: YoungPersonRecord['plan'] | null,
  today: IsoDate | null,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (today !== null && profile.dateOfBirth > today)
    issues.push({ field: 'profile.dateOfBirth', message: `must not be in the future (today is ${today})` });
  if (profile.dateLeftCare !== null && profile.dateLeftCare > nthBirthday(profile.dateOfBirth, 18))
    issues.push({
      field: 'profile.dateLeftCare',
      message: `must be on or before the 18th birthday (${nthBirthday(profile.dateOfBirth, 18)}): care ends at 18`,
    });
  const request = profile.returnRequestedOn;
  if (request !== null) {
    // s23CZB: a former relevant child who has reached 21 and is under 25.
    const from = nthBirthday(profile.dateOfBirth, 21);
    const until = nthBirthday(profile.dateOfBirth, 25);
    if (request < from || request >= until)
      issues.push({
        field: 'profile.returnRequestedOn',
        message: `must be between the 21st birthday (${from}) and the 25th (${until}): returning for support is for 21- to 24-year-olds`,
      });
    if (profile.category === 'qualifying')
      issues.push({
        field: 'profile.returnRequestedOn',
        message: 'applies to former relevant young people, not qualifying care leavers',
      });
    if (today !== null && request > today)
      issues.push({
        field: 'profile.returnRequestedOn',
        message: `must not be in the future (today is ${today})`,
      });
  }
  if (plan !== null) {
    const rules: DateRule[] = [
      { field: 'needsAssessmentCompletedOn', date: plan.needsAssessmentCompletedOn, futureAllowed: false },
      { field: 'firstAgreedOn', date: plan.firstAgreedOn, futureAllowed: false },
    ];
    for (const issue of dateIssues(rules, profile.dateOfBirth, today))
      issues.push({ field: `plan.${issue.field}`, message: issue.message });
  }
  return issues;
}

function duplicateIssues(collection: string, keys: readonly string[], field = 'id'): PathIssue[] {
  const seen = new Set<string>();
  const issues: PathIssue[] = [];
  keys.forEach((key, index) => {
    if (seen.has(key))
      issues.push({ path: [collection, index, field], message: `duplicate ${field} ${JSON.stringify(key)}` });
    seen.add(key);
  });
  return issues;
}

type RecordShape = z.output<typeof recordBaseSchema>;

function crossEntryIssues(record: RecordShape, today: IsoDate | null): PathIssue[] {
  const issues: PathIssue[] = [];
  for (const issue of profileIssues(record.profile, record.plan, today))
    issues.push({ path: issue.field.split('.'), message: issue.message });
  for (const collection of Object.keys(COLLECTION_SCHEMAS) as CollectionName[]) {
    const entries = record[collection] as readonly CollectionEntries[typeof collection][];
    issues.push(
      ...duplicateIssues(
        collection,
        entries.map((entry) => entry.id),
      ),
    );
    entries.forEach((entry, index) => {
      for (const issue of entryIssues(collection, entry, record.profile, today))
        issues.push({ path: [collection, index, issue.field], message: issue.message });
    });
  }
  issues.push(
    ...duplicateIssues(
      'entitlements',
      record.entitlements.map((e) => e.item),
      'item',
    ),
  );
  const objectiveIds = new Set(record.objectives.map((objective) => objective.id));
  record.actions.forEach((action, index) => {
    if (action.objectiveId !== null && !objectiveIds.has(action.objectiveId))
      issues.push({
        path: ['actions', index, 'objectiveId'],
        message: 'refers to no objective in this plan',
      });
  });
  return issues;
}

/** The record schema with the rules that do not depend on today. */
export const youngPersonRecordSchema = recordBaseSchema.superRefine((record, ctx) => {
  for (const issue of crossEntryIssues(record, null))
    ctx.addIssue({ code: 'custom', path: [...issue.path], message: issue.message });
});

/**
 * Validates a whole record as of `today`: formats, codes, cross-field and cross-entry rules, no date of
 * birth, contact or review in the future. Throws a ValidationError naming every failing field.
 */
export function validateRecord(input: unknown, today: IsoDate): YoungPersonRecord {
  const parsed = recordBaseSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError('young person record', issuesFromZod(parsed.error));
  const issues = crossEntryIssues(parsed.data, today);
  if (issues.length > 0)
    throw new ValidationError(
      'young person record',
      issues.map((issue) => ({ field: fieldPath(issue.path), message: issue.message })),
    );
  return sortRecord(parsed.data);
}

function compareKeys(a: readonly (string | number)[], b: readonly (string | number)[]): number {
  for (let i = 0; i < a.length; i++) {
    const ka = a[i] as string | number;
    const kb = b[i] as string | number;
    if (ka !== kb) return ka < kb ? -1 : 1;
  }
  return 0;
}

/** Sorts by several keys, computing each item's keys once. */
function sorted<T>(items: readonly T[], ...keys: ((item: T) => string | number)[]): T[] {
  return items
    .map((item) => ({ item, key: keys.map((key) => key(item)) }))
    .sort((a, b) => compareKeys(a.key, b.key))
    .map(({ item }) => item);
}

/** The canonical order of every collection (by date, then id), used by readers and the generator. */
export function sortRecord(record: YoungPersonRecord): YoungPersonRecord {
  const id = (entry: { id: string }) => entry.id;
  return {
    ...record,
    objectives: sorted(
      record.objectives,
      (o) => o.matter,
      (o) => o.targetDate,
      id,
    ),
    actions: sorted(record.actions, (a) => a.dueDate, id),
    reviews: sorted(record.reviews, (r) => r.date, id),
    reviewRequests: sorted(record.reviewRequests, (r) => r.requestedOn, id),
    contacts: sorted(record.contacts, (c) => instantOf(c.at), id),
    accommodation: sorted(record.accommodation, (a) => a.startDate, id),
    eet: sorted(record.eet, (e) => e.startDate, id),
    entitlements: sorted(record.entitlements, (e) => e.item),
    flags: sorted(record.flags, (f) => f.from, id),
    oversight: sorted(record.oversight, (n) => n.on, id),
    recontactPlans: sorted(record.recontactPlans, (r) => r.assessedOn, id),
    contested: sorted(record.contested, (c) => c.path),
    readIssues: sorted(record.readIssues, (i) => i.path),
  };
}
