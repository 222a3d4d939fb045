/**
 * Writing a young person's Y.Doc. Every helper validates with zod (and the record rules, against the
 * write context's "today") before writing, throws a specific error on bad input, and writes inside one
 * doc.transact so observers and providers see one change.
 */
import * as Y from 'yjs';
import { parseOrThrow, ValidationError, type FieldIssue } from '../domain/errors.ts';
import {
  COLLECTION_NAMES,
  COLLECTION_SUBJECTS,
  type AccommodationPeriod,
  type CollectionEntries,
  type CollectionName,
  type ContactEvent,
  type Entitlement,
  type PathwayPlan,
  type PlanSection,
  type Profile,
  type YoungPersonRecord,
} from '../domain/model.ts';
import {
  COLLECTION_SCHEMAS,
  entryIssues,
  profileIssues,
  SCHEMA_VERSION,
  validateRecord,
} from '../domain/record.ts';
import { entitlementSchema, planSchema, planSectionSchema, profileSchema } from '../domain/schemas.ts';
import type { IsoDate } from '../domain/dates.ts';
import type { Schedule1Matter } from '../domain/vocabulary.ts';
import {
  checkWriteContext,
  readFields,
  readFieldsSeen,
  writeFields,
  type FieldsRead,
  type RegisterMap,
  type WriteContext,
} from './contested.ts';
import { readProfile, readRecord } from './read-record.ts';
import {
  DELETED_FIELD,
  ENTITLEMENT_FIELDS,
  ENTITLEMENTS_MAP,
  entitlementField,
  META_MAP,
  PLAN_MAP,
  planSectionField,
  PROFILE_MAP,
} from './schema.ts';

export class DuplicateEntryError extends Error {
  override readonly name = 'DuplicateEntryError';
  constructor(collection: CollectionName, id: string) {
    super(`${COLLECTION_SUBJECTS[collection]} ${JSON.stringify(id)} already exists in ${collection}`);
  }
}

export class EntryNotFoundError extends Error {
  override readonly name = 'EntryNotFoundError';
  constructor(collection: CollectionName, id: string) {
    super(`No ${COLLECTION_SUBJECTS[collection]} ${JSON.stringify(id)} in ${collection}`);
  }
}

export class RecordAlreadyInitialisedError extends Error {
  override readonly name = 'RecordAlreadyInitialisedError';
  constructor() {
    super('This document already holds a young person record');
  }
}

type Patch<T> = Partial<Omit<T, 'id'>>;

function withoutKey<T extends object>(value: T, key: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([field]) => field !== key));
}

function entryMap(doc: Y.Doc, collection: CollectionName, id: string): RegisterMap {
  const entry = doc.getMap<unknown>(collection).get(id);
  if (!(entry instanceof Y.Map) || readFields(entry as RegisterMap).values[DELETED_FIELD] === true)
    throw new EntryNotFoundError(collection, id);
  return entry as RegisterMap;
}

/** The validated values of the fields a patch names (so trimmed, defaulted values are what is stored). */
function patched(validated: object, patch: object): Record<string, unknown> {
  const values = validated as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(patch)
      .filter(([field, value]) => value !== undefined && field !== 'id')
      .map(([field]) => [field, values[field]]),
  );
}

/**
 * The fields of `patch` worth writing: those that differ from what the writer saw or were contested
 * when they saw them (writing settles what they saw). What they saw is the map as it stood in ctx.seen
 * when given (a form opened earlier), else as it stands now: so a form that still shows a value another
 * person has since changed does not write it back over their change.
 */
function changedFields(
  patch: Readonly<Record<string, unknown>>,
  current: Readonly<Record<string, unknown>>,
  contested: Readonly<Record<string, unknown>>,
  map?: RegisterMap,
  ctx?: WriteContext,
): Record<string, unknown> {
  const seen: FieldsRead | null =
    map !== undefined && ctx?.seen !== undefined ? readFieldsSeen(map, ctx.seen) : null;
  return Object.fromEntries(
    Object.entries(patch).filter(([field, value]) => {
      if (seen !== null && field in seen.values)
        return field in seen.contested || JSON.stringify(seen.values[field]) !== JSON.stringify(value);
      return field in contested || JSON.stringify(current[field]) !== JSON.stringify(value);
    }),
  );
}

function throwIfIssues(subject: string, issues: readonly FieldIssue[]): void {
  if (issues.length > 0) throw new ValidationError(subject, issues);
}

