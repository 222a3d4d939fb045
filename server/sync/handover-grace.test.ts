/**
 * Handed-over work (issue #12): after a reassignment the former PA's late changes are accepted for the
 * handover grace period, stored and attributed to the former PA, and listed for the team manager; the
 * former PA is told who supports the young person now; after the grace period the record is refused
 * with a specific reason. A real server over real websockets.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import {
  API_PATHS,
  SERVER_REASONS,
  clientActionFor,
  myDocumentsResponseSchema,
} from '../../shared/protocol.ts';
import { TEAM_API_PATHS, lateChangesResponseSchema } from '../../shared/team-api.ts';
import {
  acknowledged,
  login,
  makeWorld,
  openDoc,
  openSocket,
  postJson,
  textOf,
  type World,
} from '../testing/fixtures.ts';

describe('a former PA’s late changes after a reassignment', () => {
  let world: World | null = null;
  const sockets: HocuspocusProviderWebsocket[] = [];

  afterEach(async () => {
    for (const s of sockets.splice(0)) s.destroy();
    await world?.close();
    world = null;
  });

  function socketFor(w: World): HocuspocusProviderWebsocket {
    const socket = openSocket(w.server);
    sockets.push(socket);
    return socket;
  }

  async function getJson(w: World, path: string, token: string): Promise<{ status: number; body: unknown }> {
    const res = await fetch(w.server.url + path, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, body: await res.json() };
  }

  async function reassignN1ToN2(w: World): Promise<void> {
    const tm = await login(w.server, 'tm.n');
    const res = await postJson(
      w.server.url + TEAM_API_PATHS.assignments,
      { youngPersonId: 'ypN1', paUsername: 'pa.n2' },
      tm.token,
    );
    expect(res.status).toBe(200);
  }

  it('within the grace period: stored, attributed to the former PA, reported to the manager, PA told', async () => {
    const w = (world = await makeWorld());
    const oldPa = await login(w.server, 'pa.n1');
    await reassignN1ToN2(w);

    // the laptop still holds a change made before the move; it syncs as the record's former PA
    const late = await openDoc(socketFor(w), 'yp:ypN1', oldPa.token);
    expect(late.status).toBe('synced');
    late.opened.doc.getText('t').insert(0, 'late-visit ');
    await acknowledged(late.opened, 'the late change stored');
    expect(textOf(await w.store.loadDoc('yp:ypN1'))).toContain('late-visit');

    const history = await w.store.listDocHistory('yp:ypN1');
    expect(history.at(-1)?.userId).toBe(w.users.paN1.id);
    const audited = await w.store.queryAudit({ event: 'doc.late-change' });
    expect(audited.map((r) => [r.userId, r.docName])).toEqual([[w.users.paN1.id, 'yp:ypN1']]);

    // the team manager's report names the former PA, never an id
    const tm = await login(w.server, 'tm.n');
    const report = await getJson(w, TEAM_API_PATHS.lateChanges, tm.token);
    expect(report.status).toBe(200);
    const { lateChanges } = lateChangesResponseSchema.parse(report.body);
    expect(lateChanges).toEqual([
      { youngPersonId: 'ypN1', formerPaName: 'pa.n1', kind: 'stored', changes: 1, lastAt: audited[0]?.at },
    ]);
    // another team's manager sees nothing of it; a PA may not ask
    const other = await getJson(w, TEAM_API_PATHS.lateChanges, (await login(w.server, 'tm.s')).token);
    expect(lateChangesResponseSchema.parse(other.body).lateChanges).toEqual([]);
    expect((await getJson(w, TEAM_API_PATHS.lateChanges, oldPa.token)).status).toBe(403);

    // the former PA's sync listing no longer has the record and says who supports the young person now
    const listing = myDocumentsResponseSchema.parse(
      (await getJson(w, API_PATHS.myDocuments, oldPa.token)).body,
    );
    expect(listing.documents).not.toContain('yp:ypN1');
    expect(listing.handedOver?.map((h) => [h.youngPersonId, h.toPaName])).toEqual([['ypN1', 'pa.n2']]);
    // the new PA's changes are theirs, not late changes
    const newPa = await login(w.server, 'pa.n2');
    const current = await openDoc(socketFor(w), 'yp:ypN1', newPa.token);
    expect(current.status).toBe('synced');
    current.opened.doc.getText('t').insert(0, 'new-pa ');
    await acknowledged(current.opened);
    expect(await w.store.queryAudit({ event: 'doc.late-change' })).toHaveLength(1);
  });

  it('after the grace period: refused with grace-period-ended, nothing stored', async () => {
    const w = (world = await makeWorld({ handoverGraceMs: 0 }));
    const oldPa = await login(w.server, 'pa.n1');
    await reassignN1ToN2(w);
    const refused = await openDoc(socketFor(w), 'yp:ypN1', oldPa.token);
    expect(refused.status === 'denied' && refused.reason).toBe(SERVER_REASONS.gracePeriodEnded);
    // the laptop keeps the record, flagged (the same client action as a reassignment)
    expect(clientActionFor(SERVER_REASONS.gracePeriodEnded)).toBe('close-document');
    expect(await w.store.queryAudit({ event: 'doc.late-change' })).toHaveLength(0);
    expect(textOf(await w.store.loadDoc('yp:ypN1'))).toBe('seed-N1');
    const listing = myDocumentsResponseSchema.parse(
      (await getJson(w, API_PATHS.myDocuments, oldPa.token)).body,
    );
    expect(listing.handedOver).toEqual([]);
    // the team manager learns that changes are held on the former PA's laptop
    const tm = await login(w.server, 'tm.n');
    const report = lateChangesResponseSchema.parse(
      (await getJson(w, TEAM_API_PATHS.lateChanges, tm.token)).body,
    );
    expect(report.lateChanges.map((c) => [c.youngPersonId, c.formerPaName, c.kind])).toEqual([
      ['ypN1', 'pa.n1', 'held-on-laptop'],
    ]);
  });

  it('the access re-check keeps a former PA’s connection open within the grace period', async () => {
    const w = (world = await makeWorld());
    const oldPa = await login(w.server, 'pa.n1');
    await reassignN1ToN2(w);
    const late = await openDoc(socketFor(w), 'yp:ypN1', oldPa.token);
    expect(late.status).toBe('synced');
    // the re-check keeps a former PA's connection within the grace period
    await w.server.recheckAccess();
    expect(late.opened.closeReasons).toEqual([]);
  });
});
