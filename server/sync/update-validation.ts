/**
 * The server checks every update before it stores it (issue 12). `checkUpdate` applies the update to a
 * copy of the document's current state (garbage collection off, like the stored documents) and refuses
 * it, with a rule and a plain-English message, when it:
 *
 *  - is not the shape Waymark writes in the record's maps ('malformed'): a register key without its
 *    write key, a value that is not a write (version 1 {v, by, on}, version 2 {v, a|d, …}: see
 *    shared/ydoc/schema.ts), nested types where a value belongs, list content in a map. An entry's
 *    creation (version 2: one write carrying every field) is checked field by field like separate writes;
 *  - registers, in the writers map (version 2), anyone but the signed-in user, or for a client id other
 *    than the device's own, or changes a client's registered writer ('forged-writer');
 *  - writes NEW content attributed to someone other than the authenticated user ('forged-writer'), or
 *    dated after tomorrow (server time). See "Whose content may a connection bring" below;
 *  - removes an entry from a collection, or leaves a field with no value at all ('removed'): removal
 *    is a soft delete (`_deleted`) and every write of a field replaces the writes it saw with a new one
 *    (ydoc/contested.ts). The one exception is taking back only what the user wrote themselves, which
 *    is what Y.UndoManager does when a PA undoes their own new entry or first write of a field;
 *  - deletes (soft or hard) an entry of an append-only collection ('append-only', listed in record-locations.ts);
 *  - makes the record invalid ('invalid-record'): a new write whose value fails its field's zod schema,
 *    a record that was readable and no longer is, a profile whose id is not the document's, or a read
 *    issue (shared/ydoc/read-record.ts) that the record did not have before (for speed, when an update
 *    touches only collection entries and each reads as valid, the whole record is not read). A merge
 *    of two honest offline edits can produce such an issue; the later sender is then told, fixes the
 *    field, and its next sync sends the whole of its unconfirmed work again (sync step 2), valid then.
 *
 * Whose content may a connection bring. Only content NEW to the server — items past the server's state
 * vector — must carry the authenticated user's id in its writer stamp (`by`; in version 2, `b` or else
 * the writer registered for the client id in the write's key), unless it puts back,
 * unchanged and under the same key, a write the document already held (an undo over someone else's
 * value restores their write as it was). A client's sync step 2 legitimately re-sends what it received
 * from the server, written by other people: those items are already in the server's state, so they
 * are not new and are not checked again. A former team member's
 * work that never reached the server, arriving through somebody else's sign-in (a laptop handed over,
 * another person signed in on it), is refused: the server will not record that person X wrote something
 * when X's own authenticated session did not deliver it. That work stays on the laptop as unconfirmed,
 * with the reason shown; it reaches the server when X signs in (the grace period for a former holder's
 * late changes), or the current user re-enters it as their own. After a server restore from backup,
 * laptops holding other people's content the server lost hit the same rule; docs/operations.md says so.
 *
 * Content outside the record's maps (root types Waymark does not know, e.g. written by a newer version)
 * is accepted unchecked: readers ignore it (ydoc/schema.ts, compatibility).
 */
import * as Y from 'yjs';
import type { z } from 'zod';
import { addDaysIso, isIsoDate, type IsoDate } from '../../shared/domain/dates.ts';
import { COLLECTION_SUBJECTS, type CollectionName, type Profile } from '../../shared/domain/model.ts';
import { COLLECTION_SCHEMAS, entryIssues } from '../../shared/domain/record.ts';
import {
  entitlementSchema,
  planSchema,
  planSectionSchema,
  profileSchema,
} from '../../shared/domain/schemas.ts';
import { readFields, WRITE_SEPARATOR } from '../../shared/ydoc/contested.ts';
import { readRecord, RecordNotInitialisedError } from '../../shared/ydoc/read-record.ts';
import {
  APPEND_ONLY_COLLECTIONS,
  capitalise,
  collectionOfPath,
  isCollection,
  locate,
  newItems,
  where,
  subjectOf,
  type Location,
  type UpdateRefusal,
  type Write,
  writeAt,
} from './record-locations.ts';
import { slimLoadedDoc } from './loaded-doc-memory.ts';
import { compareOutlines, outline, touchedPaths, updatedOutline, type Outline } from './record-outline.ts';
import { DELETED_FIELD, PLAN_MAP, PROFILE_MAP, WRITERS_MAP } from '../../shared/ydoc/schema.ts';

