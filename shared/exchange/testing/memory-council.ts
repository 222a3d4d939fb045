/**
 * An in-memory stand-in for the server's side of an import, for unit tests of the planner: documents
 * and assignments in maps, plans applied with the same applyPersonPlan the server uses.
 */
import * as Y from 'yjs';
import { applyPersonPlan, existingFromDoc } from '../apply-to-doc.ts';
import {
  childrenOf,
  planImport,
  readImportFiles,
  youngPersonIdForChild,
  type ExistingRecord,
  type ImportFiles,
  type ImportPlan,
  type StaffMember,
  type TeamRef,
} from '../plan-import.ts';

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, index) => byte === b[index]);
}

export class MemoryCouncil {
  readonly docs = new Map<string, Y.Doc>();
  readonly assignments = new Map<string, { paUserId: string; teamId: string }>();
  readonly staff: readonly StaffMember[];
  readonly teams: readonly TeamRef[];

  constructor(staff: readonly StaffMember[], teams: readonly TeamRef[]) {
    this.staff = staff;
    this.teams = teams;
  }

  preview(
    files: ImportFiles,
    yearEnding: number,
    today: string,
    scopeTeamId: string | null = null,
  ): ImportPlan {
    const parsed = readImportFiles(files, yearEnding, today);
    const existing = new Map<string, ExistingRecord>();
    for (const child of childrenOf(parsed)) {
      const id = youngPersonIdForChild(child);
      const doc = this.docs.get(id);
      if (doc !== undefined) existing.set(id, existingFromDoc(doc, this.assignments.get(id) ?? null));
    }
    return planImport(parsed, { staff: this.staff, teams: this.teams, scopeTeamId, existing });
  }

  /** Applies a plan; returns how many documents changed (by their state vectors). */
  apply(plan: ImportPlan, writer: string): number {
    let changed = 0;
    for (const person of plan.people) {
      const doc = this.docs.get(person.youngPersonId) ?? new Y.Doc();
      const before = Y.encodeStateVector(doc);
      applyPersonPlan(doc, person, { writer, today: plan.today });
      this.docs.set(person.youngPersonId, doc);
      if (person.assignTo !== null) this.assignments.set(person.youngPersonId, person.assignTo);
      if (!sameBytes(Y.encodeStateVector(doc), before)) changed += 1;
    }
    return changed;
  }
}
