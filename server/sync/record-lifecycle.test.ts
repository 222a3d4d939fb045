/**
 * A loaded record's memory over its life on a real server (real websocket, SQLite): the copy the update
 * checks keep after a write is dropped once the record had no write for the idle time and when the
 * record unloads, and neither loses anything acknowledged nor weakens the checks — the next write is
 * checked against the record as it stands, a forged one is still refused, and a reopened record holds
 * every acknowledged write. The copies held are read from /metrics (`waymark_checked_copies`).
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SERVER_REASONS } from '../../shared/protocol.ts';
import { generateCaseload } from '../../shared/synthetic/generator.ts';
import { readRecord } from '../../shared/ydoc/read-record.ts';
import { addContact, createRecordDoc } from '../../shared/ydoc/write-record.ts';
import { acknowledged, login, makeWorld, openDoc, openSocket, waitFor } from '../testing/fixtures.ts';
import type { OpenedDoc, World } from '../testing/fixtures.ts';

const TODAY = '2026-03-01';
const YP = 'ypL1';
const DOC = `yp:${YP}`;
const METRICS_TOKEN = 'metrics-token-for-tests-only-lifecycle-0123';
/** Short, so the test sees a copy dropped (the sweep runs every second). */
const COPY_IDLE_MS = 300;
const [BASE] = generateCaseload({ seed: 41, count: 1, today: TODAY });
if (!BASE?.contacts[0]) throw new Error('the synthetic record needs a contact');
const record = { ...BASE, profile: { ...BASE.profile, id: YP } };
const template = BASE.contacts[0];

let world: World;
let started: World | null = null;

/** A server whose update checks drop a record's copy after `checkedCopyIdleMs` (0: kept while loaded). */
async function startWorld(checkedCopyIdleMs: number): Promise<void> {
  world = await makeWorld({ checkedCopyIdleMs, metricsToken: METRICS_TOKEN });
  started = world;
  const doc = createRecordDoc(record, { writer: world.users.paN2.id, today: TODAY });
  await world.store.appendUpdate(DOC, Y.encodeStateAsUpdate(doc));
  await world.store.setAssignment(YP, world.users.paN1.id, world.teams.north);
}

afterEach(async () => {
  await started?.close();
  started = null;
});

/** A live gauge of the server's /metrics. */
async function gauge(name: string): Promise<number> {
  const response = await fetch(`${world.server.url}/metrics`, {
    headers: { authorization: `Bearer ${METRICS_TOKEN}` },
  });
  expect(response.status).toBe(200);
  const line = (await response.text()).split('\n').find((l) => l.startsWith(`${name} `));
  if (!line) throw new Error(`no ${name} in /metrics`);
  return Number(line.slice(name.length + 1));
}

async function gaugeIs(name: string, value: number): Promise<void> {
  await waitFor(async () => (await gauge(name)) === value, `${name} = ${value}`, 10_000);
}

async function openAsPa(): Promise<OpenedDoc> {
  const session = await login(world.server, 'pa.n1');
  const result = await openDoc(openSocket(world.server), DOC, session.token);
  expect(result.status).toBe('synced');
  return result.opened;
}

function contactIds(doc: Y.Doc): string[] {
  return readRecord(doc)
    .contacts.map((c) => c.id)
    .sort();
}

async function storedContactIds(): Promise<string[]> {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, (await world.store.loadDoc(DOC)) ?? new Uint8Array());
  return contactIds(doc);
}

describe('a loaded record’s checked copy and unloading (real websocket)', () => {
  it('drops the copy after the idle time; later writes are still checked, and nothing acknowledged is lost', async () => {
    await startWorld(COPY_IDLE_MS);
    const pa = await openAsPa();
    const writer = { writer: world.users.paN1.id, today: TODAY };
    await gaugeIs('waymark_records_loaded', 1);
    expect(await gauge('waymark_checked_copies')).toBe(0); // no write yet: no copy

    addContact(pa.doc, { ...template, id: 'c-first' }, writer);
    await acknowledged(pa);
    // Dropped once the record had no write for the idle time (that a write keeps one: the next test).
    await gaugeIs('waymark_checked_copies', 0);

    // Checked against the record as it stands now: an honest write is stored…
    addContact(pa.doc, { ...template, id: 'c-second' }, writer);
    await acknowledged(pa);
    expect(await storedContactIds()).toEqual(expect.arrayContaining(['c-first', 'c-second']));
    await gaugeIs('waymark_checked_copies', 0);

    // …and a forged one, arriving after the copy was dropped again, is still refused.
    const refused = new Promise<string>((resolve) =>
      pa.provider.on('stateless', ({ payload }: { payload: string }) => resolve(payload)),
    );
    addContact(pa.doc, { ...template, id: 'c-forged' }, { writer: world.users.tmN.id, today: TODAY });
    expect(JSON.parse(await refused)).toMatchObject({ rule: 'forged-writer' });
    await waitFor(() => pa.closeReasons.includes(SERVER_REASONS.updateRefused), 'the refusal');
    expect(await storedContactIds()).not.toContain('c-forged');
    pa.provider.destroy();
  });

  it('unloads a record and its copy when its last connection closes; reopened, it holds every acknowledged write', async () => {
    await startWorld(0); // copies kept while the record is loaded
    const writer = { writer: world.users.paN1.id, today: TODAY };
    const first = await openAsPa();
    addContact(first.doc, { ...template, id: 'c-before-unload' }, writer);
    await acknowledged(first);
    addContact(first.doc, { ...template, id: 'c-before-unload-2' }, writer);
    await acknowledged(first);
    expect(await gauge('waymark_checked_copies')).toBe(1);
    const acknowledgedIds = contactIds(first.doc);

    first.provider.destroy();
    await gaugeIs('waymark_records_loaded', 0);
    expect(await gauge('waymark_checked_copies')).toBe(0);
    expect(await storedContactIds()).toEqual(acknowledgedIds);

    // Loaded again from the store: every acknowledged write is there, and a new write is checked.
    const again = await openAsPa();
    await gaugeIs('waymark_records_loaded', 1);
    expect(contactIds(again.doc)).toEqual(acknowledgedIds);
    addContact(again.doc, { ...template, id: 'c-after-reload' }, writer);
    await acknowledged(again);
    expect(await storedContactIds()).toEqual([...acknowledgedIds, 'c-after-reload'].sort());
    again.provider.destroy();
  });
});
