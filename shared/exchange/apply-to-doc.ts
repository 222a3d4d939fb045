/**
 * Writing one person's planned import into their Y.Doc, through the same writers the app uses
 * (shared/ydoc/write-record.ts), so what the server writes validates and syncs like a PA's own change.
 * The caller saves the update and sets the assignment; here only the document changes.
 */
import * as Y from 'yjs';
import type { YoungPersonRecord } from '../domain/model.ts';
import type { WriteContext } from '../ydoc/contested.ts';
import { readProfile, readRecord } from '../ydoc/read-record.ts';
import { createRecordDoc, setProfile } from '../ydoc/write-record.ts';
import type { ExistingRecord, PersonPlan } from './plan-import.ts';
import { readSorState, writeSorFields } from './sor-doc.ts';

/**
 * Applies a plan to a document (a new one for 'create'). Throws, leaving the document unchanged, when a
 * write is refused by the record rules (e.g. a new date of birth would put an entry before birth).
 */
export function applyPersonPlan(doc: Y.Doc, plan: PersonPlan, ctx: WriteContext): void {
  if (plan.action === 'unchanged') return;
  if (plan.action === 'create') {
    if (plan.newRecord === null) throw new Error(`plan for ${plan.child}: 'create' without a record`);
    // createRecordDoc validates the whole record before writing anything; the system-of-record fields
    // need no validation, so either both are written or neither.
    createRecordDoc(plan.newRecord, ctx, doc);
    writeSorFields(doc, plan.sorFields, ctx);
    return;
  }
  // setProfile checks the whole patch against the record rules before it writes anything.
  if (Object.keys(plan.profilePatch).length > 0) setProfile(doc, plan.profilePatch, ctx);
  writeSorFields(doc, plan.sorFields, ctx);
}

/** What the planner needs to know about a stored record. */
export function existingFromDoc(doc: Y.Doc, assignment: ExistingRecord['assignment']): ExistingRecord {
  return { profile: readProfile(doc).profile, sor: readSorState(doc), assignment };
}

/** The whole record and its system-of-record state (for exports and the OC3 round trip). */
export function recordWithSor(doc: Y.Doc): {
  record: YoungPersonRecord;
  sor: ReturnType<typeof readSorState>;
} {
  return { record: readRecord(doc), sor: readSorState(doc) };
}
