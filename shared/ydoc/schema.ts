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
 * which version created the document. Readers read every write by its shape, not by that number: a
 * document of either version may hold writes of both (an older laptop's writes arriving late).
 *
 * Record encoding (contested.ts). Version 1: every write of a field is its own key
 * `field␟client.clock` (␟ is U+001F; client and clock in base 36, the Yjs id of the write) holding
 * `{v, by, on, at?, src?, was}`: value, writer's user id, day, date-time, source, superseded keys.
 * Version 2 (SCHEMA_VERSION 2), the same registers stored compactly:
 *   doc.getMap('writers')         client id (base 36) → the user id writing from that Yjs client, set
 *                                 once by the client itself on its first write (so never contested)
 *   `field␟client.clock`          one later write of one field: `{v, a?, d?, s?, p?, b?}`: value,
 *                                 date-time, day (left out when it is the date part of `a`), source,
 *                                 superseded write keys without the field (left out when none), and the
 *                                 writer only when it differs from the one registered for `client`
 *   `␟client.clock`               a creation: one write carrying every field of a new entry or record,
 *                                 `{v: {field: value, …}, a?, d?, s?, b?}`, read as one write per field
 *                                 under the key `field␟client.clock`
 * A creation is written when none of the fields written holds a write yet. A creation's field stands
 * until a write of that field supersedes it (lists it in `p`, directly or through writes superseded
 * since); an undone first edit gives the creation's value back. The writer of a write is read from the
 * key's client, not the item's, so a write put back by an undo keeps its author.
 * A version 1 write migrated in place (migrate-in-place.ts) is its version 2 form under the same key,
 * written by a migration client id (below 2^16): it stands until a write of the field supersedes it
 * (lists its key in `p`/`was`, directly or through writes superseded since), like a creation's field.
 */
import { SCHEMA_VERSION } from '../domain/record.ts';

export { SCHEMA_VERSION };

export const META_MAP = 'meta';
export const PROFILE_MAP = 'profile';
export const PLAN_MAP = 'plan';
export const ENTITLEMENTS_MAP = 'entitlements';
/** Version 2: Yjs client id (base 36) → the writer registered for it (contested.ts). */
export const WRITERS_MAP = 'writers';

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
