/**
 * Applying an import on the server: the preview (pure, shared/exchange/plan-import.ts) against the records
 * held in the store, and, once confirmed, the writes: each young person's Y.Doc update appended through
 * the store (so it syncs to the PAs' laptops like any change), the assignment to the allocated PA, and
 * one audit row with the counts. Each young person is written whole or not at all: their update is only
 * stored after every write to their document was accepted by the record rules, and updates are stored
 * in batches, each one transaction with its assignments.
 */
import * as Y from 'yjs';
import { ValidationError } from '../../shared/domain/errors.ts';
import type { IsoDate } from '../../shared/domain/dates.ts';
import { applyPersonPlan, existingFromDoc } from '../../shared/exchange/apply-to-doc.ts';
import {
  childrenOf,
  planImport,
  readImportFiles,
  youngPersonIdForChild,
  type ExistingRecord,
  type ImportCounts,
  type ImportFiles,
  type ImportPlan,
  type PersonPlan,
} from '../../shared/exchange/plan-import.ts';
import { docNameFor } from '../../shared/protocol.ts';
import { actorDetail, type Actor } from '../admin-ops.ts';
import type { ImportBatchEntry, Store } from '../store/types.ts';

/** Who imports or exports: a team manager (userId), or the operator's CLI (null, with the OS account). */
export type ImportActor = Actor;

export interface ImportRequest {
  readonly files: ImportFiles;
  readonly yearEnding: number;
  readonly today: IsoDate;
  /** A team manager's team; null for an operator. */
  readonly scopeTeamId: string | null;
}

export interface ConfirmOptions {
  /** Import the rows that passed even though some were refused: an explicit choice. */
  readonly skipRefused: boolean;
  /** Hands an update to a document the sync server has open, so connected laptops get it at once. */
  readonly publish?: (docName: string, update: Uint8Array) => void;
}

export interface ImportFailure {
  readonly child: string;
  readonly reason: string;
}

export interface ImportResult {
  readonly counts: ImportCounts;
  /** People whose write the record rules refused at the last moment (nothing written for them). */
  readonly failed: readonly ImportFailure[];
}

/** Thrown when a confirmed import has refusals and the person did not choose to skip them. */
export class ImportHasRefusalsError extends Error {
  override readonly name = 'ImportHasRefusalsError';
  readonly plan: ImportPlan;
  constructor(plan: ImportPlan) {
    super(
      `${plan.refusals.length} rows were refused; import without them only by choosing to skip refused rows`,
    );
    this.plan = plan;
  }
}

/** Young people written per store transaction. */
const BATCH_SIZE = 250;

/** The operator's writes are attributed to this name in the documents (no user account). */
export const OPERATOR_WRITER = 'system-of-record-import';

async function loadDoc(store: Store, youngPersonId: string): Promise<Y.Doc | null> {
  const state = await store.loadDoc(docNameFor(youngPersonId));
  if (state === null) return null;
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return doc;
}

interface PlanWithDocs {
  readonly plan: ImportPlan;
  /** The stored documents the plan was made from, by young person id (the caller destroys them). */
  readonly docs: Map<string, Y.Doc>;
}

async function planWithDocs(store: Store, request: ImportRequest): Promise<PlanWithDocs> {
  const parsed = readImportFiles(request.files, request.yearEnding, request.today);
  const existing = new Map<string, ExistingRecord>();
  const docs = new Map<string, Y.Doc>();
  try {
    for (const child of childrenOf(parsed)) {
      const id = youngPersonIdForChild(child);
      const doc = await loadDoc(store, id);
      if (doc === null) continue;
      docs.set(id, doc);
      const assignment = await store.getAssignment(id);
      existing.set(
        id,
        existingFromDoc(doc, assignment && { paUserId: assignment.paUserId, teamId: assignment.teamId }),
      );
    }
    const users = await store.listUsers();
    const teams = await store.listTeams();
    const plan = planImport(parsed, {
      staff: users.map((u) => ({
        id: u.id,
        username: u.username,
        role: u.role,
        teamId: u.teamId,
        disabled: u.disabled,
      })),
      teams: teams.map((t) => ({ id: t.id, name: t.name })),
      scopeTeamId: request.scopeTeamId,
      existing,
    });
    return { plan, docs };
  } catch (error) {
    for (const doc of docs.values()) doc.destroy();
    throw error;
  }
}

