/**
 * Field paths of a record ('profile.preferredName', 'plan.sections.health.needs',
 * 'entitlements.<item>.status', 'accommodation.<id>.suitabilityReason'): what a path names, every path a
 * record has (taken from the zod schemas, so a field added to a schema is a path at once), and writing a
 * value to a path with the matching validated writer.
 */
import type * as Y from 'yjs';
import { COLLECTION_NAMES, type CollectionName, type YoungPersonRecord } from '../domain/model.ts';
import { COLLECTION_SCHEMAS } from '../domain/record.ts';
import { entitlementSchema, planSchema, planSectionSchema, profileSchema } from '../domain/schemas.ts';
import { SCHEDULE_1_MATTERS, type Schedule1Matter } from '../domain/vocabulary.ts';
import type { WriteContext } from './contested.ts';
import { setEntitlement, setPlanDates, setPlanSection, setProfile, updateEntry } from './write-record.ts';

export type FieldTarget =
  | { readonly kind: 'profile'; readonly field: string }
  | { readonly kind: 'plan'; readonly field: string }
  | { readonly kind: 'plan-section'; readonly matter: Schedule1Matter; readonly field: string }
  | { readonly kind: 'entitlement'; readonly item: string; readonly field: string }
  | {
      readonly kind: 'entry';
      readonly collection: CollectionName;
      readonly id: string;
      readonly field: string;
    };

export function parseFieldPath(path: string): FieldTarget | null {
  const parts = path.split('.');
  const [head, second, third, fourth] = parts;
  if (head === 'profile' && second !== undefined && parts.length === 2)
    return { kind: 'profile', field: second };
  if (head === 'plan' && second === 'sections' && third !== undefined && fourth !== undefined) {
    const matter = SCHEDULE_1_MATTERS.find((m) => m === third);
    return matter ? { kind: 'plan-section', matter, field: fourth } : null;
  }
  if (head === 'plan' && second !== undefined && parts.length === 2) return { kind: 'plan', field: second };
  if (head === 'entitlements' && parts.length >= 3) {
    const field = parts.at(-1) ?? '';
    return { kind: 'entitlement', item: parts.slice(1, -1).join('.'), field };
  }
  // Entry ids may hold dots (generated and imported ids such as 'yp-1ka-00011.a1'); field names never do.
  const collection = COLLECTION_NAMES.find((name) => name === head);
  if (collection && parts.length >= 3)
    return { kind: 'entry', collection, id: parts.slice(1, -1).join('.'), field: parts.at(-1) ?? '' };
  return null;
}

/** The fields of a zod object schema, less the key fields that name the entry rather than hold a value. */
function fieldsOf(schema: { shape: object }, ...keys: string[]): string[] {
  return Object.keys(schema.shape).filter((field) => !keys.includes(field));
}

/** The single-valued fields of each part of the record, straight from the schemas. */
export const RECORD_FIELDS = {
  profile: fieldsOf(profileSchema, 'id'),
  plan: fieldsOf(planSchema, 'sections'),
  planSection: fieldsOf(planSectionSchema),
  entitlement: fieldsOf(entitlementSchema, 'item'),
  entries: Object.fromEntries(
    COLLECTION_NAMES.map((collection) => [collection, fieldsOf(COLLECTION_SCHEMAS[collection], 'id')]),
  ) as Readonly<Record<CollectionName, string[]>>,
} as const;

/** Every single-valued field path of a record: profile, plan, every plan section, entitlement and entry. */
export function recordFieldPaths(record: YoungPersonRecord): string[] {
  const paths = [
    ...RECORD_FIELDS.profile.map((field) => `profile.${field}`),
    ...RECORD_FIELDS.plan.map((field) => `plan.${field}`),
    ...SCHEDULE_1_MATTERS.flatMap((matter) =>
      RECORD_FIELDS.planSection.map((field) => `plan.sections.${matter}.${field}`),
    ),
    ...record.entitlements.flatMap((entitlement) =>
      RECORD_FIELDS.entitlement.map((field) => `entitlements.${entitlement.item}.${field}`),
    ),
  ];
  for (const collection of COLLECTION_NAMES)
    for (const entry of record[collection])
      paths.push(...RECORD_FIELDS.entries[collection].map((field) => `${collection}.${entry.id}.${field}`));
  return paths;
}

/** Writes `value` to the field at `path` with the matching shared writer (validated like any edit). */
export function writeFieldValue(doc: Y.Doc, path: string, value: unknown, ctx: WriteContext): void {
  const target = parseFieldPath(path);
  if (target === null) throw new Error(`Waymark cannot write the field ${path} from here.`);
  const patch = { [target.field]: value };
  switch (target.kind) {
    case 'profile':
      setProfile(doc, patch, ctx);
      return;
    case 'plan':
      setPlanDates(doc, patch, ctx);
      return;
    case 'plan-section':
      setPlanSection(doc, target.matter, patch, ctx);
      return;
    case 'entitlement':
      setEntitlement(doc, target.item, patch, ctx);
      return;
    case 'entry':
      updateEntry(doc, target.collection, target.id, patch, ctx);
      return;
  }
}
