/**
 * The demo caseload for the embedded demo mode only: synthetic young people (shared/synthetic) written
 * into the server's store as Y.Docs and assigned to the demo PAs, so a fresh `npm start` shows a
 * realistic caseload after signing in. Idempotent: records already stored are left alone.
 */
import { format } from 'date-fns';
import * as Y from 'yjs';
import type { YoungPersonRecord } from '../shared/domain/model.ts';
import { docNameFor } from '../shared/protocol.ts';
import { generateCaseload } from '../shared/synthetic/generator.ts';
import { generatedRecordWriting } from '../shared/synthetic/history.ts';
import { createRecordDoc } from '../shared/ydoc/write-record.ts';
import type { Store, User } from './store/types.ts';

/** Demo young people per PA, roughly a real caseload (the national target is 20–22 or fewer). */
export const DEMO_CASELOAD_SIZE = 15;

export function demoYoungPersonId(index: number): string {
  return `demo-yp-${String(index + 1).padStart(3, '0')}`;
}

/**
 * Writes a synthetic caseload for each PA, in the order given: PA k gets demo-yp ids
 * k·size+1 … (k+1)·size. `fixed` pins some ids to a PA (assignments made elsewhere win). `managers`
 * (team id → user id) authors each record's oversight notes, so the app names a person of the team
 * instead of "A former colleague"; a team without one keeps the generator's placeholder author.
 */
export async function seedDemoCaseload(
  store: Store,
  pas: readonly User[],
  fixed: ReadonlyMap<string, string> = new Map(),
  managers: ReadonlyMap<string, string> = new Map(),
  today: string = format(new Date(), 'yyyy-MM-dd'),
): Promise<number> {
  const staff = pas.filter((pa): pa is User & { teamId: string } => pa.teamId !== null);
  if (staff.length === 0) return 0;
  const records = generateCaseload({
    seed: 2026,
    count: staff.length * DEMO_CASELOAD_SIZE,
    today,
    teams: [...new Set(staff.map((pa) => pa.teamId))],
    pas: staff.map((pa) => ({ id: pa.id, teamId: pa.teamId })),
  });
  let written = 0;
  for (const [index, generated] of records.entries()) {
    const id = demoYoungPersonId(index);
    const fixedUsername = fixed.get(id);
    const pa =
      staff.find((p) => p.username === fixedUsername) ?? staff[Math.floor(index / DEMO_CASELOAD_SIZE)];
    if (!pa) continue;
    const manager = managers.get(pa.teamId);
    const record: YoungPersonRecord = {
      ...generated,
      profile: { ...generated.profile, id, allocatedPaId: pa.id, teamId: pa.teamId },
      oversight: manager
        ? generated.oversight.map((note) => ({ ...note, by: manager }))
        : generated.oversight,
    };
    const name = docNameFor(id);
    const assignment = await store.assignIfUnassigned(id, pa.id, pa.teamId);
    if (await store.hasDoc(name)) continue;
    // Dated by its own history and marked as generated demo data, not as the PA's work today.
    const writing = generatedRecordWriting(record, assignment.paUserId, today);
    const doc = createRecordDoc(record, writing.ctx, new Y.Doc({ gc: false }), writing.dates);
    await store.appendUpdate(name, Y.encodeStateAsUpdate(doc));
    await store.compact(name);
    written += 1;
  }
  return written;
}