/** The preview: what the files would do to the records in the store. Writes nothing. */
export async function previewImport(store: Store, request: ImportRequest): Promise<ImportPlan> {
  const { plan, docs } = await planWithDocs(store, request);
  for (const doc of docs.values()) doc.destroy();
  return plan;
}

function auditDetail(request: ImportRequest, counts: ImportCounts, failed: number): string {
  return [
    `year=${request.yearEnding}`,
    `team=${request.scopeTeamId ?? 'all'}`,
    `created=${counts.created}`,
    `updated=${counts.updated}`,
    `unchanged=${counts.unchanged}`,
    `refused=${counts.refused}`,
    `rowsRefused=${counts.rowsRefused}`,
    `outOfScope=${counts.outOfScope}`,
    `failed=${failed}`,
  ].join(' ');
}

/** Previews again and applies the plan. Refused rows stop the import unless `skipRefused` is chosen. */
export async function confirmImport(
  store: Store,
  request: ImportRequest,
  actor: ImportActor,
  options: ConfirmOptions,
): Promise<ImportResult> {
  const { plan, docs } = await planWithDocs(store, request);
  try {
    if (plan.refusals.length > 0 && !options.skipRefused) throw new ImportHasRefusalsError(plan);
    return await applyPlan(store, request, plan, docs, actor, options);
  } finally {
    for (const doc of docs.values()) doc.destroy();
  }
}

async function applyPlan(
  store: Store,
  request: ImportRequest,
  plan: ImportPlan,
  docs: ReadonlyMap<string, Y.Doc>,
  actor: ImportActor,
  options: ConfirmOptions,
): Promise<ImportResult> {
  // Marked as imported: the record's history shows the system of record, not a person, as the source.
  const ctx = { writer: actor.userId ?? OPERATOR_WRITER, today: request.today, source: 'imported' } as const;
  const failed: ImportFailure[] = [];
  let created = 0;
  let updated = 0;
  let batch: (ImportBatchEntry & { readonly action: PersonPlan['action'] })[] = [];
  const flush = async () => {
    await store.appendImportBatch(batch);
    for (const entry of batch) {
      options.publish?.(entry.name, entry.update);
      if (entry.action === 'create') created += 1;
      else updated += 1;
    }
    batch = [];
  };
  for (const person of plan.people) {
    if (person.action === 'unchanged') continue;
    const name = docNameFor(person.youngPersonId);
    const doc = person.action === 'create' ? new Y.Doc() : docs.get(person.youngPersonId);
    if (doc === undefined) throw new Error(`no document loaded for ${person.youngPersonId}`);
    try {
      const before = Y.encodeStateVector(doc);
      try {
        applyPersonPlan(doc, person, ctx);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        failed.push({ child: person.child, reason: error.message });
        continue;
      }
      const assignment = person.assignTo && { youngPersonId: person.youngPersonId, ...person.assignTo };
      batch.push({
        name,
        update: Y.encodeStateAsUpdate(doc, before),
        importedBy: actor.userId,
        assignment,
        action: person.action,
      });
    } finally {
      if (person.action === 'create') doc.destroy();
    }
    if (batch.length >= BATCH_SIZE) await flush();
  }
  await flush();
  const counts: ImportCounts = { ...plan.counts, created, updated };
  await store.appendAudit({
    event: 'import.bulk',
    userId: actor.userId,
    deviceId: actor.deviceId ?? null,
    ip: actor.ip ?? null,
    detail: actorDetail(actor, auditDetail(request, counts, failed.length)),
  });
  return { counts, failed };
}
