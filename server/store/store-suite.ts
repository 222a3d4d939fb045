/**
 * The one persistence test suite both stores must pass (SQLite: sqlite-store.test.ts, PostgreSQL:
 * postgres-store.test.ts). Every test runs against a real database.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { sha256Hex, verifyAuditChain } from './audit-chain.ts';
import { describeAuthStoreSuite } from './auth-store-suite.ts';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings.ts';
import { generateCaseload } from '../../shared/synthetic/generator.ts';
import { projectDoc } from '../../shared/ydoc/projection.ts';
import { readRecord } from '../../shared/ydoc/read-record.ts';
import { createRecordDoc } from '../../shared/ydoc/write-record.ts';
import { rowKeyOf, summaryRow } from './record-summary.ts';
import type { Store } from './types.ts';

export interface StoreHarness {
  /** A fresh, empty store. */
  create(): Promise<Store>;
  /** Re-opens the same database as `store` after it was closed (a restart). */
  reopen(): Promise<Store>;
  /** Runs SQL directly against the database, bypassing the Store interface. */
  raw(sql: string): Promise<void>;
  /** Drops whatever `create` made. */
  destroy(): Promise<void>;
}

function textOf(update: Uint8Array | null): string {
  if (!update) return '<null>';
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  const text = doc.getText('t').toString();
  doc.destroy();
  return text;
}

/** Makes `count` updates, each appending one character to text 't', as separate Yjs updates. */
function typedUpdates(text: string): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  for (const ch of text) doc.getText('t').insert(doc.getText('t').length, ch);
  doc.destroy();
  return updates;
}

/** SQL that lets the next statement change audit rows: what an attacker with DDL rights could run. */
function auditTriggersOff(store: Store): string {
  return store.kind === 'sqlite'
    ? 'DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete'
    : 'ALTER TABLE audit DISABLE TRIGGER audit_no_update_delete';
}

