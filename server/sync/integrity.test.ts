/**
 * Record integrity over a real websocket to a real server: refused updates are neither stored nor
 * acknowledged, the client is told which rule and why, the refusal is audited; honest syncs (including
 * other people's earlier content re-sent by a laptop) are stored with their history and audit rows.
 */
import { HocuspocusProvider } from '@hocuspocus/provider';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { generateCaseload } from '../../shared/synthetic/generator.ts';
import {
  SERVER_REASONS,
  updateRefusalMessageSchema,
  type UpdateRefusalMessage,
} from '../../shared/protocol.ts';
import { readRecord } from '../../shared/ydoc/read-record.ts';
import { addContact, createRecordDoc, removeEntry, updateEntry } from '../../shared/ydoc/write-record.ts';
import { sha256Hex } from '../store/audit-chain.ts';
import {
  acknowledged,
  login,
  makeWorld,
  openDoc,
  openSocket,
  waitFor,
  type OpenedDoc,
  type World,
} from '../testing/fixtures.ts';

const TODAY = '2026-03-01';
const YP = 'ypR1';
const DOC = `yp:${YP}`;
const [BASE] = generateCaseload({ seed: 21, count: 1, today: TODAY });
if (!BASE?.contacts[0]) throw new Error('the synthetic record needs a contact');
const record = { ...BASE, profile: { ...BASE.profile, id: YP } };
const template = BASE.contacts[0];

let world: World;

beforeEach(async () => {
  world = await makeWorld();
  // Written by pa.n2, who held the record before; now pa.n1 holds it.
  const doc = createRecordDoc(record, { writer: world.users.paN2.id, today: TODAY });
  await world.store.appendUpdate(DOC, Y.encodeStateAsUpdate(doc));
  await world.store.setAssignment(YP, world.users.paN1.id, world.teams.north);
});

afterEach(async () => {
  await world.close();
});

interface Watched {
  readonly opened: OpenedDoc;
  readonly refusals: UpdateRefusalMessage[];
}

async function open(username: string): Promise<Watched> {
  const session = await login(world.server, username);
  const result = await openDoc(openSocket(world.server), DOC, session.token);
  expect(result.status).toBe('synced');
  const refusals: UpdateRefusalMessage[] = [];
  result.opened.provider.on('stateless', ({ payload }: { payload: string }) => {
    const parsed = updateRefusalMessageSchema.safeParse(JSON.parse(payload));
    if (parsed.success) refusals.push(parsed.data);
  });
  return { opened: result.opened, refusals };
}

async function storedContactIds(): Promise<string[]> {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, (await world.store.loadDoc(DOC)) ?? new Uint8Array());
  return readRecord(doc).contacts.map((c) => c.id);
}

async function refusedWith(watched: Watched, rule: UpdateRefusalMessage['rule']): Promise<void> {
  await waitFor(() => watched.opened.closeReasons.includes(SERVER_REASONS.updateRefused), 'the refusal');
  expect(watched.refusals.map((r) => r.rule)).toEqual([rule]);
  expect(watched.opened.provider.hasUnsyncedChanges).toBe(true); // never acknowledged
  const audit = await world.store.queryAudit({ event: 'doc.refused', docName: DOC });
  expect(audit[0]?.detail).toMatch(new RegExp(`^rule=${rule} `));
}

