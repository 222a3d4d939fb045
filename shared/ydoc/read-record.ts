/**
 * Reading a young person's Y.Doc into a typed, validated YoungPersonRecord.
 *
 * The reader is tolerant: fields it does not know are ignored, missing fields take their defaults, a
 * contested field whose winning value would make its entry invalid falls back to another candidate, and
 * an entry that still cannot be accepted is left in the document and reported in `readIssues` rather
 * than thrown away. Only a document without a readable profile cannot be read at all.
 */
import * as Y from 'yjs';
import type { z } from 'zod';
import { fieldPath, ValidationError } from '../domain/errors.ts';
import {
  COLLECTION_NAMES,
  type CollectionEntries,
  type CollectionName,
  type ContestedField,
  type Entitlement,
  type Profile,
  type ReadIssue,
  type YoungPersonRecord,
} from '../domain/model.ts';
import { COLLECTION_SCHEMAS, entryIssues, sortRecord } from '../domain/record.ts';
import { entitlementSchema, planSchema, planSectionSchema, profileSchema } from '../domain/schemas.ts';
import { SCHEDULE_1_MATTERS } from '../domain/vocabulary.ts';
import { readFields, readFieldsAsOf, type FieldsRead, type RegisterMap } from './contested.ts';
import type { IsoDate } from '../domain/dates.ts';
import { DELETED_FIELD, ENTITLEMENTS_MAP, META_MAP, PLAN_MAP, PROFILE_MAP } from './schema.ts';

/** The document has no profile yet (not created, or not yet synced). */
export class RecordNotInitialisedError extends Error {
  override readonly name = 'RecordNotInitialisedError';
  constructor() {
    super('This document holds no young person record yet');
  }
}

interface Parsed<T> {
  readonly value: T | null;
  readonly issues: ReadIssue[];
  readonly contested: ContestedField[];
}

function toIssues(error: z.ZodError, path: string, suffix = ''): ReadIssue[] {
  return error.issues.map((issue) => ({
    path: fieldPath(issue.path, path),
    message: issue.message + suffix,
  }));
}

/** Up to `limit` choices of one candidate per contested field (mixed radix), all-winners first. */
function* candidateChoices(sizes: readonly number[], limit: number): Generator<number[]> {
  const choice = sizes.map(() => 0);
  for (let produced = 0; produced < limit; produced++) {
    yield [...choice];
    let digit = 0;
    while (digit < choice.length && (choice[digit] = ((choice[digit] ?? 0) + 1) % (sizes[digit] ?? 1)) === 0)
      digit++;
    if (digit === choice.length) return;
  }
}

/** How many combinations of contested values the reader tries before giving up on consistency. */
const MAX_CANDIDATE_CHOICES = 64;

/** Parses one register map's fields, tolerating merges that left it inconsistent (see module comment). */
function parseTolerant<T>(
  schema: z.ZodType<T>,
  read: FieldsRead,
  path: string,
  fixed: Readonly<Record<string, unknown>>,
): Parsed<T> {
  const contestedFields = Object.entries(read.contested);
  const contested = contestedFields.map(([field, candidates]) => ({ path: `${path}.${field}`, candidates }));
  const attempt = (values: Readonly<Record<string, unknown>>) => schema.safeParse({ ...values, ...fixed });
  const first = attempt(read.values);
  if (first.success) return { value: first.data, issues: [], contested };
  const sizes = contestedFields.map(([, candidates]) => candidates.length);
  for (const choice of candidateChoices(sizes, MAX_CANDIDATE_CHOICES)) {
    if (choice.every((index) => index === 0)) continue;
    const values = { ...read.values };
    choice.forEach((index, i) => {
      const [field, candidates] = contestedFields[i] ?? ['', []];
      values[field] = candidates[index]?.value;
    });
    const retry = attempt(values);
    if (retry.success) return { value: retry.data, issues: [], contested };
  }
  const offending = new Set(
    first.error.issues.map((issue) => issue.path[0]).filter((key) => typeof key === 'string'),
  );
  const kept = Object.fromEntries(Object.entries(read.values).filter(([field]) => !offending.has(field)));
  const withDefaults = attempt(kept);
  if (withDefaults.success)
    return { value: withDefaults.data, issues: toIssues(first.error, path, ' (value set aside)'), contested };
  return { value: null, issues: toIssues(first.error, path), contested };
}

/**
 * The fields of `read` named `prefix` + a name without dots, with the prefix removed (so entitlement
 * item 'a' never picks up the fields of an item called 'a.b').
 */
function fieldsUnder(read: FieldsRead, prefix: string): FieldsRead {
  const pick = <V>(source: Record<string, V>) =>
    Object.fromEntries(
      Object.entries(source)
        .filter(([field]) => field.startsWith(prefix) && !field.slice(prefix.length).includes('.'))
        .map(([field, value]) => [field.slice(prefix.length), value]),
    );
  return { values: pick(read.values), contested: pick(read.contested) };
}

/** How a register map is read: as it stands (readFields), or as it stood on a day (readFieldsAsOf). */
type MapView = (map: RegisterMap) => FieldsRead;

