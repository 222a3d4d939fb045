/**
 * How one young person's record maps onto one Y.Doc (DESIGN.md §3: one Y.Doc per young person).
 *
 *   doc.getMap('meta')            plain Y.Map: schemaVersion (number), id (the young person's id)
 *   doc.getMap('profile')         register map (contested.ts): one field per Profile property
 *   doc.getMap('plan')            register map: needsAssessmentCompletedOn, firstAgreedOn and, per Schedule 1
 *                                 matter, 'sections.<matter>.needs' and 'sections.<matter>.youngPersonViews'
 *   doc.getMap('entitlements')    register map: '<checklist item>.<field>' (status, updatedOn, amountPence, notes)
 *   doc.getMap(<collection>)      Y.Map keyed by entry id → Y.Map register map of that entry's fields, for
 *                                 objectives, actions, reviews, reviewRequests, contacts, accommodation, eet,
 *                                 flags, oversight, recontactPlans
 *
 * Collections are maps keyed by an id the writer generates, never arrays, so two people adding entries
 * offline never collide and nothing is lost; fixed keys (profile fields, plan sections, checklist items)
 * live as fields of register maps, so no two writers ever create the same nested type concurrently.
 * Every field is a register write (value, writer, date), which is how concurrent conflicting writes of
 * one field are detected and shown as contested. Entries are removed by writing the field '_deleted'
 * (a soft delete), so a removal and a concurrent edit are both kept.
 *
 * Compatibility: readers ignore root maps, fields and keys they do not know (written by newer versions)
 * and fill defaults for fields older versions did not write; the stored schemaVersion tells the reader
 * which version wrote the document.
 */
import { SCHEMA_VERSION } from '../domain/record.ts';

export { SCHEMA_VERSION };

export const META_MAP = 'meta';
export const PROFILE_MAP = 'profile';
export const PLAN_MAP = 'plan';
export const ENTITLEMENTS_MAP = 'entitlements';

/** The field that marks an entry as removed. */
export const DELETED_FIELD = '_deleted';

export const PLAN_META_FIELDS = ['needsAssessmentCompletedOn', 'firstAgreedOn'] as const;
export const PLAN_SECTION_FIELDS = ['needs', 'youngPersonViews'] as const;
export const ENTITLEMENT_FIELDS = ['status', 'updatedOn', 'amountPence', 'notes'] as const;

export function planSectionField(matter: string, field: (typeof PLAN_SECTION_FIELDS)[number]): string {
  return `sections.${matter}.${field}`;
}

export function entitlementField(item: string, field: (typeof ENTITLEMENT_FIELDS)[number]): string {
  return `${item}.${field}`;
}