/** Entries of every collection that the given profile would put in breach of the record rules. */
function entriesBrokenBy(doc: Y.Doc, profile: Profile): FieldIssue[] {
  const record = readRecord(doc);
  const issues: FieldIssue[] = [];
  for (const collection of COLLECTION_NAMES)
    for (const entry of record[collection] as readonly CollectionEntries[typeof collection][])
      for (const issue of entryIssues(collection, entry, profile, null))
        issues.push({ field: `${collection}.${entry.id}.${issue.field}`, message: issue.message });
  return issues;
}

function writeEntry(doc: Y.Doc, collection: CollectionName, entry: { id: string }, ctx: WriteContext): void {
  const map = doc.getMap<unknown>(collection).set(entry.id, new Y.Map<unknown>());
  writeFields(map, withoutKey(entry, 'id'), ctx);
}

function writePlan(doc: Y.Doc, plan: PathwayPlan, ctx: WriteContext): void {
  const values: Record<string, unknown> = {
    needsAssessmentCompletedOn: plan.needsAssessmentCompletedOn,
    firstAgreedOn: plan.firstAgreedOn,
  };
  for (const [matter, section] of Object.entries(plan.sections)) {
    values[planSectionField(matter, 'needs')] = section.needs;
    values[planSectionField(matter, 'youngPersonViews')] = section.youngPersonViews;
  }
  writeFields(doc.getMap(PLAN_MAP), values, ctx);
}

function entitlementValues(entitlement: Entitlement): Record<string, unknown> {
  return {
    [entitlementField(entitlement.item, 'status')]: entitlement.status,
    [entitlementField(entitlement.item, 'updatedOn')]: entitlement.updatedOn,
    [entitlementField(entitlement.item, 'amountPence')]: entitlement.amountPence,
    [entitlementField(entitlement.item, 'notes')]: entitlement.notes,
  };
}

/**
 * The day each part of a record was first recorded, for a record written from history (generated demo
 * data, an import), so the record's history shows those days rather than the day it was written.
 */
export interface RecordDates {
  readonly profile?: IsoDate;
  readonly plan?: IsoDate;
  readonly entitlement?: (entitlement: Entitlement) => IsoDate | null;
  readonly entry?: (collection: CollectionName, entry: CollectionEntries[CollectionName]) => IsoDate | null;
}

function datedContext(ctx: WriteContext, on: IsoDate | null | undefined): WriteContext {
  if (on === null || on === undefined || on > ctx.today) return ctx;
  return { writer: ctx.writer, today: on, ...(ctx.source === undefined ? {} : { source: ctx.source }) };
}

/**
 * Writes a whole record into an empty document (a new Y.Doc unless one is given) in one transaction.
 * The record is validated first against ctx.today; its `contested` and `readIssues` are not written.
 * `dates` dates the parts of a record written from history (never later than ctx.today).
 */
export function createRecordDoc(
  record: YoungPersonRecord,
  ctx: WriteContext,
  doc: Y.Doc = new Y.Doc(),
  dates: RecordDates = {},
): Y.Doc {
  checkWriteContext(ctx);
  const valid = validateRecord(record, ctx.today);
  if (readFields(doc.getMap(PROFILE_MAP)).values['id'] !== undefined)
    throw new RecordAlreadyInitialisedError();
  doc.transact(() => {
    const meta = doc.getMap<unknown>(META_MAP);
    meta.set('schemaVersion', SCHEMA_VERSION);
    meta.set('id', valid.profile.id);
    writeFields(doc.getMap(PROFILE_MAP), valid.profile, datedContext(ctx, dates.profile));
    writePlan(doc, valid.plan, datedContext(ctx, dates.plan));
    for (const collection of COLLECTION_NAMES)
      for (const entry of valid[collection] as readonly CollectionEntries[CollectionName][])
        writeEntry(doc, collection, entry, datedContext(ctx, dates.entry?.(collection, entry)));
    for (const entitlement of valid.entitlements)
      writeFields(
        doc.getMap(ENTITLEMENTS_MAP),
        entitlementValues(entitlement),
        datedContext(ctx, dates.entitlement?.(entitlement)),
      );
  });
  return doc;
}

