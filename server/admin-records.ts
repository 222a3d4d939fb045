/**
 * Records as the administrator handles them: by the record reference a team manager reads out
 * (shared/record-reference.ts), never by name or contents. Finds where a record sits (its team and PA)
 * and moves it to a PA of another team: the move the team manager cannot make (they reassign within
 * their team only). Used by server/http/admin-api.ts.
 */
import * as Y from 'yjs';
import { docNameFor } from '../shared/protocol.ts';
import {
  normaliseRecordReference,
  RECORD_REFERENCE_FORMAT,
  recordReference,
} from '../shared/record-reference.ts';
import { ValidationError } from '../shared/domain/errors.ts';
import { setProfile } from '../shared/ydoc/write-record.ts';
import { AdminError, assignYoungPerson, type Actor } from './admin-ops.ts';
import type { Assignment, Store } from './store/types.ts';

/** Where a record sits, as the administrator may see it: its reference, team and PA. No case data. */
export interface RecordPlace {
  readonly reference: string;
  readonly team: { readonly id: string; readonly name: string };
  readonly pa: { readonly username: string; readonly displayName: string } | null;
}

/**
 * The allocation of the record a typed reference names: 400 when it cannot be a reference, when no record
 * has it, or (vanishingly rarely) when two records share it.
 */
export async function findRecordByReference(store: Store, typed: string): Promise<Assignment> {
  const reference = normaliseRecordReference(typed);
  if (reference === null) throw new AdminError(`record: ${RECORD_REFERENCE_FORMAT}`);
  const matches: Assignment[] = [];
  for (const team of await store.listTeams())
    for (const assignment of await store.listAssignmentsForTeam(team.id))
      if (recordReference(assignment.youngPersonId) === reference) matches.push(assignment);
  const [only] = matches;
  if (!only)
    throw new AdminError(`record: no record has the reference ${reference}; check it with the team manager`);
  if (matches.length > 1)
    throw new AdminError(
      `record: ${matches.length} records share the reference ${reference}; move it with the admin command line`,
    );
  return only;
}

export async function recordPlace(store: Store, assignment: Assignment): Promise<RecordPlace> {
  const team = await store.getTeam(assignment.teamId);
  const pa = await store.getUser(assignment.paUserId);
  return {
    reference: recordReference(assignment.youngPersonId),
    team: { id: assignment.teamId, name: team?.name ?? 'A team no longer in Waymark' },
    pa: pa ? { username: pa.username, displayName: pa.displayName } : null,
  };
}

export interface MoveOptions {
  /** Sends a stored update to laptops with the record open (server.ts publishUpdate). */
  readonly publish?: ((docName: string, update: Uint8Array) => void) | undefined;
  readonly today?: string;
}

/**
 * Moves the record with this reference to a PA (of any team): the server's allocation first (access
 * follows it; audited as `assignment.set`), then the record's own "Personal Adviser" and team, written
 * here because nobody in the receiving team could see the record to write them. The former PA is told
 * at their next sync, as for a move within a team.
 */
export async function moveRecord(
  store: Store,
  typedReference: string,
  paUsername: string,
  actor: Actor,
  options: MoveOptions = {},
): Promise<{ from: RecordPlace; to: RecordPlace }> {
  const current = await findRecordByReference(store, typedReference);
  const from = await recordPlace(store, current);
  const pa = await store.getUserByUsername(paUsername.trim().toLowerCase());
  if (!pa || pa.role !== 'pa' || pa.disabled || pa.teamId === null)
    throw new AdminError('paUsername: choose an active personal adviser with a team');
  if (pa.id === current.paUserId)
    throw new AdminError(`paUsername: ${pa.displayName} already supports this young person`);
  const { assignment } = await assignYoungPerson(store, current.youngPersonId, pa.username, actor);
  const name = docNameFor(current.youngPersonId);
  const state = await store.loadDoc(name);
  const update =
    state && actor.userId ? allocationUpdate(state, pa.id, pa.teamId, actor.userId, options) : null;
  if (update && actor.userId) {
    await store.appendUpdate(name, update, {
      userId: actor.userId,
      deviceId: actor.deviceId ?? null,
      ip: actor.ip ?? null,
    });
    options.publish?.(name, update);
  }
  return { from, to: await recordPlace(store, assignment) };
}

/**
 * The update that makes a stored record name its new PA and team, or null when the stored document is
 * not a readable record (the allocation moves all the same; the PA's laptop shows the server's).
 */
function allocationUpdate(
  state: Uint8Array,
  paId: string,
  teamId: string,
  writer: string,
  options: MoveOptions,
): Uint8Array | null {
  const doc = new Y.Doc({ gc: false });
  try {
    Y.applyUpdate(doc, state);
    const before = Y.encodeStateVector(doc);
    const today = options.today ?? new Date().toISOString().slice(0, 10);
    setProfile(doc, { allocatedPaId: paId, teamId }, { writer, today });
    return Y.encodeStateAsUpdate(doc, before);
  } catch (error) {
    if (error instanceof ValidationError) return null;
    throw error;
  } finally {
    doc.destroy();
  }
}
