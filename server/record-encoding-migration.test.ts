/**
 * The in-place migration to encoding version 2 as the server runs it (record-encoding-migration.ts),
 * with the real server process (`node server/main.ts`, SQLite) and a laptop over a real websocket: the
 * laptop holds a version 1 record, goes offline and changes it in version 1 (a field superseding a
 * migrated write, a new contact); meanwhile the administrator's command migrates the stored record; the
 * laptop reconnects, its changes are stored, and laptop and server read the same record and history,
 * with nothing lost. Synthetic data only.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { addDaysIso, type IsoDate } from '../shared/domain/dates.ts';
import { generateCaseload } from '../shared/synthetic/generator.ts';
import { version1RecordDoc, writeFieldsVersion1 } from '../shared/testing/version1-writes.ts';
import type { RegisterMap } from '../shared/ydoc/contested.ts';
import { recordChanges } from '../shared/ydoc/history.ts';
import { readRecord } from '../shared/ydoc/read-record.ts';
import { createRecordDoc } from '../shared/ydoc/write-record.ts';
import { runCommand } from './admin-cli.ts';
import { DEMO_PASSWORD } from './seed-demo.ts';
import { SqliteStore } from './store/sqlite-store.ts';
import { signIn, TestDevice } from './testing/device-identity.ts';
import { newDeviceId, waitFor } from './testing/fixtures.ts';
import { exited, startMainProcess } from './testing/main-process.ts';

const YP = 'demo-yp-001';
const DOC = `yp:${YP}`;
const TODAY = new Date().toISOString().slice(0, 10) as IsoDate;
const WEEKS_AGO = addDaysIso(TODAY, -60);

const children: ChildProcess[] = [];
const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited(child);
    }
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const METRICS_TOKEN = 'inplace-test-metrics-token-0123456789';

async function recordsLoaded(url: string): Promise<number> {
  const response = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  const match = /^waymark_records_loaded (\d+)/m.exec(await response.text());
  if (!match?.[1]) throw new Error('the server does not report the records it holds');
  return Number(match[1]);
}

/** Opens the laptop's own document on a socket; resolves once synced. */
function reopen(socket: HocuspocusProviderWebsocket, doc: Y.Doc, token: string): Promise<HocuspocusProvider> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('opening the record timed out')), 10_000);
    const provider: HocuspocusProvider = new HocuspocusProvider({
      websocketProvider: socket,
      name: DOC,
      token,
      document: doc,
      onSynced: () => {
        clearTimeout(timer);
        resolve(provider);
      },
    });
    provider.attach();
  });
}

/** Everything a reader reads of a record: the record and its history. */
function readsOf(doc: Y.Doc): { record: unknown; history: string[] } {
  return {
    record: readRecord(doc),
    history: recordChanges(doc)
      .map((change) => JSON.stringify(change))
      .sort(),
  };
}

/** Version 1 writes a reader reads (held under a key, not replaced by a migrated copy). */
function version1Writes(doc: Y.Doc): number {
  let count = 0;
  const maps: RegisterMap[] = [doc.getMap('profile'), doc.getMap('plan'), doc.getMap('entitlements')];
  for (const [, entries] of doc.share)
    if (entries instanceof Y.Map)
      for (const entry of entries.values()) if (entry instanceof Y.Map) maps.push(entry as RegisterMap);
  for (const map of maps)
    for (const item of map._map.values()) {
      const value: unknown = item.content.getContent().at(-1);
      if (!item.deleted && typeof value === 'object' && value !== null && 'by' in value) count += 1;
    }
  return count;
}