describe('the server checks every update before it stores it (real websocket)', () => {
  it('stores an honest contact with its history row and its doc.change row, hashed', async () => {
    const pa = await open('pa.n1');
    const sent: Uint8Array[] = [];
    pa.opened.doc.on('update', (u: Uint8Array) => sent.push(u));
    addContact(pa.opened.doc, { ...template, id: 'c-honest' }, { writer: world.users.paN1.id, today: TODAY });
    await acknowledged(pa.opened);
    expect(await storedContactIds()).toContain('c-honest');
    const [update] = sent;
    if (!update) throw new Error('no update sent');
    const history = await world.store.listDocHistory(DOC);
    expect(history.at(-1)).toMatchObject({
      userId: world.users.paN1.id,
      origin: 'sync',
      sha256: sha256Hex(update),
    });
    const change = await world.store.queryAudit({ event: 'doc.change', docName: DOC });
    expect(change[0]).toMatchObject({ userId: world.users.paN1.id, updateSha256: sha256Hex(update) });
    pa.opened.provider.destroy();
  });

  it('refuses a contact attributed to someone else, and tells the client why', async () => {
    const pa = await open('pa.n1');
    addContact(pa.opened.doc, { ...template, id: 'c-forged' }, { writer: world.users.tmN.id, today: TODAY });
    await refusedWith(pa, 'forged-writer');
    expect(pa.refusals[0]?.message).toMatch(/someone other than the person signed in/);
    expect(await storedContactIds()).not.toContain('c-forged');
    pa.opened.provider.destroy();
  });

  it('refuses deleting a contact (append-only)', async () => {
    const pa = await open('pa.n1');
    removeEntry(pa.opened.doc, 'contacts', template.id, { writer: world.users.paN1.id, today: TODAY });
    await refusedWith(pa, 'append-only');
    expect(pa.refusals[0]?.message).toMatch(/cannot be deleted/);
    expect(await storedContactIds()).toContain(template.id);
    pa.opened.provider.destroy();
  });

  it('refuses an update that makes the record invalid', async () => {
    const pa = await open('pa.n1');
    pa.opened.doc.transact(() => {
      // A raw write (encoding version 1 form) of a value the field's schema refuses.
      const entry = pa.opened.doc.getMap('contacts').get(template.id) as Y.Map<unknown>;
      entry.set(`method\u001fforged.1`, { v: 'carrier-pigeon', by: world.users.paN1.id, on: TODAY });
    });
    await refusedWith(pa, 'invalid-record');
    pa.opened.provider.destroy();
  });

  it('accepts a laptop’s sync step 2 that re-sends other people’s old content with its own new work', async () => {
    // A laptop that synced the record earlier (all of it by pa.n2), then added a contact offline.
    const laptop = new Y.Doc();
    Y.applyUpdate(laptop, (await world.store.loadDoc(DOC)) ?? new Uint8Array());
    addContact(laptop, { ...template, id: 'c-offline' }, { writer: world.users.paN1.id, today: TODAY });
    const session = await login(world.server, 'pa.n1');
    const closeReasons: string[] = [];
    const provider = new HocuspocusProvider({
      websocketProvider: openSocket(world.server),
      name: DOC,
      token: session.token,
      document: laptop,
      onClose: ({ event }) => void (event.reason && closeReasons.push(event.reason)),
    });
    provider.attach();
    await waitFor(async () => (await storedContactIds()).includes('c-offline'), 'the offline contact stored');
    expect(closeReasons).toEqual([]);
    expect(await world.store.queryAudit({ event: 'doc.refused' })).toEqual([]);
    provider.destroy();
  });

  it('keeps overwritten content through unload and compaction: the record as it stood is rebuilt', async () => {
    const stored = async (): Promise<Y.Doc> => {
      const doc = new Y.Doc({ gc: false });
      Y.applyUpdate(doc, (await world.store.loadDoc(DOC)) ?? new Uint8Array());
      return doc;
    };
    const before = Y.snapshot(await stored());
    const notesBefore = readRecord(await stored()).contacts.find((c) => c.id === template.id)?.notes;
    const pa = await open('pa.n1');
    updateEntry(
      pa.opened.doc,
      'contacts',
      template.id,
      { notes: 'Corrected' },
      {
        writer: world.users.paN1.id,
        today: TODAY,
      },
    );
    await acknowledged(pa.opened);
    pa.opened.provider.destroy();
    await waitFor(async () => (await world.store.pendingUpdateCount(DOC)) === 0, 'compaction after unload');
    const after = await stored();
    expect(readRecord(after).contacts.find((c) => c.id === template.id)?.notes).toBe('Corrected');
    const asItStood = readRecord(Y.createDocFromSnapshot(after, before));
    expect(asItStood.contacts.find((c) => c.id === template.id)?.notes).toBe(notesBefore);
    expect((await world.store.listDocHistory(DOC)).map((r) => r.origin)).toEqual(['server', 'sync']);
  });
});