/** Changes profile fields. The id cannot change; a new date of birth must not strand existing entries. */
export function setProfile(doc: Y.Doc, patch: Partial<Profile>, ctx: WriteContext): Profile {
  checkWriteContext(ctx);
  const current = readProfile(doc);
  if (patch.id !== undefined && patch.id !== current.profile.id)
    throw new ValidationError('profile', [{ field: 'id', message: 'cannot be changed' }]);
  const next = parseOrThrow(profileSchema, { ...current.profile, ...patch }, 'profile');
  throwIfIssues('profile', profileIssues(next, null, ctx.today));
  if (next.dateOfBirth !== current.profile.dateOfBirth) throwIfIssues('profile', entriesBrokenBy(doc, next));
  const map = doc.getMap(PROFILE_MAP);
  const contested = readFields(map).contested;
  doc.transact(() =>
    writeFields(map, changedFields(patched(next, patch), current.profile, contested, map, ctx), ctx),
  );
  return next;
}

/** Sets when the needs assessment was completed and when the first plan was agreed. */
export function setPlanDates(
  doc: Y.Doc,
  patch: Partial<Pick<PathwayPlan, 'needsAssessmentCompletedOn' | 'firstAgreedOn'>>,
  ctx: WriteContext,
): void {
  checkWriteContext(ctx);
  const record = readRecord(doc);
  const plan = parseOrThrow(planSchema, { ...record.plan, ...patch }, 'pathway plan');
  throwIfIssues('pathway plan', profileIssues(record.profile, plan, ctx.today));
  const map = doc.getMap(PLAN_MAP);
  const read = readFields(map);
  doc.transact(() =>
    writeFields(map, changedFields(patched(plan, patch), read.values, read.contested, map, ctx), ctx),
  );
}

/** Sets the needs and the young person's own views for one Schedule 1 matter. */
export function setPlanSection(
  doc: Y.Doc,
  matter: Schedule1Matter,
  patch: Partial<PlanSection>,
  ctx: WriteContext,
): void {
  checkWriteContext(ctx);
  const record = readRecord(doc);
  const section = parseOrThrow(
    planSectionSchema,
    { ...record.plan.sections[matter], ...patch },
    `plan section ${matter}`,
  );
  const map = doc.getMap(PLAN_MAP);
  const read = readFields(map);
  const wanted = Object.fromEntries(
    Object.entries(patched(section, patch)).map(([field, value]) => [
      planSectionField(matter, field as keyof PlanSection),
      value,
    ]),
  );
  doc.transact(() => writeFields(map, changedFields(wanted, read.values, read.contested, map, ctx), ctx));
}

/** Sets one line of the entitlement checklist. */
export function setEntitlement(
  doc: Y.Doc,
  item: string,
  patch: Partial<Omit<Entitlement, 'item'>>,
  ctx: WriteContext,
): Entitlement {
  checkWriteContext(ctx);
  const record = readRecord(doc);
  const current = record.entitlements.find((entry) => entry.item === item);
  const next = parseOrThrow(entitlementSchema, { ...current, ...patch, item }, 'entitlement');
  const map = doc.getMap(ENTITLEMENTS_MAP);
  const read = readFields(map);
  // A new checklist line is written whole; an existing one only where the patch changes it.
  const wanted =
    current === undefined
      ? entitlementValues(next)
      : Object.fromEntries(
          Object.entries(patched(next, patch)).map(([field, value]) => [
            entitlementField(item, field as (typeof ENTITLEMENT_FIELDS)[number]),
            value,
          ]),
        );
  doc.transact(() => writeFields(map, changedFields(wanted, read.values, read.contested, map, ctx), ctx));
  return next;
}

function validateEntry<K extends CollectionName>(
  doc: Y.Doc,
  collection: K,
  input: unknown,
  ctx: WriteContext,
) {
  const subject = COLLECTION_SUBJECTS[collection];
  const entry = parseOrThrow(COLLECTION_SCHEMAS[collection], input, subject) as CollectionEntries[K];
  const { profile } = readProfile(doc);
  const issues = entryIssues(collection, entry, profile, ctx.today);
  if (collection === 'actions') {
    const { objectiveId } = entry as CollectionEntries['actions'];
    if (objectiveId !== null && !(doc.getMap<unknown>('objectives').get(objectiveId) instanceof Y.Map))
      issues.push({ field: 'objectiveId', message: 'refers to no objective in this plan' });
  }
  throwIfIssues(subject, issues);
  return entry;
}