export { APPEND_ONLY_COLLECTIONS, type UpdateRefusal } from './record-locations.ts';

export interface UpdateCheck {
  /** The young person id the document belongs to (from its name). */
  readonly youngPersonId: string;
  /** The authenticated user sending the update. */
  readonly userId: string;
  /** The server's date, for the latest acceptable write date (today + 1 day, for time zones). */
  readonly today: IsoDate;
}

type Shape = Readonly<Record<string, z.ZodType>>;

function shapeOf(schema: z.ZodType): Shape | null {
  return 'shape' in schema && typeof schema.shape === 'object' && schema.shape !== null
    ? (schema.shape as Shape)
    : null;
}

/** The zod schema of one field of a register map, or null for a field this version does not know. */
function fieldSchema(location: Location, field: string): z.ZodType | null {
  if (field === DELETED_FIELD) return location.kind === 'entry' ? booleanSchema : null;
  if (location.kind === 'entry') {
    if (field === 'id') return null;
    return shapeOf(COLLECTION_SCHEMAS[location.collection])?.[field] ?? null;
  }
  if (location.kind !== 'root') return null;
  if (location.root === PROFILE_MAP) return shapeOf(profileSchema)?.[field] ?? null;
  if (location.root === PLAN_MAP) {
    const section = /^sections\.[^.]+\.([^.]+)$/.exec(field);
    if (section?.[1]) return shapeOf(planSectionSchema)?.[section[1]] ?? null;
    return shapeOf(planSchema)?.[field] ?? null;
  }
  const at = field.lastIndexOf('.');
  return at > 0 ? (shapeOf(entitlementSchema)?.[field.slice(at + 1)] ?? null) : null;
}

const booleanSchema = shapeOf(COLLECTION_SCHEMAS.contacts)?.['seen'] ?? null;

function sameWrite(a: Write | null, b: Write): boolean {
  return a !== null && a.by === b.by && a.on === b.on && JSON.stringify(a.v) === JSON.stringify(b.v);
}

/**
 * True when `item` puts back a write the map already held under the same key (now or earlier, deleted):
 * what Y.UndoManager does when a user undoes their own change over someone else's value. The write
 * keeps its original author and date; it is a restoration, not new authorship.
 */
function isRestoration(doc: Y.Doc, item: Y.Item, write: Write, known: ReadonlyMap<number, number>): boolean {
  if (!(item.parent instanceof Y.AbstractType) || item.parentSub === null) return false;
  const key = item.parentSub;
  let other: Y.Item | null = item.parent._map.get(key) ?? null;
  while (other !== null) {
    if (
      other !== item &&
      other.id.clock < (known.get(other.id.client) ?? 0) &&
      other.content instanceof Y.ContentAny &&
      other.content.arr.some((value) => sameWrite(writeAt(doc, key, value), write))
    )
      return true;
    other = other.left;
  }
  return false;
}

/**
 * A new registration in the writers map (encoding version 2): a device registers the signed-in user
 * as the writer of its own Yjs client id, once (a repeat after an undo must name the same writer).
 */
function checkRegistration(item: Y.Item, check: UpdateCheck): UpdateRefusal | null {
  const refuse = (rule: UpdateRefusal['rule'], what: string): UpdateRefusal => ({
    rule,
    path: WRITERS_MAP,
    message: `The change to the record’s list of writers is not in the form Waymark writes (${what}).`,
  });
  if (item.parentSub === null) return refuse('malformed', 'list content in a map');
  if (item.content instanceof Y.ContentDeleted) return null;
  const [writer, ...more] = item.content instanceof Y.ContentAny ? item.content.arr : [];
  if (typeof writer !== 'string' || more.length > 0)
    return refuse('malformed', 'a writer that is not a user id');
  if (item.parentSub !== item.id.client.toString(36))
    return refuse('forged-writer', 'a writer registered for another device');
  if (writer !== check.userId)
    return {
      rule: 'forged-writer',
      path: WRITERS_MAP,
      message:
        'The change to the record is recorded as made by someone other than the person signed in. Only changes made by the person signed in can be sent from this session.',
    };
  for (let other = item.left; other !== null; other = other.left)
    if (other.content instanceof Y.ContentAny && other.content.arr.some((value) => value !== writer))
      return refuse('forged-writer', 'a device’s writer changed');
  return null;
}

