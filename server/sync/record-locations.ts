/**
 * Where things sit in a young person's record document (shared/ydoc/schema.ts), as the server's update
 * checks see them: which collections are append-only, where an item's parent is in the record, how a
 * register write looks, and which items an update added.
 */
import * as Y from 'yjs';
import { COLLECTION_NAMES, COLLECTION_SUBJECTS, type CollectionName } from '../../shared/domain/model.ts';
import type { UpdateRefusalRule } from '../../shared/protocol.ts';
import { storedWriteOf } from '../../shared/ydoc/contested.ts';
import { ENTITLEMENTS_MAP, META_MAP, PLAN_MAP, PROFILE_MAP, WRITERS_MAP } from '../../shared/ydoc/schema.ts';

/**
 * Append-only collections: their entries are the record of what was done and decided, so none is ever
 * deleted; a correction is a new write of a field (the old value stays in the document's history).
 *  - contacts: the evidence that the authority kept in touch (Children Act 1989 s23C(2)(a); for
 *    relevant children s23B and the Care Leavers (England) Regulations 2010 reg 8 visits);
 *  - reviews: pathway plan reviews (Care Leavers (England) Regulations 2010 reg 7);
 *  - reviewRequests: a young person's request for a review (reg 7(5)(c), review on request);
 *  - oversight: team managers' management-oversight notes (the supervision audit trail);
 *  - recontactPlans: the risk assessment and plan made when a young person is not in touch.
 * Objectives, actions, accommodation and EET periods and status flags describe the current plan and
 * situation: a PA may remove one (a soft delete, kept in history, which a team manager can restore).
 */
export const APPEND_ONLY_COLLECTIONS: ReadonlySet<CollectionName> = new Set<CollectionName>([
  'contacts',
  'reviews',
  'reviewRequests',
  'oversight',
  'recontactPlans',
]);

export interface UpdateRefusal {
  readonly rule: UpdateRefusalRule;
  /** Where, for the audit log and server logs: root map, entry id and field key. Never a value. */
  readonly path: string;
  /** Plain English for the person whose change was refused (no ids, no internal keys). */
  readonly message: string;
}

export const REGISTER_ROOTS = new Set([PROFILE_MAP, PLAN_MAP, ENTITLEMENTS_MAP]);
const COLLECTIONS: ReadonlySet<string> = new Set(COLLECTION_NAMES);

export function isCollection(name: string): name is CollectionName {
  return COLLECTIONS.has(name);
}

export type Location =
  | { kind: 'root'; root: string }
  | { kind: 'collection'; collection: CollectionName }
  | { kind: 'entry'; collection: CollectionName; id: string }
  | { kind: 'meta' }
  /** The writers registered per Yjs client (record encoding version 2). */
  | { kind: 'writers' }
  | { kind: 'other' };

export function rootName(doc: Y.Doc, type: Y.AbstractType<unknown>): string | null {
  for (const [name, shared] of doc.share) if (shared === type) return name;
  return null;
}

/** Where in the record an item's parent sits. */
export function locate(doc: Y.Doc, parent: Y.AbstractType<unknown>): Location {
  const item = parent._item;
  if (item === null) {
    const name = rootName(doc, parent);
    if (name === null) return { kind: 'other' };
    if (name === META_MAP) return { kind: 'meta' };
    if (name === WRITERS_MAP) return { kind: 'writers' };
    if (REGISTER_ROOTS.has(name)) return { kind: 'root', root: name };
    if (isCollection(name)) return { kind: 'collection', collection: name };
    return { kind: 'other' };
  }
  const grand = item.parent;
  if (grand instanceof Y.AbstractType && grand._item === null && typeof item.parentSub === 'string') {
    const name = rootName(doc, grand);
    if (name !== null && isCollection(name)) return { kind: 'entry', collection: name, id: item.parentSub };
  }
  // Deeper than an entry's fields: not something Waymark writes in its maps.
  let top: Y.AbstractType<unknown> = parent;
  while (top._item !== null && top._item.parent instanceof Y.AbstractType) top = top._item.parent;
  const name = rootName(doc, top);
  return name !== null && (REGISTER_ROOTS.has(name) || isCollection(name) || name === META_MAP)
    ? { kind: 'root', root: `${name} (nested)` }
    : { kind: 'other' };
}

export function where(location: Location): string {
  switch (location.kind) {
    case 'root':
      return location.root;
    case 'collection':
      return location.collection;
    case 'entry':
      return `${location.collection}.${location.id}`;
    case 'meta':
      return META_MAP;
    case 'writers':
      return WRITERS_MAP;
    default:
      return 'other';
  }
}

export function subjectOf(location: Location): string {
  if (location.kind === 'entry' || location.kind === 'collection')
    return `a ${COLLECTION_SUBJECTS[location.collection]}`;
  if (location.kind === 'root' && location.root === PROFILE_MAP) return 'the young person’s details';
  if (location.kind === 'root' && location.root === PLAN_MAP) return 'the pathway plan';
  if (location.kind === 'root' && location.root === ENTITLEMENTS_MAP) return 'the entitlements checklist';
  return 'the record';
}

export interface Write {
  readonly by: unknown;
  readonly on: unknown;
  readonly v: unknown;
}

/**
 * The write stored under `key` of a register map of `doc`, whichever encoding wrote it (version 2
 * writes name their writer through the document's writers map), or null when it is not a write. For
 * an entry's creation (key without a field) `v` is the object of its fields' values.
 */
export function writeAt(doc: Y.Doc | null, key: string, value: unknown): Write | null {
  return storedWriteOf(doc, key, value);
}

/** Checks one new item (content past the server's state vector). */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function collectionOfPath(path: string): CollectionName | null {
  const name = path.slice(0, path.indexOf('.'));
  return isCollection(name) ? name : null;
}

/** Every item integrated into `doc` past `before` (new to the server). */
export function* newItems(doc: Y.Doc, before: ReadonlyMap<number, number>): Generator<Y.Item> {
  for (const [client, structs] of doc.store.clients) {
    const known = before.get(client) ?? 0;
    for (const struct of structs)
      if (struct instanceof Y.Item && struct.id.clock + struct.length > known) yield struct;
  }
}