/** Adds an entry to a collection under its own id. */
export function addEntry<K extends CollectionName>(
  doc: Y.Doc,
  collection: K,
  input: CollectionEntries[K],
  ctx: WriteContext,
): CollectionEntries[K] {
  checkWriteContext(ctx);
  const entry = validateEntry(doc, collection, input, ctx);
  if (doc.getMap<unknown>(collection).has(entry.id)) throw new DuplicateEntryError(collection, entry.id);
  doc.transact(() => writeEntry(doc, collection, entry, ctx));
  return entry;
}

function writeEntryPatch<K extends CollectionName>(
  doc: Y.Doc,
  collection: K,
  id: string,
  patch: Patch<CollectionEntries[K]>,
  ctx: WriteContext,
  confirm: boolean,
): CollectionEntries[K] {
  checkWriteContext(ctx);
  const map = entryMap(doc, collection, id);
  const read = readFields(map);
  const entry = validateEntry(doc, collection, { ...read.values, ...patch, id }, ctx);
  const values = patched(entry, patch);
  doc.transact(() =>
    writeFields(map, confirm ? values : changedFields(values, read.values, read.contested, map, ctx), ctx),
  );
  return entry;
}

/** Changes some fields of an entry; only fields that change (or settle a contest) are written. */
export function updateEntry<K extends CollectionName>(
  doc: Y.Doc,
  collection: K,
  id: string,
  patch: Patch<CollectionEntries[K]>,
  ctx: WriteContext,
): CollectionEntries[K] {
  return writeEntryPatch(doc, collection, id, patch, ctx, false);
}

/** Removes an entry by marking it deleted, so a concurrent edit is kept in the document too. */
export function removeEntry(doc: Y.Doc, collection: CollectionName, id: string, ctx: WriteContext): void {
  checkWriteContext(ctx);
  const map = entryMap(doc, collection, id);
  doc.transact(() => writeFields(map, { [DELETED_FIELD]: true }, ctx));
}

export class EntryNotRemovedError extends Error {
  override readonly name = 'EntryNotRemovedError';
  constructor(collection: CollectionName, id: string) {
    super(`${COLLECTION_SUBJECTS[collection]} ${JSON.stringify(id)} in ${collection} has not been removed`);
  }
}

/**
 * Brings back a removed entry as it stood when it was removed: a new write of the removal mark, so the
 * removal and the restore both stay in the record's history. The entry is checked against the record
 * rules first (it must fit the record as it is now). Who may restore is for the caller to decide.
 */
export function restoreEntry<K extends CollectionName>(
  doc: Y.Doc,
  collection: K,
  id: string,
  ctx: WriteContext,
): CollectionEntries[K] {
  checkWriteContext(ctx);
  const entry = doc.getMap<unknown>(collection).get(id);
  if (!(entry instanceof Y.Map)) throw new EntryNotFoundError(collection, id);
  const map = entry as RegisterMap;
  const read = readFields(map);
  if (read.values[DELETED_FIELD] !== true) throw new EntryNotRemovedError(collection, id);
  const values = Object.fromEntries(Object.entries(read.values).filter(([field]) => field !== DELETED_FIELD));
  const restored = validateEntry(doc, collection, { ...values, id }, ctx);
  doc.transact(() => writeFields(map, { [DELETED_FIELD]: false }, ctx));
  return restored;
}

export function addContact(doc: Y.Doc, contact: ContactEvent, ctx: WriteContext): ContactEvent {
  return addEntry(doc, 'contacts', contact, ctx);
}

export function addAccommodation(
  doc: Y.Doc,
  period: AccommodationPeriod,
  ctx: WriteContext,
): AccommodationPeriod {
  return addEntry(doc, 'accommodation', period, ctx);
}

export function updateAccommodation(
  doc: Y.Doc,
  id: string,
  patch: Patch<AccommodationPeriod>,
  ctx: WriteContext,
): AccommodationPeriod {
  return updateEntry(doc, 'accommodation', id, patch, ctx);
}

/**
 * Records an assessment of whether accommodation is suitable, and why (Care Leavers (England)
 * Regulations 2010 reg 9(2)). An assessment is written even when it confirms the current value, so a
 * confirmation made offline while someone else changed the assessment shows as contested.
 */
export function setAccommodationSuitability(
  doc: Y.Doc,
  id: string,
  suitability: Pick<AccommodationPeriod, 'suitable' | 'suitabilityReason'>,
  ctx: WriteContext,
): AccommodationPeriod {
  return writeEntryPatch(doc, 'accommodation', id, suitability, ctx, true);
}
