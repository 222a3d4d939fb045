/**
 * The access matrix over a real websocket: PA / team manager / administrator × own / other caseload or
 * team × read / write, asserting the server's answer, the stored document and the audit rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { SERVER_REASONS } from '../../shared/protocol.ts';
import {
  acknowledged,
  login,
  makeWorld,
  openDoc,
  openSocket,
  textOf,
  waitFor,
  type World,
} from '../testing/fixtures.ts';

type Who = 'paN1' | 'paN2' | 'tmN' | 'paS1' | 'tmS' | 'admin';

const MATRIX: readonly { who: Who; doc: string; allowed: boolean; why: string }[] = [
  { who: 'paN1', doc: 'ypN1', allowed: true, why: 'PA, own caseload' },
  { who: 'paN2', doc: 'ypN1', allowed: false, why: 'PA, same team but another PA’s caseload' },
  { who: 'paS1', doc: 'ypN1', allowed: false, why: 'PA, other team' },
  { who: 'paS1', doc: 'ypS1', allowed: true, why: 'PA, own caseload (other team)' },
  { who: 'tmN', doc: 'ypN1', allowed: true, why: 'team manager, own team' },
  { who: 'tmN', doc: 'ypS1', allowed: false, why: 'team manager, other team' },
  { who: 'tmS', doc: 'ypS1', allowed: true, why: 'team manager, own team (south)' },
  { who: 'tmS', doc: 'ypN1', allowed: false, why: 'team manager, other team (north)' },
  { who: 'admin', doc: 'ypN1', allowed: false, why: 'administrator, any case document' },
  { who: 'admin', doc: 'ypS1', allowed: false, why: 'administrator, any case document' },
];

describe('access matrix over a real websocket', () => {
  let world: World;
  const sockets: HocuspocusProviderWebsocket[] = [];

  beforeAll(async () => {
    world = await makeWorld();
  });

  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await world.close();
  });

  for (const row of MATRIX) {
    it(`${row.who} × ${row.doc}: ${row.allowed ? 'reads and writes' : 'refused'} (${row.why})`, async () => {
      const user = world.users[row.who];
      const session = await login(world.server, user.username);
      const socket = openSocket(world.server);
      sockets.push(socket);
      const name = `yp:${row.doc}`;
      const seed = row.doc === 'ypN1' ? 'seed-N1' : 'seed-S1';
      const result = await openDoc(socket, name, session.token);
      const marker = `[${row.who}]`;

      if (row.allowed) {
        expect(result.status).toBe('synced');
        // read: the server sent the stored content
        expect(result.opened.doc.getText('t').toString()).toContain(seed);
        // write: acknowledged, hence already durable in the store
        result.opened.doc.getText('t').insert(0, marker);
        await acknowledged(result.opened);
        expect(textOf(await world.store.loadDoc(name))).toContain(marker);
        const loads = await world.store.queryAudit({ event: 'doc.load', userId: user.id, docName: name });
        expect(loads.length).toBe(1);
        expect(loads[0]?.deviceId).toBe(session.deviceId);
        result.opened.provider.destroy();
        await waitFor(
          async () =>
            (await world.store.queryAudit({ event: 'doc.change', userId: user.id, docName: name })).length ===
            1,
          'doc.change audit row',
        );
        const change = (
          await world.store.queryAudit({ event: 'doc.change', userId: user.id, docName: name })
        )[0];
        expect(change?.detail).toMatch(/^updates=1 bytes=\d+$/);
      } else {
        expect(result.status).toBe('denied');
        if (result.status === 'denied') expect(result.reason).toBe(SERVER_REASONS.forbidden);
        // read: nothing of the record reached the client
        expect(result.opened.doc.getText('t').toString()).toBe('');
        // write: a local edit is never applied on the server
        result.opened.doc.getText('t').insert(0, marker);
        await new Promise((r) => setTimeout(r, 150));
        expect(textOf(await world.store.loadDoc(name))).not.toContain(marker);
        const denied = await world.store.queryAudit({
          event: 'access.denied',
          userId: user.id,
          docName: name,
        });
        expect(denied.length).toBe(1);
        expect(denied[0]?.detail).toBe(SERVER_REASONS.forbidden);
        expect(denied[0]?.deviceId).toBe(session.deviceId);
        expect(await world.store.queryAudit({ event: 'doc.load', userId: user.id, docName: name })).toEqual(
          [],
        );
        result.opened.provider.destroy();
      }
    });
  }

  it('multiplexes: a refused document does not disturb an allowed one on the same socket', async () => {
    const session = await login(world.server, world.users.paN2.username);
    const socket = openSocket(world.server);
    sockets.push(socket);
    const [own, other] = await Promise.all([
      openDoc(socket, 'yp:ypN2', session.token),
      openDoc(socket, 'yp:ypS1', session.token),
    ]);
    expect(own.status).toBe('synced');
    expect(other.status).toBe('denied');
    own.opened.doc.getText('t').insert(0, 'still-works');
    await acknowledged(own.opened);
    expect(textOf(await world.store.loadDoc('yp:ypN2'))).toBe('still-works');
  });

  it('an administrator opening a record id the server has never seen is refused and claims nothing', async () => {
    const socket = openSocket(world.server);
    sockets.push(socket);
    const { token } = await login(world.server, world.users.admin.username);
    const result = await openDoc(socket, 'yp:admin-made-offline', token);
    expect(result.status === 'denied' && result.reason).toBe(SERVER_REASONS.forbidden);
    expect(await world.store.getAssignment('admin-made-offline')).toBeNull();
    expect(await world.store.hasDoc('yp:admin-made-offline')).toBe(false);
    result.opened.provider.destroy();
  });

  it('refuses invalid document names and invalid tokens with their reasons, and audits them', async () => {
    const session = await login(world.server, world.users.paN1.username);
    const socket = openSocket(world.server);
    sockets.push(socket);
    const badName = await openDoc(socket, 'not-a-record', session.token);
    expect(badName.status === 'denied' && badName.reason).toBe(SERVER_REASONS.invalidDocument);
    const badToken = await openDoc(socket, 'yp:ypN1', `${session.token}x`);
    expect(badToken.status === 'denied' && badToken.reason).toBe(SERVER_REASONS.invalidToken);
    const rows = await world.store.queryAudit({ event: 'access.denied' });
    expect(
      rows.some((r) => r.docName === 'not-a-record' && r.detail === SERVER_REASONS.invalidDocument),
    ).toBe(true);
    expect(rows.some((r) => r.docName === 'yp:ypN1' && r.detail === SERVER_REASONS.invalidToken)).toBe(true);
  });
});