/** The profile, or an error naming the fields when it is unreadable. */
export function readProfile(
  doc: Y.Doc,
  view: MapView = readFields,
): {
  profile: Profile;
  issues: ReadIssue[];
  contested: ContestedField[];
} {
  const read = view(doc.getMap(PROFILE_MAP));
  if (Object.keys(read.values).length === 0) throw new RecordNotInitialisedError();
  const parsed = parseTolerant(profileSchema, read, 'profile', {});
  if (parsed.value === null)
    throw new ValidationError(
      'profile in document',
      parsed.issues.map((issue) => ({ field: issue.path, message: issue.message })),
    );
  return { profile: parsed.value, issues: parsed.issues, contested: parsed.contested };
}

export function readSchemaVersion(doc: Y.Doc): number {
  const version = doc.getMap(META_MAP).get('schemaVersion');
  return typeof version === 'number' && Number.isInteger(version) && version >= 0 ? version : 0;
}

interface Collected {
  readonly issues: ReadIssue[];
  readonly contested: ContestedField[];
  readonly view: MapView;
}

function readPlan(doc: Y.Doc, out: Collected): YoungPersonRecord['plan'] {
  const read = out.view(doc.getMap(PLAN_MAP));
  const meta = parseTolerant(
    planSchema.pick({ needsAssessmentCompletedOn: true, firstAgreedOn: true }),
    read,
    'plan',
    {},
  );
  out.issues.push(...meta.issues);
  out.contested.push(...meta.contested);
  const sections: Record<string, unknown> = {};
  for (const matter of SCHEDULE_1_MATTERS) {
    const section = parseTolerant(
      planSectionSchema,
      fieldsUnder(read, `sections.${matter}.`),
      `plan.sections.${matter}`,
      {},
    );
    out.issues.push(...section.issues);
    out.contested.push(...section.contested);
    if (section.value !== null) sections[matter] = section.value;
  }
  return planSchema.parse({ ...meta.value, sections });
}

function readCollection<K extends CollectionName>(
  doc: Y.Doc,
  name: K,
  profile: Profile,
  out: Collected,
): CollectionEntries[K][] {
  const schema = COLLECTION_SCHEMAS[name] as unknown as z.ZodType<CollectionEntries[K]>;
  const entries: CollectionEntries[K][] = [];
  for (const [id, entryMap] of doc.getMap<unknown>(name).entries()) {
    const path = `${name}.${id}`;
    if (!(entryMap instanceof Y.Map)) {
      out.issues.push({ path, message: 'is not an entry written by Waymark' });
      continue;
    }
    const read = out.view(entryMap as Y.Map<unknown>);
    // Deleted, or (read as of a day) not yet written then.
    if (read.values[DELETED_FIELD] === true || Object.keys(read.values).length === 0) continue;
    const parsed = parseTolerant(schema, read, path, { id });
    out.issues.push(...parsed.issues);
    out.contested.push(...parsed.contested);
    if (parsed.value === null) continue;
    const crossIssues = entryIssues(name, parsed.value, profile, null);
    if (crossIssues.length > 0) {
      out.issues.push(
        ...crossIssues.map((issue) => ({ path: `${path}.${issue.field}`, message: issue.message })),
      );
      continue;
    }
    entries.push(parsed.value);
  }
  return entries;
}

function readEntitlements(doc: Y.Doc, out: Collected): Entitlement[] {
  const read = out.view(doc.getMap(ENTITLEMENTS_MAP));
  const items = new Set(Object.keys(read.values).map((field) => field.slice(0, field.lastIndexOf('.'))));
  const entitlements: Entitlement[] = [];
  for (const item of items) {
    const parsed = parseTolerant(entitlementSchema, fieldsUnder(read, `${item}.`), `entitlements.${item}`, {
      item,
    });
    out.issues.push(...parsed.issues);
    out.contested.push(...parsed.contested);
    if (parsed.value !== null) entitlements.push(parsed.value);
  }
  return entitlements;
}

/**
 * Reads the whole record. Throws RecordNotInitialisedError for a document with no profile and a
 * ValidationError when the profile cannot be read; anything else unreadable is reported in readIssues.
 */
export function readRecord(doc: Y.Doc, view: MapView = readFields): YoungPersonRecord {
  const { profile, issues, contested } = readProfile(doc, view);
  const out: Collected = { issues: [...issues], contested: [...contested], view };
  const plan = readPlan(doc, out);
  const collections = Object.fromEntries(
    COLLECTION_NAMES.map((name) => [name, readCollection(doc, name, profile, out)]),
  ) as { [K in CollectionName]: CollectionEntries[K][] };
  const objectiveIds = new Set(collections.objectives.map((objective) => objective.id));
  collections.actions = collections.actions.map((action) => {
    if (action.objectiveId === null || objectiveIds.has(action.objectiveId)) return action;
    out.issues.push({
      path: `actions.${action.id}.objectiveId`,
      message: 'refers to no objective (link set aside)',
    });
    return { ...action, objectiveId: null };
  });
  return sortRecord({
    schemaVersion: readSchemaVersion(doc),
    profile,
    plan,
    ...collections,
    entitlements: readEntitlements(doc, out),
    contested: out.contested,
    readIssues: out.issues,
  });
}

/**
 * The record as it stood at the end of `date`, from the writes made by then (each write keeps its day).
 * Exact where the document kept superseded content (Y.Doc gc: false); throws RecordNotInitialisedError
 * when nothing of the record had been written by then.
 */
export function readRecordAsOf(doc: Y.Doc, date: IsoDate): YoungPersonRecord {
  return readRecord(doc, (map) => readFieldsAsOf(map, date));
}