function checkNewItem(
  doc: Y.Doc,
  item: Y.Item,
  check: UpdateCheck,
  known: ReadonlyMap<number, number>,
): UpdateRefusal | null {
  if (!(item.parent instanceof Y.AbstractType)) return null;
  const location = locate(doc, item.parent);
  if (location.kind === 'other' || location.kind === 'meta') return null;
  if (location.kind === 'writers') return checkRegistration(item, check);
  const malformed = (what: string): UpdateRefusal => ({
    rule: 'malformed',
    path: `${where(location)}${item.parentSub ? `.${item.parentSub.split(WRITE_SEPARATOR)[0]}` : ''}`,
    message: `The change to ${subjectOf(location)} is not in the form Waymark writes (${what}).`,
  });
  if (location.kind === 'root' && location.root.endsWith('(nested)')) return malformed('nested data');
  if (item.parentSub === null) return malformed('list content in a map');
  if (location.kind === 'collection') {
    return item.content instanceof Y.ContentType && item.content.type instanceof Y.Map
      ? null
      : malformed('an entry that is not a map');
  }
  const key = item.parentSub;
  const at = key.indexOf(WRITE_SEPARATOR);
  if (at < 0) return malformed('a field without a write key');
  const field = key.slice(0, at);
  // Content a client deleted before sending (its own garbage collection) has nothing left to check.
  if (item.content instanceof Y.ContentDeleted) return null;
  const values = item.content instanceof Y.ContentAny ? item.content.arr : [];
  const writes = values.map((value) => writeAt(doc, key, value));
  if (writes.length === 0) return malformed('a value that is not a write');
  for (const write of writes) {
    if (!write) return malformed('a value that is not a write');
    if (write.by !== check.userId && isRestoration(doc, item, write, known)) continue;
    if (field !== '') {
      const refusal = checkWrite(location, field, write, check);
      if (refusal) return refusal;
      continue;
    }
    // An entry's creation (encoding version 2): every field it carries is checked as its own write.
    for (const [created, v] of Object.entries(write.v as Record<string, unknown>)) {
      if (created === '' || created.includes(WRITE_SEPARATOR)) return malformed('a field without a name');
      const refusal = checkWrite(location, created, { ...write, v }, check);
      if (refusal) return refusal;
    }
  }
  return null;
}

function checkWrite(
  location: Location,
  field: string,
  write: Write,
  check: UpdateCheck,
): UpdateRefusal | null {
  const path = `${where(location)}.${field}`;
  if (write.by !== check.userId)
    return {
      rule: 'forged-writer',
      path,
      message: `The change to ${subjectOf(location)} is recorded as made by someone other than the person signed in. Only changes made by the person signed in can be sent from this session.`,
    };
  if (!isIsoDate(write.on) || write.on > addDaysIso(check.today, 1))
    return {
      rule: 'forged-writer',
      path,
      message: `The change to ${subjectOf(location)} is dated after today: check the date and time on this laptop.`,
    };
  if (
    location.kind === 'entry' &&
    APPEND_ONLY_COLLECTIONS.has(location.collection) &&
    field === DELETED_FIELD &&
    write.v === true
  )
    return {
      rule: 'append-only',
      path,
      message: `${capitalise(subjectOf(location))} cannot be deleted: it is part of the record of what was done. Correct it instead; the earlier version stays in its history.`,
    };
  const schema = fieldSchema(location, field);
  if (schema) {
    const parsed = schema.safeParse(write.v);
    if (!parsed.success)
      return {
        rule: 'invalid-record',
        path,
        message: `The change to ${subjectOf(location)} is not valid: ${parsed.error.issues[0]?.message ?? 'invalid value'}.`,
      };
  }
  return null;
}