export function describeStoreSuite(name: string, harness: () => StoreHarness): void {
  // Sessions, device keys, password-reset holds, OIDC identities (auth-store.ts).
  describeAuthStoreSuite(name, harness);
  describe(`Store contract: ${name}`, () => {
    let h: StoreHarness;
    let store: Store;

    beforeEach(async () => {
      h = harness();
      store = await h.create();
    });

    afterEach(async () => {
      await store.close();
      await h.destroy();
    });

    it('returns null for a document never stored', async () => {
      expect(await store.loadDoc('yp:unknown')).toBeNull();
      expect(await store.pendingUpdateCount('yp:unknown')).toBe(0);
      expect(await store.hasDoc('yp:unknown')).toBe(false);
    });

    it('appends updates and loads them merged, counting uncompacted updates', async () => {
      const updates = typedUpdates('hello');
      let count = 0;
      for (const u of updates) count = await store.appendUpdate('yp:a', u);
      expect(count).toBe(5);
      expect(textOf(await store.loadDoc('yp:a'))).toBe('hello');
      expect(await store.listDocNames()).toEqual(['yp:a']);
      expect(await store.hasDoc('yp:a')).toBe(true);
      await store.compact('yp:a');
      expect(await store.hasDoc('yp:a')).toBe(true);
    });

    it('compacts appended updates into the merged state and keeps later appends', async () => {
      const updates = typedUpdates('abcdef');
      for (const u of updates.slice(0, 4)) await store.appendUpdate('yp:c', u);
      expect(await store.compact('yp:c')).toBe(4);
      expect(await store.pendingUpdateCount('yp:c')).toBe(0);
      expect(textOf(await store.loadDoc('yp:c'))).toBe('abcd');
      for (const u of updates.slice(4)) await store.appendUpdate('yp:c', u);
      expect(await store.pendingUpdateCount('yp:c')).toBe(2);
      expect(textOf(await store.loadDoc('yp:c'))).toBe('abcdef');
      expect(await store.compact('yp:c')).toBe(2);
      expect(await store.compact('yp:c')).toBe(0);
      expect(textOf(await store.loadDoc('yp:c'))).toBe('abcdef');
    });

    it('loses no update when appends and compactions interleave', async () => {
      const updates = typedUpdates('interleaved-writes-0123456789');
      await Promise.all(
        updates.map(async (u, i) => {
          await store.appendUpdate('yp:i', u);
          if (i % 5 === 0) await store.compact('yp:i');
        }),
      );
      expect(textOf(await store.loadDoc('yp:i'))).toBe('interleaved-writes-0123456789');
      await store.compact('yp:i');
      expect(textOf(await store.loadDoc('yp:i'))).toBe('interleaved-writes-0123456789');
    });

    it('keeps a record summary with each compacted state, handed out only while it describes the whole stored state', async () => {
      const today = new Date().toISOString().slice(0, 10);
      const [record] = generateCaseload({ seed: 17, count: 1, today });
      if (!record) throw new Error('no synthetic record');
      const doc = createRecordDoc(record, { writer: 'seed', today }, new Y.Doc({ gc: false }));
      const name = `yp:${record.profile.id}`;
      await store.appendUpdate(name, Y.encodeStateAsUpdate(doc));
      const key = rowKeyOf(today, DEFAULT_SETTINGS);
      // Not compacted yet: no summary.
      expect((await store.loadDocWithSummary(name, key))?.summary).toBeNull();
      await store.compact(name);
      const kept = await store.loadDocWithSummary(name, key);
      const compactedOn = new Date().toISOString().slice(0, 10);
      const summary = kept?.summary;
      if (!summary) throw new Error('no summary after compaction');
      // The state is sent as stored; the row is the one the shared projection makes of it.
      expect(kept.state).toEqual(await store.loadDoc(name));
      expect(JSON.parse(summaryRow(summary, today, DEFAULT_SETTINGS))).toEqual(projectDoc(doc, today));
      // Compacted today on the defaults: the kept row itself (unless the day turned meanwhile).
      if (compactedOn === today) expect(summary).toEqual({ row: expect.any(String), record: null });
      // Other settings: the record is read instead, and the row computed from it.
      const settings = { ...DEFAULT_SETTINGS, contactThresholdWeeks: 2 };
      const other = (await store.loadDocWithSummary(name, rowKeyOf(today, settings)))?.summary;
      if (!other) throw new Error('no summary for other settings');
      expect(other.row).toBeNull();
      expect(JSON.parse(other.record ?? '')).toEqual(JSON.parse(JSON.stringify(readRecord(doc))));
      expect(JSON.parse(summaryRow(other, today, settings))).toEqual(projectDoc(doc, today, settings));
      // An update appended since: the summary no longer describes the stored state.
      const [next] = typedUpdates('x');
      if (!next) throw new Error('no update');
      await store.appendUpdate(name, next);
      expect((await store.loadDocWithSummary(name, key))?.summary).toBeNull();
      await store.compact(name);
      expect((await store.loadDocWithSummary(name, key))?.summary).not.toBeNull();
      // A document holding no young person record has none.
      for (const u of typedUpdates('plain')) await store.appendUpdate('yp:plain', u);
      await store.compact('yp:plain');
      expect(await store.loadDocWithSummary('yp:plain', key)).toEqual({
        state: await store.loadDoc('yp:plain'),
        summary: null,
      });
      expect(await store.loadDocWithSummary('yp:never', key)).toBeNull();
      doc.destroy();
    });

    it('keeps documents apart', async () => {
      for (const u of typedUpdates('one')) await store.appendUpdate('yp:one', u);
      for (const u of typedUpdates('two')) await store.appendUpdate('yp:two', u);
      await store.compact('yp:one');
      expect(textOf(await store.loadDoc('yp:one'))).toBe('one');
      expect(textOf(await store.loadDoc('yp:two'))).toBe('two');
      expect(await store.pendingUpdateCount('yp:two')).toBe(3);
    });

    it('skips a corrupt update row instead of making the record unloadable', async () => {
      const updates = typedUpdates('ok');
      await store.appendUpdate('yp:x', updates[0] ?? new Uint8Array());
      await store.appendUpdate('yp:x', new Uint8Array([255, 255, 255, 255, 255, 255, 255, 255, 1]));
      await store.appendUpdate('yp:x', updates[1] ?? new Uint8Array());
      expect(textOf(await store.loadDoc('yp:x'))).toBe('ok');
      await store.compact('yp:x');
      expect(textOf(await store.loadDoc('yp:x'))).toBe('ok');
    });

    it('survives a restart: documents, accounts, assignments, devices and audit persist', async () => {
      for (const u of typedUpdates('persist')) await store.appendUpdate('yp:p', u);
      await store.compact('yp:p');
      for (const u of typedUpdates('!')) await store.appendUpdate('yp:q', u);
      const team = await store.createTeam('Team P');
      const pa = await store.createUser({
        username: 'pa.p',
        displayName: 'P',
        role: 'pa',
        teamId: team.id,
        passwordHash: 'h',
      });
      await store.setAssignment('p', pa.id, team.id);
      await store.touchDevice('device-p-0001', pa.id);
      await store.appendAudit({ event: 'login.ok', userId: pa.id, deviceId: 'device-p-0001' });
      await store.close();

      store = await h.reopen();
      expect(textOf(await store.loadDoc('yp:p'))).toBe('persist');
      expect(textOf(await store.loadDoc('yp:q'))).toBe('!');
      expect((await store.getUserByUsername('pa.p'))?.id).toBe(pa.id);
      expect((await store.getAssignment('p'))?.paUserId).toBe(pa.id);
      expect((await store.getDevice('device-p-0001'))?.userId).toBe(pa.id);
      expect((await store.queryAudit())[0]?.event).toBe('login.ok');
    });

    it('bumps a document’s change version with every append, and reports changes after a cursor', async () => {
      expect(await store.changeCursor()).toBe(0);
      expect(await store.changedSince(0, ['yp:v1', 'yp:v2'])).toEqual({ cursor: 0, changed: [] });
      const [first, second, third] = typedUpdates('abc');
      await store.appendUpdate('yp:v1', first ?? new Uint8Array());
      const afterFirst = await store.changeCursor();
      expect(afterFirst).toBeGreaterThan(0);
      const feed = await store.changedSince(0, ['yp:v1', 'yp:v2']);
      expect(feed).toEqual({ cursor: afterFirst, changed: ['yp:v1'] });
      expect(await store.changedSince(afterFirst, ['yp:v1', 'yp:v2'])).toEqual({
        cursor: afterFirst,
        changed: [],
      });

      await store.appendUpdate('yp:v2', second ?? new Uint8Array());
      const afterSecond = await store.changeCursor();
      expect(afterSecond).toBeGreaterThan(afterFirst);
      expect((await store.changedSince(afterFirst, ['yp:v1', 'yp:v2'])).changed).toEqual(['yp:v2']);
      // Only the names asked about: a change to a document not in the list is not reported.
      expect((await store.changedSince(afterFirst, ['yp:v1'])).changed).toEqual([]);
      expect((await store.changedSince(0, [])).changed).toEqual([]);

      await store.appendUpdate('yp:v1', third ?? new Uint8Array());
      const afterThird = await store.changeCursor();
      expect(afterThird).toBeGreaterThan(afterSecond);
      expect((await store.changedSince(afterFirst, ['yp:v1', 'yp:v2'])).changed.sort()).toEqual([
        'yp:v1',
        'yp:v2',
      ]);
      expect((await store.changedSince(afterSecond, ['yp:v1', 'yp:v2'])).changed).toEqual(['yp:v1']);
    });

    it('keeps change versions through compaction and a restart, and never reuses them', async () => {
      for (const u of typedUpdates('four')) await store.appendUpdate('yp:k', u);
      for (const u of typedUpdates('x')) await store.appendUpdate('yp:other', u);
      const before = await store.changeCursor();
      expect(await store.compact('yp:k')).toBe(4);
      expect(await store.compact('yp:other')).toBe(1);
      // Compaction is not a change: the cursor and the versions stay where they were.
      expect(await store.changeCursor()).toBe(before);
      expect((await store.changedSince(before, ['yp:k', 'yp:other'])).changed).toEqual([]);
      expect((await store.changedSince(0, ['yp:k', 'yp:other'])).changed.sort()).toEqual([
        'yp:k',
        'yp:other',
      ]);
      await store.close();

      store = await h.reopen();
      expect(await store.changeCursor()).toBe(before);
      expect((await store.changedSince(before, ['yp:k', 'yp:other'])).changed).toEqual([]);
      // Every update row is compacted away, yet a new append still gets a greater version.
      for (const u of typedUpdates('!')) await store.appendUpdate('yp:k', u);
      const after = await store.changeCursor();
      expect(after).toBeGreaterThan(before);
      expect(await store.changedSince(before, ['yp:k', 'yp:other'])).toEqual({
        cursor: after,
        changed: ['yp:k'],
      });
    });

    it('gives a version to documents stored before change versions existed (upgrade in place)', async () => {
      for (const u of typedUpdates('old')) await store.appendUpdate('yp:old', u);
      await store.compact('yp:old');
      for (const u of typedUpdates('mid')) await store.appendUpdate('yp:mid', u);
      await store.close();
      await h.raw('DROP TABLE doc_versions');

      store = await h.reopen();
      const cursor = await store.changeCursor();
      expect((await store.changedSince(0, ['yp:old', 'yp:mid'])).changed).toEqual(['yp:mid']);
      expect((await store.changedSince(cursor, ['yp:old', 'yp:mid'])).changed).toEqual([]);
      for (const u of typedUpdates('+')) await store.appendUpdate('yp:old', u);
      expect((await store.changedSince(cursor, ['yp:old', 'yp:mid'])).changed).toEqual(['yp:old']);
      // Two writers' inserts at position 0: both kept, in Yjs' order.
      expect([...textOf(await store.loadDoc('yp:old'))].sort().join('')).toBe('+dlo');
    });

    it('reports every append made concurrently after a cursor', async () => {
      const cursor = await store.changeCursor();
      const names = Array.from({ length: 12 }, (_, i) => `yp:c${i}`);
      await Promise.all(
        names.map(async (name, i) => {
          for (const u of typedUpdates(`doc${i}`)) await store.appendUpdate(name, u);
        }),
      );
      const feed = await store.changedSince(cursor, names);
      expect(feed.changed.sort()).toEqual([...names].sort());
      expect((await store.changedSince(feed.cursor, names)).changed).toEqual([]);
    });

    it('stores teams and users; usernames are unique and case-insensitive', async () => {
      const team = await store.createTeam('North');
      expect(await store.getTeamByName('North')).toEqual(team);
      expect(await store.getTeam(team.id)).toEqual(team);
      await expect(store.createTeam('North')).rejects.toThrow();
      const user = await store.createUser({
        username: 'Alex.PA',
        displayName: 'Alex',
        role: 'pa',
        teamId: team.id,
        passwordHash: 'hash1',
        oidcSubject: 'alex@example.test',
      });
      expect(user.username).toBe('alex.pa');
      expect(await store.getUserByUsername('ALEX.pa')).toEqual(user);
      expect(await store.getUserByOidcSubject('alex@example.test')).toEqual(user);
      await expect(
        store.createUser({
          username: 'alex.pa',
          displayName: 'x',
          role: 'pa',
          teamId: team.id,
          passwordHash: null,
        }),
      ).rejects.toThrow();
      await store.setPasswordHash(user.id, 'hash2');
      await store.setUserDisabled(user.id, true);
      const updated = await store.getUser(user.id);
      expect(updated?.passwordHash).toBe('hash2');
      expect(updated?.disabled).toBe(true);
      expect((await store.listUsers()).map((u) => u.username)).toEqual(['alex.pa']);
      expect((await store.listTeams()).map((t) => t.name)).toEqual(['North']);
    });

    it('changes a user’s name, role and team, and renames a team (names stay unique)', async () => {
      const north = await store.createTeam('North');
      const south = await store.createTeam('South');
      const sam = { username: 'sam.pa', displayName: 'Sam', passwordHash: 'h' };
      const user = await store.createUser({ ...sam, role: 'pa', teamId: north.id });
      await store.updateUser(user.id, { displayName: 'Sam Okafor', role: 'team_manager', teamId: south.id });
      expect(await store.getUser(user.id)).toMatchObject({
        displayName: 'Sam Okafor',
        role: 'team_manager',
        teamId: south.id,
        passwordHash: 'h',
      });
      await store.renameTeam(north.id, ' North East ');
      expect((await store.getTeam(north.id))?.name).toBe('North East');
      await expect(store.renameTeam(south.id, 'North East')).rejects.toThrow();
    });

    it('searches the audit log by date range and pages it by sequence number', async () => {
      for (const detail of ['a', 'b', 'c'])
        await store.appendAudit({ event: 'login.ok', userId: 'u-d', detail });
      const all = await store.queryAudit({ userId: 'u-d' });
      expect(all.map((r) => r.detail)).toEqual(['c', 'b', 'a']);
      const first = all[2]?.at ?? '';
      expect((await store.queryAudit({ userId: 'u-d', from: '2999-01-01T00:00:00.000Z' })).length).toBe(0);
      expect((await store.queryAudit({ userId: 'u-d', to: first })).length).toBe(0);
      expect((await store.queryAudit({ userId: 'u-d', from: first })).length).toBe(3);
      const page = await store.queryAudit({ userId: 'u-d', beforeSeq: all[0]?.seq ?? 0, limit: 1 });
      expect(page.map((r) => r.detail)).toEqual(['b']);
    });

    it('assigns, reassigns and never overwrites in assignIfUnassigned', async () => {
      const team = await store.createTeam('T');
      const a = await store.createUser({
        username: 'a',
        displayName: 'A',
        role: 'pa',
        teamId: team.id,
        passwordHash: null,
      });
      const b = await store.createUser({
        username: 'b',
        displayName: 'B',
        role: 'pa',
        teamId: team.id,
        passwordHash: null,
      });
      expect(await store.getAssignment('yp1')).toBeNull();
      expect((await store.assignIfUnassigned('yp1', a.id, team.id)).paUserId).toBe(a.id);
      expect((await store.assignIfUnassigned('yp1', b.id, team.id)).paUserId).toBe(a.id);
      await store.setAssignment('yp1', b.id, team.id);
      expect((await store.getAssignment('yp1'))?.paUserId).toBe(b.id);
      await store.setAssignment('yp2', a.id, team.id);
      expect((await store.listAssignmentsForPa(a.id)).map((x) => x.youngPersonId)).toEqual(['yp2']);
      expect((await store.listAssignmentsForTeam(team.id)).map((x) => x.youngPersonId)).toEqual([
        'yp1',
        'yp2',
      ]);
    });

    it('registers devices, revokes them, and never un-revokes on a later touch', async () => {
      const u = await store.createUser({
        username: 'd',
        displayName: 'D',
        role: 'pa',
        teamId: null,
        passwordHash: null,
      });
      const d = await store.touchDevice('device-0001', u.id);
      expect(d.revokedAt).toBeNull();
      expect(await store.revokeDevice('device-0001')).toBe(true);
      expect(await store.revokeDevice('device-none')).toBe(false);
      const after = await store.touchDevice('device-0001', u.id);
      expect(after.revokedAt).not.toBeNull();
      expect((await store.listDevices()).map((x) => x.id)).toEqual(['device-0001']);
    });

    it('keeps an append-only audit log, newest first, filterable; the database refuses UPDATE and DELETE', async () => {
      await store.appendAudit({
        event: 'login.failed',
        userId: null,
        ip: '127.0.0.1',
        detail: 'unknown-user',
      });
      await store.appendAudit({ event: 'doc.load', userId: 'u1', deviceId: 'dev', docName: 'yp:1' });
      await store.appendAudit({
        event: 'doc.change',
        userId: 'u1',
        deviceId: 'dev',
        docName: 'yp:1',
        detail: 'updates=3',
      });
      const all = await store.queryAudit();
      expect(all.map((r) => r.event)).toEqual(['doc.change', 'doc.load', 'login.failed']);
      expect((await store.queryAudit({ docName: 'yp:1', event: 'doc.load' })).length).toBe(1);
      expect((await store.queryAudit({ userId: 'u1' })).length).toBe(2);
      expect((await store.queryAudit({ limit: 1 })).length).toBe(1);
      await expect(h.raw("UPDATE audit SET detail = 'tampered'")).rejects.toThrow(/append-only/);
      await expect(h.raw('DELETE FROM audit')).rejects.toThrow(/append-only/);
      expect((await store.queryAudit()).length).toBe(3);
    });

    it('keeps every change through compaction: history rows survive and deleted content stays decodable', async () => {
      const writer = new Y.Doc({ gc: false });
      const updates: Uint8Array[] = [];
      writer.on('update', (u: Uint8Array) => updates.push(u));
      const text = writer.getText('t');
      text.insert(0, 'keep this note');
      const beforeDelete = Y.snapshot(writer);
      text.delete(0, 5); // "this note"
      const author = { userId: 'u-hist', deviceId: 'dev-hist', ip: '127.0.0.1' };
      for (const u of updates) await store.appendUpdate('yp:h', u, author);
      expect(await store.compact('yp:h')).toBe(2);
      expect(await store.pendingUpdateCount('yp:h')).toBe(0);
      await store.close();

      store = await h.reopen();
      const history = await store.listDocHistory('yp:h');
      expect(history.map((r) => [r.userId, r.deviceId, r.origin, r.sha256])).toEqual(
        updates.map((u) => ['u-hist', 'dev-hist', 'sync', sha256Hex(u)]),
      );
      expect(
        history.map((r) => Buffer.from(r.update).equals(Buffer.from(updates[history.indexOf(r)] ?? []))),
      ).toEqual([true, true]);
      // The merged state still holds the deleted characters: the text as it stood before the delete
      // can be rebuilt from the compacted, reloaded state alone.
      const loaded = new Y.Doc({ gc: false });
      Y.applyUpdate(loaded, (await store.loadDoc('yp:h')) ?? new Uint8Array());
      expect(loaded.getText('t').toString()).toBe('this note');
      expect(Y.createDocFromSnapshot(loaded, beforeDelete).getText('t').toString()).toBe('keep this note');
      // A second compaction round keeps them too.
      text.insert(0, '!');
      await store.appendUpdate('yp:h', updates.at(-1) ?? new Uint8Array());
      await store.compact('yp:h');
      const again = new Y.Doc({ gc: false });
      Y.applyUpdate(again, (await store.loadDoc('yp:h')) ?? new Uint8Array());
      expect(Y.createDocFromSnapshot(again, beforeDelete).getText('t').toString()).toBe('keep this note');
      expect((await store.listDocHistory('yp:h')).length).toBe(3);
      await expect(h.raw('DELETE FROM doc_history')).rejects.toThrow(/append-only/);
    });

    it('writes the doc.change audit row with the update, carrying its SHA-256', async () => {
      const [update] = typedUpdates('x');
      if (!update) throw new Error('no update');
      await store.appendUpdate('yp:a1', update, { userId: 'u-a', deviceId: 'dev-a', ip: '10.0.0.1' });
      await store.appendUpdate('yp:a1', typedUpdates('y')[0] ?? new Uint8Array()); // server-written: no row
      const rows = await store.queryAudit({ event: 'doc.change', docName: 'yp:a1' });
      expect(rows.map((r) => [r.userId, r.deviceId, r.ip, r.updateSha256, r.detail])).toEqual([
        ['u-a', 'dev-a', '10.0.0.1', sha256Hex(update), `updates=1 bytes=${update.byteLength}`],
      ]);
      expect((await store.listDocHistory('yp:a1')).map((r) => r.origin)).toEqual(['sync', 'server']);
    });

    it('hash-chains the audit log; verification passes, then names the first tampered or removed row', async () => {
      for (let i = 0; i < 5; i++)
        await store.appendAudit({ event: 'doc.load', userId: 'u-c', detail: String(i) });
      await store.appendUpdate('yp:chain', typedUpdates('z')[0] ?? new Uint8Array(), {
        userId: 'u-c',
        deviceId: null,
        ip: null,
      });
      const clean = await verifyAuditChain((after, limit) => store.auditPage(after, limit), 2);
      expect(clean.rows).toBe(6);
      expect(clean.broken).toBeNull();
      const rows = await store.auditPage(0, 100);
      expect(rows[0]?.prevHash).toBe('0'.repeat(64));
      expect(rows[1]?.prevHash).toBe(rows[0]?.hash);

      const third = rows[2]?.seq ?? -1;
      await h.raw(`${auditTriggersOff(store)}; UPDATE audit SET detail = 'tampered' WHERE seq = ${third}`);
      const tampered = await verifyAuditChain((after, limit) => store.auditPage(after, limit));
      expect(tampered.broken).toEqual({ seq: third, problem: expect.stringMatching(/content/) as unknown });
      await store.close();

      store = await h.reopen(); // re-opening does not re-chain (hide) the change
      expect((await verifyAuditChain((a, l) => store.auditPage(a, l))).broken?.seq).toBe(third);
      const second = rows[1]?.seq ?? -1;
      await h.raw(`${auditTriggersOff(store)}; DELETE FROM audit WHERE seq = ${second}`);
      const removed = await verifyAuditChain((after, limit) => store.auditPage(after, limit));
      expect(removed.broken).toEqual({ seq: third, problem: expect.stringMatching(/link/) as unknown });
    });

    it('migrates a database from before history and the hash chain, losing nothing', async () => {
      for (const u of typedUpdates('old')) await store.appendUpdate('yp:m', u);
      await store.compact('yp:m');
      for (const u of typedUpdates('new')) await store.appendUpdate('yp:m2', u);
      await store.appendAudit({ event: 'login.ok', userId: 'u-m' });
      await store.appendAudit({ event: 'doc.load', userId: 'u-m', docName: 'yp:m' });
      const stateBefore = await store.loadDoc('yp:m');
      await store.close();
      // The old schema: no doc_history, no chain columns.
      await h.raw(
        'DROP TABLE doc_history; ALTER TABLE audit DROP COLUMN update_sha256; ' +
          'ALTER TABLE audit DROP COLUMN prev_hash; ALTER TABLE audit DROP COLUMN hash',
      );

      store = await h.reopen();
      expect(textOf(await store.loadDoc('yp:m'))).toBe('old');
      expect(await store.loadDoc('yp:m')).toEqual(stateBefore);
      expect(textOf(await store.loadDoc('yp:m2'))).toBe('new');
      // The compacted state is kept as one history row; the uncompacted updates one row each.
      expect((await store.listDocHistory('yp:m')).map((r) => r.origin)).toEqual(['migrated']);
      expect((await store.listDocHistory('yp:m2')).length).toBe(3);
      const audit = await store.queryAudit();
      expect(audit.map((r) => r.event)).toEqual(['doc.load', 'login.ok']);
      const report = await verifyAuditChain((after, limit) => store.auditPage(after, limit));
      expect(report).toMatchObject({ rows: 2, broken: null });
      await store.appendAudit({ event: 'login.ok', userId: 'u-m' });
      expect((await verifyAuditChain((a, l) => store.auditPage(a, l))).broken).toBeNull();
      await expect(h.raw("UPDATE audit SET detail = 'x'")).rejects.toThrow(/append-only/);
    });

    it('keeps every one of many audit rows appended at once', async () => {
      const rows = Array.from({ length: 60 }, (_, i) =>
        store.appendAudit({ event: 'doc.load', userId: 'u-many', docName: `yp:${i}`, detail: String(i) }),
      );
      await Promise.all(rows);
      const newestFirst = await store.queryAudit({ userId: 'u-many' });
      const numbers = newestFirst.map((r) => Number(r.detail)).sort((a, b) => a - b);
      expect(numbers).toEqual(Array.from({ length: 60 }, (_, i) => i));
    });

    it('keeps a team’s settings with their audit row, replaces them whole, and survives a restart', async () => {
      const team = await store.createTeam('Settings team');
      const other = await store.createTeam('Other team');
      expect(await store.getTeamSettings(team.id)).toBeNull();
      const audit = {
        event: 'team.settings-changed',
        userId: 'u-tm',
        detail: 'contactThresholdWeeks',
      } as const;
      const first = await store.putTeamSettings(team.id, JSON.stringify({ contactThresholdWeeks: 6 }), audit);
      expect(first).toMatchObject({
        teamId: team.id,
        settings: { contactThresholdWeeks: 6 },
        updatedBy: 'u-tm',
      });
      await store.putTeamSettings(team.id, JSON.stringify({ caseloadTarget: 18 }), {
        ...audit,
        userId: 'u-admin',
      });
      expect(await store.getTeamSettings(other.id)).toBeNull();
      await store.close();
      store = await h.reopen();
      const kept = await store.getTeamSettings(team.id);
      expect(kept).toMatchObject({ settings: { caseloadTarget: 18 }, updatedBy: 'u-admin' });
      const rows = await store.queryAudit({ event: 'team.settings-changed' });
      expect(rows.map((r) => r.userId)).toEqual(['u-admin', 'u-tm']);
      expect((await verifyAuditChain((a, l) => store.auditPage(a, l))).broken).toBeNull();
    });

    it('writes neither settings nor audit row for a team that does not exist', async () => {
      const audit = { event: 'team.settings-changed', userId: 'u-tm' } as const;
      await expect(store.putTeamSettings('no-such-team', '{}', audit)).rejects.toThrow();
      expect(await store.getTeamSettings('no-such-team')).toBeNull();
      expect(await store.queryAudit({ event: 'team.settings-changed' })).toEqual([]);
    });
  });
}
