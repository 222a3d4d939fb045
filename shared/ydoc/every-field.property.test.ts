/**
 * Property over every single-valued field path of the record schema (enumerated from the zod schemas by
 * recordFieldPaths, so a field added to a schema is covered at once): two writers set the field while
 * apart (offline, or one saving from a form opened before the other's change arrived), then sync. Either
 * both values survive as contested or the field merges; one value is never silently replaced.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { z } from 'zod';
import { ValidationError } from '../domain/errors.ts';
import { COLLECTION_NAMES, type YoungPersonRecord } from '../domain/model.ts';
import { COLLECTION_SCHEMAS } from '../domain/record.ts';
import { entitlementSchema, planSchema, planSectionSchema, profileSchema } from '../domain/schemas.ts';
import {
  accommodation,
  action,
  contact,
  eet,
  flag,
  profile,
  record,
  recontactPlan,
  review,
} from '../testing/builders.ts';
import { fieldWrites, readFields, type RegisterMap, type WriteContext } from './contested.ts';
import { parseFieldPath, RECORD_FIELDS, recordFieldPaths, writeFieldValue } from './field-path.ts';
import { readRecord } from './read-record.ts';
import { ENTITLEMENTS_MAP, PLAN_MAP, PROFILE_MAP } from './schema.ts';
import { createRecordDoc, EntryNotFoundError } from './write-record.ts';

const today = '2025-06-15';

/** One entry of every collection (two where a field can change only in one state), all valid today. */
const base: YoungPersonRecord = record({
  profile: profile({ id: 'yp-prop', preferredName: 'Zev' }),
  plan: {
    needsAssessmentCompletedOn: '2024-03-01',
    firstAgreedOn: '2024-04-01',
    sections: record().plan.sections,
  },
  objectives: [
    {
      id: 'obj-1',
      matter: 'education',
      description: 'Start college',
      targetDate: '2025-09-01',
      achievedOn: null,
    },
  ],
  actions: [
    action('2025-09-01', { id: 'act-open', objectiveId: 'obj-1' }),
    action('2025-03-01', { id: 'act-done', status: 'done', completedOn: '2025-03-01' }),
  ],
  reviews: [review('2024-10-01', { id: 'rev-1' })],
  reviewRequests: [{ id: 'req-1', requestedOn: '2025-05-01', notes: '' }],
  contacts: [
    contact('2025-05-01T10:00:00Z', { id: 'con-seen', seenAlone: false }),
    contact('2025-05-08T10:00:00Z', {
      id: 'con-miss',
      seen: false,
      seenAlone: false,
      outcome: 'no-response',
    }),
  ],
  accommodation: [
    accommodation('2024-06-01', {
      id: 'acc-1',
      code: 'K',
      suitable: false,
      suitabilityReason: 'Shared with adults',
      riskAssessedOn: '2024-06-02',
      riskReviewDue: '2025-07-01',
      seniorApprovalBy: 'Head of Service',
      seniorApprovalOn: '2024-06-01',
      // Optional fields are set too, so that every field path of the schema holds a value to contest.
      suitabilityConcerns: ['safety'],
      carer: 'Ann Example',
      formerFosterCarer: false,
      address: '1 Example Street, Testtown',
      provider: 'Example Housing',
      contactPhone: '01632 960 001',
    }),
  ],
  eet: [eet('2024-09-01', { id: 'eet-1', activ: 'F1' })],
  entitlements: [
    {
      item: 'setting-up-home-grant',
      status: 'applied',
      updatedOn: '2025-01-10',
      amountPence: 100_000,
      notes: '',
    },
    { item: 'bank-account', status: 'discussed', updatedOn: null, amountPence: null, notes: 'Next visit' },
  ],
  flags: [flag('refuses-contact', '2024-11-01', { id: 'flag-1', to: '2024-12-01' })],
  oversight: [
    {
      id: 'ov-1',
      on: '2025-02-01',
      by: 'Team manager',
      note: 'Reviewed the plan',
      actionRequired: '',
      dueBy: null,
    },
  ],
  recontactPlans: [recontactPlan('2024-11-02', '2024-12-02', { id: 'rcp-1' })],
});

const baseUpdate = Y.encodeStateAsUpdate(
  createRecordDoc(base, { writer: 'pa-1', today: '2025-06-01' }, new Y.Doc({ gc: false })),
);

function replica(): Y.Doc {
  const doc = new Y.Doc({ gc: false });
  Y.applyUpdate(doc, baseUpdate);
  return doc;
}

function sync(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}