type Readable =
  { ok: true; id: string; profile: Profile; issues: Set<string> } | { ok: false; initialised: boolean };

function readable(doc: Y.Doc): Readable {
  try {
    const record = readRecord(doc);
    return {
      ok: true,
      id: record.profile.id,
      profile: record.profile,
      issues: new Set(record.readIssues.map((issue) => `${issue.path}\u0000${issue.message}`)),
    };
  } catch (error) {
    return { ok: false, initialised: !(error instanceof RecordNotInitialisedError) };
  }
}

function subjectOfIssuePath(path: string): string {
  const collection = collectionOfPath(path);
  if (collection) return `a ${COLLECTION_SUBJECTS[collection]}`;
  if (path.startsWith('plan')) return 'the pathway plan';
  if (path.startsWith('entitlements')) return 'the entitlements checklist';
  return 'the young person’s details';
}

function checkRecord(before: Readable, after: Readable, check: UpdateCheck): UpdateRefusal | null {
  const invalid = (path: string, detail: string): UpdateRefusal => ({
    rule: 'invalid-record',
    path,
    message: `The change would make this record invalid: ${detail}.`,
  });
  if (!after.ok) {
    if (!after.initialised)
      return before.ok ? invalid('profile', 'the young person’s details are missing') : null;
    return invalid('profile', 'the young person’s details could not be read');
  }
  if (after.id !== check.youngPersonId && (!before.ok || before.id === check.youngPersonId))
    return invalid('profile.id', 'it names a different young person from the record it was sent to');
  for (const issue of after.issues) {
    if (before.ok && before.issues.has(issue)) continue;
    const [path = '', message = ''] = issue.split('\u0000');
    return invalid(path, `${subjectOfIssuePath(path)}: ${message}`);
  }
  return null;
}

function entryValid(doc: Y.Doc, collection: CollectionName, id: string, profile: Profile): boolean {
  const entry = doc.getMap<unknown>(collection).get(id);
  if (!(entry instanceof Y.Map)) return false;
  const values = readFields(entry as Y.Map<unknown>).values;
  if (values[DELETED_FIELD] === true) return true;
  const parsed = COLLECTION_SCHEMAS[collection].safeParse({ ...values, id });
  return parsed.success && entryIssues(collection, parsed.data as never, profile, null).length === 0;
}

/**
 * True when the update touched only collection entries (not objectives, which actions refer to; not the
 * profile, plan or checklist) and every one of them reads as valid: then the record gained no read
 * issue and the whole-record read can be skipped. False means "read the whole record".
 */
function touchedEntriesValid(before: Readable, copy: Y.Doc, touched: ReadonlySet<string> | null): boolean {
  if (!before.ok || touched === null) return false;
  for (const path of touched) {
    const at = path.indexOf('.');
    const collection = at < 0 ? '' : path.slice(0, at);
    if (collection === 'objectives' || !isCollection(collection)) return false;
    if (!entryValid(copy, collection, path.slice(at + 1), before.profile)) return false;
  }
  return true;
}

/** A copy of a document's state with what the checks derived from it, kept between updates. */
interface Shadow {
  readonly doc: Y.Doc;
  readonly outline: Outline;
  readonly record: Readable;
}

function shadowOf(current: Y.Doc): Shadow {
  const doc = new Y.Doc({ gc: false });
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(current));
  return { doc, outline: outline(doc), record: readable(doc) };
}

type Checked = { refusal: UpdateRefusal } | { refusal: null; shadow: Shadow };

