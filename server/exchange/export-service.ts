/**
 * Exporting the work recorded in Waymark for the council's system of record (shared/exchange/work-export.ts)
 * for one young person or a whole team, audited. "Since the last export" is remembered per team through
 * the audit log: the newest whole-team export row of the team names the day it ran to.
 */
import { personName } from '../../shared/person-name.ts';
import * as Y from 'yjs';
import type { IsoDate } from '../../shared/domain/dates.ts';
import { exportWork, type WorkExport } from '../../shared/exchange/work-export.ts';
import { docNameFor } from '../../shared/protocol.ts';
import { actorDetail } from '../admin-ops.ts';
import type { Store } from '../store/types.ts';
import type { ImportActor } from './import-service.ts';

export class ExportError extends Error {
  override readonly name = 'ExportError';
}

export interface ExportRequest {
  readonly teamId: string;
  /** One young person of the team; all of the team's young people when absent. */
  readonly youngPersonId?: string | undefined;
  readonly from?: IsoDate | undefined;
  readonly to?: IsoDate | undefined;
  readonly sinceLastExport: boolean;
  readonly today: IsoDate;
}

/** The start of "everything" when a team has never exported. */
export const BEGINNING: IsoDate = '1970-01-01';

/** The day the team's last whole-team export ran to, or null if it never exported. */
export async function lastTeamExportTo(store: Store, teamId: string): Promise<IsoDate | null> {
  const rows = await store.queryAudit({ event: 'export.bulk', limit: 10_000 });
  for (const row of rows) {
    const detail = row.detail ?? '';
    if (!detail.includes(`team=${teamId} `) || !detail.includes('scope=team ')) continue;
    const match = / to=(\d{4}-\d{2}-\d{2})/.exec(detail);
    if (match?.[1]) return match[1];
  }
  return null;
}

export async function exportTeamWork(
  store: Store,
  request: ExportRequest,
  actor: ImportActor,
): Promise<WorkExport> {
  const to = request.to ?? request.today;
  const from = request.sinceLastExport
    ? ((await lastTeamExportTo(store, request.teamId)) ?? BEGINNING)
    : (request.from ?? BEGINNING);
  if (from > to) throw new ExportError(`from (${from}) is after to (${to})`);
  let ids: string[];
  if (request.youngPersonId !== undefined) {
    const assignment = await store.getAssignment(request.youngPersonId);
    if (assignment?.teamId !== request.teamId)
      throw new ExportError('youngPersonId: not on your team’s caseload');
    ids = [request.youngPersonId];
  } else ids = (await store.listAssignmentsForTeam(request.teamId)).map((a) => a.youngPersonId).sort();
  const docs: Y.Doc[] = [];
  for (const id of ids) {
    const state = await store.loadDoc(docNameFor(id));
    if (state === null) continue;
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    docs.push(doc);
  }
  const people = { self: null, known: new Map((await store.listUsers()).map((u) => [u.id, u.displayName])) };
  try {
    // Names, never user ids: someone no longer known is "A former colleague" (shared/person-name.ts).
    const result = exportWork(docs, { from, to }, (id) => personName(people, id));
    const { counts } = result;
    await store.appendAudit({
      event: 'export.bulk',
      userId: actor.userId,
      deviceId: actor.deviceId ?? null,
      ip: actor.ip ?? null,
      docName: request.youngPersonId === undefined ? null : docNameFor(request.youngPersonId),
      detail: actorDetail(
        actor,
        `team=${request.teamId} scope=${request.youngPersonId === undefined ? 'team' : 'young-person'} ` +
          `from=${from} to=${to} contacts=${counts.contacts} reviews=${counts.reviews} actions=${counts.actions} ` +
          `oversight=${counts.oversight} youngPeople=${counts.youngPeople}`,
      ),
    });
    return result;
  } finally {
    for (const doc of docs) doc.destroy();
  }
}