/** The register map and field name that hold a path, following the layout in schema.ts. */
function registerOf(doc: Y.Doc, path: string): { map: RegisterMap; field: string } {
  const target = parseFieldPath(path);
  if (target === null) throw new Error(`not a field path: ${path}`);
  switch (target.kind) {
    case 'profile':
      return { map: doc.getMap(PROFILE_MAP), field: target.field };
    case 'plan':
      return { map: doc.getMap(PLAN_MAP), field: target.field };
    case 'plan-section':
      return { map: doc.getMap(PLAN_MAP), field: `sections.${target.matter}.${target.field}` };
    case 'entitlement':
      return { map: doc.getMap(ENTITLEMENTS_MAP), field: `${target.item}.${target.field}` };
    case 'entry': {
      const entry = doc.getMap<unknown>(target.collection).get(target.id);
      if (!(entry instanceof Y.Map)) throw new Error(`no entry for ${path}`);
      return { map: entry as RegisterMap, field: target.field };
    }
  }
}

function schemaOf(path: string): z.ZodType {
  const target = parseFieldPath(path);
  const shapes: Record<string, Record<string, z.ZodType>> = {
    profile: profileSchema.shape,
    plan: planSchema.shape,
    'plan-section': planSectionSchema.shape,
    entitlement: entitlementSchema.shape,
  };
  const shape =
    target?.kind === 'entry' ? COLLECTION_SCHEMAS[target.collection].shape : shapes[target?.kind ?? ''];
  const schema = (shape as Record<string, z.ZodType> | undefined)?.[target?.field ?? ''];
  if (schema === undefined) throw new Error(`no schema for ${path}`);
  return schema;
}

interface ZodDef {
  readonly type: string;
  readonly innerType?: z.ZodType;
  readonly entries?: Readonly<Record<string, string>>;
}
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: ZodDef } })._zod.def;

const DAY = 86_400_000;
const TODAY_MS = Date.parse(`${today}T00:00:00Z`);
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Dates near `around` (most of them) or anywhere in the young person's life so far. */
function datesNear(around: number): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: -400, max: 400 }).map((days) => isoDay(around + days * DAY)) },
    { weight: 1, arbitrary: fc.integer({ min: Date.UTC(2005, 0, 1), max: TODAY_MS }).map(isoDay) },
  );
}
function dateTimesNear(around: number): fc.Arbitrary<string> {
  return fc
    .integer({ min: -60 * 24, max: 60 * 24 })
    .map((hours) => `${new Date(around + hours * 3_600_000).toISOString().slice(0, 16)}:00Z`);
}
const texts = fc.oneof(
  fc.constantFrom('Damp and cold', 'No lock on the door', 'Shared bathroom', 'Zed', 'Sam', 'pa-2', 'team-2'),
  fc.string({ minLength: 1, maxLength: 30 }),
);

/** What a string field holds, asked of its schema: a date, a date-time or text (ids included). */
function stringKind(schema: z.ZodType): 'date' | 'date-time' | 'text' {
  const accepts = (value: string) => schema.safeParse(value).success;
  if (accepts('2025-01-01') && !accepts('pa-2') && !accepts('Some text')) return 'date';
  if (accepts('2025-01-01T10:00:00Z') && !accepts('2025-01-01')) return 'date-time';
  return 'text';
}

/**
 * Values a field might be set to, drawn from its schema's type (any value the type allows, dates and
 * date-times mostly near the field's current value so the record rules accept some), and now and then
 * the current value itself (a writer who leaves the field as it is).
 */
function valuesFor(schema: z.ZodType, current: unknown): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const around =
    typeof current === 'string' && !Number.isNaN(Date.parse(current))
      ? Date.parse(current)
      : TODAY_MS - 200 * DAY;
  let values: fc.Arbitrary<unknown>;
  switch (def.type) {
    case 'default':
    case 'prefault':
    case 'optional':
      return valuesFor(def.innerType as z.ZodType, current);
    case 'nullable':
      return fc.option(valuesFor(def.innerType as z.ZodType, current), { nil: null, freq: 5 });
    case 'enum':
      values = fc.constantFrom(...Object.values(def.entries ?? {}));
      break;
    case 'boolean':
      values = fc.boolean();
      break;
    case 'number':
      values = fc.integer({ min: 0, max: 200_000 });
      break;
    default: {
      const kind = stringKind(schema);
      values = kind === 'date' ? datesNear(around) : kind === 'date-time' ? dateTimesNear(around) : texts;
    }
  }
  return fc.oneof({ weight: 4, arbitrary: values }, { weight: 1, arbitrary: fc.constant(current) });
}

/** The field's value in the base record. */
function currentValue(path: string): unknown {
  const { map, field } = registerOf(replica(), path);
  return readFields(map).values[field];
}