/** Applies `update` to the shadow's document (changing it) and checks the result. */
function checkOnShadow(shadow: Shadow, update: Uint8Array, check: UpdateCheck): Checked {
  const copy = shadow.doc;
  const beforeVector = Y.decodeStateVector(Y.encodeStateVector(copy));
  try {
    Y.applyUpdate(copy, update);
  } catch {
    return { refusal: { rule: 'malformed', path: '', message: 'The change could not be read.' } };
  }
  const registrations: Y.Item[] = [];
  for (const item of newItems(copy, beforeVector)) {
    if (item.parent instanceof Y.AbstractType && locate(copy, item.parent).kind === 'writers') {
      registrations.push(item);
      continue;
    }
    const refusal = checkNewItem(copy, item, check, beforeVector);
    if (refusal) return { refusal };
  }
  // After the writes, so a refusal names the field a forged write was to, rather than the registration.
  for (const item of registrations) {
    const refusal = checkRegistration(item, check);
    if (refusal) return { refusal };
  }
  const touched = touchedPaths(copy, update, beforeVector);
  const afterOutline = touched ? updatedOutline(shadow.outline, copy, touched) : outline(copy);
  const removal = compareOutlines(shadow.outline, afterOutline, check.userId);
  if (removal) return { refusal: removal };
  // The whole-record read is the slow part: skipped when every entry the update touched reads as valid.
  const quick = touchedEntriesValid(shadow.record, copy, touched);
  const after: Shadow = { doc: copy, outline: afterOutline, record: quick ? shadow.record : readable(copy) };
  const refusal = quick ? null : checkRecord(shadow.record, after.record, check);
  return refusal ? { refusal } : { refusal: null, shadow: after };
}

const UNCHECKABLE: UpdateRefusal = {
  rule: 'malformed',
  path: '',
  message: 'The change could not be checked against the record.',
};

/**
 * Checks `update` against the document's current state (which it does not change). Returns null when
 * the update may be stored, or the reason it may not.
 */
export function checkUpdate(current: Y.Doc, update: Uint8Array, check: UpdateCheck): UpdateRefusal | null {
  let shadow: Shadow | null = null;
  try {
    shadow = shadowOf(current);
    return checkOnShadow(shadow, update, check).refusal;
  } catch {
    // E.g. a root the record uses as a map sent as another type. Refused rather than stored unchecked.
    return UNCHECKABLE;
  } finally {
    shadow?.doc.destroy();
  }
}

/**
 * `checkUpdate` for a server's loaded documents, faster: it keeps, per document, the copy of the state
 * that the last accepted update produced, with its outline and record read, and reuses it for the next
 * update while it still equals the document (same snapshot: state vector and deletions). Anything else
 * — a refusal, an error, a document changed some other way — throws the copy away and builds a new one.
 */
export class UpdateValidator {
  private readonly shadows = new Map<string, Shadow>();
  /** When each copy was last used (ms since the epoch), for `forgetIdle`. */
  private readonly lastUsed = new Map<string, number>();

  check(name: string, current: Y.Doc, update: Uint8Array, check: UpdateCheck): UpdateRefusal | null {
    let shadow = this.shadows.get(name) ?? null;
    this.shadows.delete(name);
    try {
      if (shadow && !Y.equalSnapshots(Y.snapshot(shadow.doc), Y.snapshot(current))) {
        shadow.doc.destroy();
        shadow = null;
      }
      // Kept between writes: slimmed like a loaded record (loaded-doc-memory.ts), ~1 ms for ~30 KiB.
      if (!shadow) {
        shadow = shadowOf(current);
        slimLoadedDoc(shadow.doc);
      }
      const checked = checkOnShadow(shadow, update, check);
      if (checked.refusal) return checked.refusal;
      this.shadows.set(name, checked.shadow);
      this.lastUsed.set(name, Date.now());
      shadow = null;
      return null;
    } catch {
      return UNCHECKABLE;
    } finally {
      shadow?.doc.destroy();
    }
  }

  /** Drops the copy of a document (unloaded, or the update it checked was not stored). */
  forget(name: string): void {
    this.shadows.get(name)?.doc.destroy();
    this.shadows.delete(name);
    this.lastUsed.delete(name);
  }

  /**
   * Drops the copies not used for `idleMs`: a copy is as big as the record itself, and it only saves
   * time while writes to the record keep coming (a form being filled in); the next write after that
   * builds a new one.
   */
  forgetIdle(idleMs: number, now = Date.now()): number {
    let dropped = 0;
    for (const [name, used] of [...this.lastUsed]) {
      if (now - used < idleMs) continue;
      this.forget(name);
      dropped += 1;
    }
    return dropped;
  }

  /** Copies held now. */
  get size(): number {
    return this.shadows.size;
  }

  forgetAll(): void {
    for (const name of [...this.shadows.keys()]) this.forget(name);
  }
}