describe('migrating stored records to encoding version 2 in place (server, admin command)', () => {
  it('a laptop offline with unsent version 1 changes reconnects after the migration: both converge, nothing lost', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'waymark-inplace-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const dbPath = join(dir, 'waymark.sqlite');
    const server = await startMainProcess({ WAYMARK_DB: dbPath, WAYMARK_METRICS_TOKEN: METRICS_TOKEN });
    children.push(server.process);
    const store = new SqliteStore(dbPath);
    cleanups.push(() => store.close());

    // Weeks ago, an older laptop of the PA wrote the record in version 1.
    const pa = await store.getUserByUsername('pa.alex');
    if (!pa?.teamId) throw new Error('the demo PA is missing');
    const [generated] = generateCaseload({ seed: 17, count: 1, today: WEEKS_AGO });
    if (!generated?.contacts[0]) throw new Error('the synthetic record needs a contact');
    const record = {
      ...generated,
      profile: { ...generated.profile, id: YP, allocatedPaId: pa.id, teamId: pa.teamId },
    };
    const written = version1RecordDoc(createRecordDoc(record, { writer: pa.id, today: WEEKS_AGO }));
    await store.appendUpdate(DOC, Y.encodeStateAsUpdate(written));
    const storedBefore = (await store.loadDoc(DOC))?.byteLength ?? 0;

    // The laptop opens it, then goes offline.
    const { token } = await signIn(
      server.url,
      'pa.alex',
      DEMO_PASSWORD,
      await TestDevice.create(newDeviceId()),
    );
    const socket = new HocuspocusProviderWebsocket({ url: server.syncUrl, WebSocketPolyfill: WebSocket });
    // A laptop keeps deleted content (the history), as y-indexeddb does.
    const laptop = new Y.Doc({ gc: false });
    const first = await reopen(socket, laptop, token);
    expect(readRecord(laptop).profile.id).toBe(YP);
    first.destroy();
    socket.destroy();

    // Offline, in version 1: a new preferred name (superseding a write the migration rewrites) and a
    // new contact (an entry written field by field).
    const ctx = { writer: pa.id, today: TODAY };
    let offline = 1;
    laptop.transact(() => {
      writeFieldsVersion1(laptop.getMap('profile'), { preferredName: 'Zed' }, ctx);
      const template = record.contacts[0] as { id: string } & Record<string, unknown>;
      const entry = laptop.getMap<unknown>('contacts').set('contact-offline-1', new Y.Map<unknown>());
      const { id: _id, ...fields } = {
        ...template,
        at: `${TODAY}T09:30:00.000Z`,
        summary: 'Met at the library.',
      };
      writeFieldsVersion1(entry as RegisterMap, fields, ctx);
      offline += Object.keys(fields).length;
    });
    const expected = readsOf(laptop);
    await waitFor(
      async () => (await recordsLoaded(server.url)) === 0,
      'the server to unload the record',
      10_000,
    );

    // Meanwhile the administrator migrates the stored records (the server runs on).
    const lines: string[] = [];
    await runCommand(store, ['records', 'migrate-encoding', '--settled-days', '28'], {
      out: (line) => lines.push(line),
      err: (line) => lines.push(line),
      osUser: 'ops',
    });
    expect(lines.join('\n')).toMatch(/1 migrated \(\d+ writes\)/);
    const migrated = new Y.Doc({ gc: false });
    Y.applyUpdate(migrated, (await store.loadDoc(DOC)) ?? new Uint8Array());
    expect(version1Writes(migrated)).toBe(0);
    expect(readsOf(migrated)).toEqual(readsOf(written));
    const storedAfter = (await store.loadDoc(DOC))?.byteLength ?? 0;
    expect(storedAfter).toBeLessThan(storedBefore);
    const audit = await store.queryAudit({ event: 'doc.encoding-migrated', docName: DOC });
    expect(audit).toHaveLength(1);
    expect(audit[0]?.detail).toMatch(/^writes=\d+ left=0 settled-before=\d{4}-\d\d-\d\d os-user=ops$/);
    expect(audit[0]?.userId).toBeNull();
    // A second run finds nothing left to migrate and writes nothing.
    await runCommand(store, ['records', 'migrate-encoding'], {
      out: (line) => lines.push(line),
      err: () => {},
    });
    expect(lines.at(-1)).toMatch(/^records: 1 looked at, 0 migrated \(0 writes\)/);
    expect((await store.loadDoc(DOC))?.byteLength).toBe(storedAfter);

    // The laptop reconnects with its unsent changes: the server stores them, the laptop gets the migration.
    const again = new HocuspocusProviderWebsocket({ url: server.syncUrl, WebSocketPolyfill: WebSocket });
    cleanups.push(() => again.destroy());
    const provider = await reopen(again, laptop, token);
    cleanups.push(() => provider.destroy());
    await waitFor(
      () => !provider.hasUnsyncedChanges,
      'the server to store the laptop’s offline changes',
      10_000,
    );
    await waitFor(() => version1Writes(laptop) === offline, 'the migration to reach the laptop', 10_000);
    expect(readsOf(laptop)).toEqual(expected);
    expect(readRecord(laptop).profile.preferredName).toBe('Zed');
    expect(readRecord(laptop).contacts.map((c) => c.id)).toContain('contact-offline-1');
    expect(readRecord(laptop).contested).toEqual([]);
    await waitFor(
      async () => {
        const stored = new Y.Doc({ gc: false });
        Y.applyUpdate(stored, (await store.loadDoc(DOC)) ?? new Uint8Array());
        return JSON.stringify(readsOf(stored)) === JSON.stringify(expected);
      },
      'the server to hold the same record as the laptop',
      10_000,
    );
  }, 120_000);
});