/** Writes a value as the app would; false when the writer refuses it (nothing is written then). */
function tryWrite(doc: Y.Doc, path: string, value: unknown, ctx: WriteContext): boolean {
  try {
    writeFieldValue(doc, path, value, ctx);
    return true;
  } catch (error) {
    if (error instanceof ValidationError || error instanceof EntryNotFoundError) return false;
    throw error;
  }
}

/** The write keys of the field at `path` that stand now (its own writes, or its entry's creation). */
function standingKeys(doc: Y.Doc, path: string): string[] {
  const { map, field } = registerOf(doc, path);
  return fieldWrites(map)
    .filter((write) => write.live && write.field === field)
    .map((write) => write.key);
}

/** What a writer's edit put in the field: its new value, or nothing when the edit left the field alone. */
function written(doc: Y.Doc, path: string, before: readonly string[]): { value: unknown } | null {
  const { map, field } = registerOf(doc, path);
  const added = fieldWrites(map).filter(
    (write) => write.live && write.field === field && !before.includes(write.key),
  );
  if (added.length !== 1) return null;
  return { value: added[0]?.write.v };
}

const paths = recordFieldPaths(base);
const outcomes = { contested: 0, merged: 0 };

describe('every field path of the record', () => {
  it('is enumerated from the schemas and stored as a per-writer register', () => {
    for (const collection of COLLECTION_NAMES)
      for (const field of Object.keys(COLLECTION_SCHEMAS[collection].shape).filter((key) => key !== 'id'))
        expect(paths).toContain(`${collection}.${base[collection][0]?.id ?? ''}.${field}`);
    expect(RECORD_FIELDS.profile).toContain('preferredName');
    const doc = replica();
    for (const path of paths) {
      expect(parseFieldPath(path), path).not.toBeNull();
      expect(standingKeys(doc, path), path).toHaveLength(1);
    }
  });

  for (const path of paths)
    it(`${path}: two writers apart either merge or are shown as contested`, () => {
      let accepted = 0;
      fc.assert(
        fc.property(
          valuesFor(schemaOf(path), currentValue(path)),
          valuesFor(schemaOf(path), currentValue(path)),
          fc.boolean(),
          (mine, theirs, staleForm) => {
            const pa = replica();
            const manager = replica();
            const formOpened = Y.snapshot(manager);
            const before = standingKeys(pa, path);
            const paCtx: WriteContext = { writer: 'pa-1', today, at: `${today}T10:00:00Z` };
            if (!tryWrite(pa, path, mine, paCtx)) return;
            const fromPa = written(pa, path, before);
            // Offline: the manager never saw the PA's change. Stale form: it arrived after the form opened.
            if (staleForm) sync(pa, manager);
            const managerBefore = standingKeys(manager, path);
            const tmCtx: WriteContext = {
              writer: 'tm-1',
              today,
              at: `${today}T11:00:00Z`,
              ...(staleForm ? { seen: formOpened } : {}),
            };
            if (!tryWrite(manager, path, theirs, tmCtx)) return;
            const fromManager = written(manager, path, managerBefore);
            sync(pa, manager);
            sync(manager, pa);
            accepted += 1;
            for (const doc of [pa, manager]) {
              const { map, field } = registerOf(doc, path);
              const read = readFields(map);
              const both = fromPa !== null && fromManager !== null;
              if (both && JSON.stringify(fromPa.value) !== JSON.stringify(fromManager.value)) {
                // Both values survive, with who wrote each, and the reader reports the path as contested.
                const candidates = read.contested[field] ?? [];
                expect(candidates.map((c) => [c.by, c.value]).sort()).toEqual(
                  [
                    ['pa-1', fromPa.value],
                    ['tm-1', fromManager.value],
                  ].sort(),
                );
                expect(readRecord(doc).contested.map((c) => c.path)).toContain(path);
                outcomes.contested += 1;
              } else {
                // One change (or the same change twice): it is the field's value, uncontested.
                const change = fromManager ?? fromPa;
                if (change !== null) expect(read.values[field]).toEqual(change.value);
                expect(read.contested[field]).toBeUndefined();
                outcomes.merged += 1;
              }
            }
            expect(readFields(registerOf(pa, path).map)).toEqual(readFields(registerOf(manager, path).map));
          },
        ),
        { numRuns: 10, seed: 20261201 },
      );
      expect(accepted, `${path}: no pair of values was accepted by both writers`).toBeGreaterThan(0);
    });

  it('met real contests, not only merges', () => {
    expect(outcomes.contested).toBeGreaterThan(paths.length);
    expect(outcomes.merged).toBeGreaterThan(0);
  });
});
