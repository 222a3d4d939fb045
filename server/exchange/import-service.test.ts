/**
 * Import and export against a real SQLite store: the example files in docs/examples/ssda903 with their
 * hand-worked categories, the synthetic council of 600 (counts, refusals, re-import, next year, OC3
 * round trip), the operator's CLI, and the audit rows with counts.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { recordWithSor } from '../../shared/exchange/apply-to-doc.ts';
import { produceOc3, oc3Csv } from '../../shared/exchange/oc3-out.ts';
import { youngPersonIdForChild, type ImportFiles } from '../../shared/exchange/plan-import.ts';
import {
  COUNCIL_PEOPLE_MAPPING,
  generateCouncil,
  writeCouncilYear,
} from '../../shared/exchange/testing/synthetic-council.ts';
import { parseCsv } from '../../shared/returns/csv.ts';
import { docNameFor } from '../../shared/protocol.ts';
import { readRecord } from '../../shared/ydoc/read-record.ts';
import { addEntry } from '../../shared/ydoc/write-record.ts';
import { runCommand } from '../admin-cli.ts';
import { SqliteStore } from '../store/sqlite-store.ts';
import type { Store, User } from '../store/types.ts';
import { exportTeamWork } from './export-service.ts';
import {
  confirmImport,
  ImportHasRefusalsError,
  previewImport,
  type ImportRequest,
} from './import-service.ts';

const EXAMPLES = join(import.meta.dirname, '..', '..', 'docs', 'examples', 'ssda903');
const example = (file: string) => readFileSync(join(EXAMPLES, file), 'utf8');
const EXAMPLE_MAPPING = {
  child: 'Child ID',
  givenName: 'First name',
  familyName: 'Last name',
  preferredName: 'Known as',
  paUsername: 'Worker',
  team: 'Team',
};

interface Fixture {
  dir: string;
  store: Store;
  tm: User;
  north: string;
  south: string;
}

async function fixture(): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), 'waymark-exchange-'));
  const store = new SqliteStore(join(dir, 'waymark.sqlite'));
  const north = (await store.createTeam('North')).id;
  const south = (await store.createTeam('South')).id;
  const mk = (username: string, role: User['role'], teamId: string) =>
    store.createUser({ username, displayName: `${username} name`, role, teamId, passwordHash: null });
  await mk('pa.n1', 'pa', north);
  await mk('pa.n2', 'pa', north);
  await mk('pa.s1', 'pa', south);
  const tm = await mk('tm.n', 'team_manager', north);
  return { dir, store, tm, north, south };
}

async function readDoc(store: Store, youngPersonId: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const state = await store.loadDoc(docNameFor(youngPersonId));
  if (state === null) throw new Error(`no document for ${youngPersonId}`);
  Y.applyUpdate(doc, state);
  return doc;
}

describe('import of the example files (hand-worked)', () => {
  let f: Fixture;
  const files: ImportFiles = {
    header: example('header.csv'),
    episodes: example('episodes.csv'),
    oc3: example('oc3.csv'),
    people: example('people.csv'),
    peopleMapping: { ...EXAMPLE_MAPPING },
  };
  const request = (): ImportRequest => ({
    files,
    yearEnding: 2025,
    today: '2025-05-01',
    scopeTeamId: f.north,
  });
  beforeAll(async () => {
    f = await fixture();
  });
  afterAll(async () => {
    await f.store.close();
    rmSync(f.dir, { recursive: true, force: true });
  });

  it('previews six to create and two out of scope, writing nothing', async () => {
    const plan = await previewImport(f.store, request());
    expect(plan.counts).toEqual({
      created: 6,
      updated: 0,
      unchanged: 0,
      refused: 0,
      rowsRefused: 0,
      outOfScope: 2,
    });
    expect(plan.outOfScope.map((o) => o.child)).toEqual(['A1007', 'A1008']);
    expect(await f.store.listDocNames()).toEqual([]);
  });

  it('creates the records with the categories worked out by hand, assigned to their PAs', async () => {
    const result = await confirmImport(f.store, request(), { userId: f.tm.id }, { skipRefused: false });
    expect(result.counts.created).toBe(6);
    const expected = {
      A1001: { category: 'eligible', dateLeftCare: null, becameEligibleOn: null },
      A1002: { category: 'relevant', dateLeftCare: '2024-10-20', becameEligibleOn: null },
      A1003: { category: 'former-relevant', dateLeftCare: '2023-07-15', becameEligibleOn: null },
      A1004: { category: 'relevant', dateLeftCare: '2024-04-30', becameEligibleOn: '2024-03-31' },
      A1005: { category: 'qualifying', dateLeftCare: '2023-07-30', becameEligibleOn: null },
      A1006: { category: 'qualifying', dateLeftCare: '2023-01-15', becameEligibleOn: null },
    };
    for (const [child, values] of Object.entries(expected)) {
      const record = readRecord(await readDoc(f.store, youngPersonIdForChild(child)));
      expect(record.profile, child).toMatchObject(values);
    }
    const bren = readRecord(await readDoc(f.store, 'sor-A1002')).profile;
    expect(bren).toMatchObject({ givenName: 'Brenlo', preferredName: 'Bren', paAllocatedOn: '2025-05-01' });
    const pa = await f.store.getUserByUsername('pa.n1');
    expect((await f.store.getAssignment('sor-A1002'))?.paUserId).toBe(pa?.id);
  });

  it('audits the import as one bulk action with its counts', async () => {
    const [row] = await f.store.queryAudit({ event: 'import.bulk', limit: 1 });
    expect(row?.userId).toBe(f.tm.id);
    expect(row?.detail).toMatch(
      /year=2025 .*created=6 updated=0 unchanged=0 refused=0 rowsRefused=0 outOfScope=2/,
    );
  });

  it('writes nothing for a young person whose update the record rules refuse, and says why', async () => {
    // A PA recorded a contact in 2009; the council then corrects the date of birth to after it.
    const name = docNameFor('sor-A1001');
    const doc = await readDoc(f.store, 'sor-A1001');
    const before = Y.encodeStateVector(doc);
    const contact = {
      id: 'c-2009',
      at: '2009-01-05T10:00:00Z',
      method: 'phone',
      by: 'u',
      seen: false,
      seenAlone: false,
      outcome: 'no-response',
      notes: '',
    } as const;
    addEntry(doc, 'contacts', contact, { writer: 'u', today: '2025-05-01' });
    await f.store.appendUpdate(name, Y.encodeStateAsUpdate(doc, before));
    const stored = await f.store.loadDoc(name);
    const header = example('header.csv').replace('A1001,2,12/06/2008', 'A1001,2,12/06/2009');
    const result = await confirmImport(
      f.store,
      { ...request(), files: { ...files, header } },
      { userId: f.tm.id },
      { skipRefused: false },
    );
    expect(result.failed).toEqual([
      { child: 'A1001', reason: expect.stringMatching(/contacts\.c-2009/) as unknown as string },
    ]);
    expect(result.counts.updated).toBe(0);
    expect(await f.store.loadDoc(name)).toEqual(stored);
  });

  it('produces the same OC3 back for the year while PAs have changed nothing', async () => {
    const docs = await Promise.all(
      ['A1002', 'A1003', 'A1004'].map((c) => readDoc(f.store, youngPersonIdForChild(c))),
    );
    expect(oc3Csv(produceOc3(docs.map(recordWithSor), 2025))).toBe(example('oc3.csv'));
  });
});

// A shared two-core machine may run these slowly: the generous timeout is not a speed assertion (see bench/).
describe('import of a synthetic council of 600', { timeout: 180_000 }, () => {
  let f: Fixture;
  const pas = [
    { username: 'pa.n1', team: 'North' },
    { username: 'pa.n2', team: 'North' },
    { username: 'pa.s1', team: 'South' },
  ];
  const children = generateCouncil({ seed: 903, count: 600, yearEnding: 2025, pas });
  const year1 = writeCouncilYear(children, { yearEnding: 2025, importOn: '2025-05-01', badRows: true });
  const asFiles = (y: typeof year1): ImportFiles => ({ ...y, peopleMapping: { ...COUNCIL_PEOPLE_MAPPING } });
  const request = (y = year1, yearEnding = 2025, today = '2025-05-01'): ImportRequest => ({
    files: asFiles(y),
    yearEnding,
    today,
    scopeTeamId: null,
  });
  beforeAll(async () => {
    f = await fixture();
  });
  afterAll(async () => {
    await f.store.close();
    rmSync(f.dir, { recursive: true, force: true });
  });

  it('refuses to write anything while rows are refused, unless told to skip them', async () => {
    await expect(confirmImport(f.store, request(), { userId: null }, { skipRefused: false })).rejects.toThrow(
      ImportHasRefusalsError,
    );
    expect(await f.store.changeCursor()).toBe(0);
    expect(await f.store.queryAudit({ event: 'import.bulk' })).toEqual([]);
  });

  it('imports without the refused rows by explicit choice', async () => {
    const plan = await previewImport(f.store, request());
    expect(plan.counts.refused).toBe(9);
    const result = await confirmImport(
      f.store,
      request(),
      { userId: null, ip: 'admin-cli' },
      { skipRefused: true },
    );
    expect(result.failed).toEqual([]);
    expect(result.counts.created).toBe(plan.counts.created);
    expect((await f.store.listDocNames()).length).toBe(plan.counts.created);
    expect((await f.store.listAssignmentsForTeam(f.south)).length).toBeGreaterThan(0);
  });

  it('importing the same files again changes nothing in the store', async () => {
    const cursor = await f.store.changeCursor();
    const result = await confirmImport(f.store, request(), { userId: null }, { skipRefused: true });
    expect(result.counts).toMatchObject({ created: 0, updated: 0 });
    expect(result.counts.unchanged).toBeGreaterThan(450);
    expect(await f.store.changeCursor()).toBe(cursor);
  });

  it('round-trips the OC3 of the year for everyone imported', async () => {
    const imported = new Set((await f.store.listDocNames()).map((n) => n.slice('yp:'.length)));
    const docs = await Promise.all([...imported].map((id) => readDoc(f.store, id)));
    const produced = oc3Csv(produceOc3(docs.map(recordWithSor), 2025));
    const [head, ...rows] = parseCsv(year1.oc3);
    // The deliberate bad OC3 rows were refused, so the import kept nothing of them to give back.
    const refusedRows = new Set(year1.expectedRefusals.filter((r) => r.file === 'OC3').map((r) => r.child));
    const expected = rows
      .filter((row) => imported.has(youngPersonIdForChild(row[0] ?? '')) && !refusedRows.has(row[0] ?? ''))
      .sort((a, b) => ((a[0] ?? '') < (b[0] ?? '') ? -1 : 1));
    expect(parseCsv(produced)).toEqual([head, ...expected]);
    expect(expected.length).toBeGreaterThan(100);
  });

  it('next year: updates from the system of record, keeps what PAs recorded, exports the work', async () => {
    const someone = (await f.store.listAssignmentsForTeam(f.north))[0];
    if (!someone) throw new Error('nobody in North');
    // A PA records a contact (their own work) on one record before the next year's import.
    const doc = await readDoc(f.store, someone.youngPersonId);
    const before = Y.encodeStateVector(doc);
    addEntry(
      doc,
      'contacts',
      {
        id: 'c-1',
        at: '2025-07-01T09:30:00Z',
        method: 'home-visit',
        by: someone.paUserId,
        seen: true,
        seenAlone: true,
        outcome: 'contact-made',
        notes: '=HYPERLINK("x") talked about the flat',
      },
      { writer: someone.paUserId, today: '2025-07-01' },
    );
    await f.store.appendUpdate(docNameFor(someone.youngPersonId), Y.encodeStateAsUpdate(doc, before));

    const year2 = writeCouncilYear(children, { yearEnding: 2026, importOn: '2026-05-01' });
    const result = await confirmImport(
      f.store,
      request(year2, 2026, '2026-05-01'),
      { userId: null },
      { skipRefused: true },
    );
    expect(result.counts.updated).toBeGreaterThan(100);
    const after = readRecord(await readDoc(f.store, someone.youngPersonId));
    expect(after.contacts.map((c) => c.id)).toEqual(['c-1']);

    const exported = await exportTeamWork(
      f.store,
      { teamId: f.north, sinceLastExport: true, today: '2026-05-02' },
      { userId: f.tm.id },
    );
    expect(exported.range).toEqual({ from: '1970-01-01', to: '2026-05-02' });
    expect(exported.counts.contacts).toBe(1);
    const [header, row] = parseCsv(exported.files.contacts);
    expect(header).toEqual([
      'waymark_id',
      'child',
      'given_name',
      'family_name',
      'contact_id',
      'contact_at',
      'method',
      'by',
      'seen',
      'seen_alone',
      'outcome',
      'notes',
      'recorded_on',
    ]);
    expect(row?.[7]).toMatch(/^pa\.n\d name$/);
    expect(row?.[11]).toBe(`'=HYPERLINK("x") talked about the flat`);
    const again = await exportTeamWork(
      f.store,
      { teamId: f.north, sinceLastExport: true, today: '2026-05-03' },
      { userId: f.tm.id },
    );
    expect(again.range.from).toBe('2026-05-02');
    expect(again.counts.contacts).toBe(0);
    const audit = await f.store.queryAudit({ event: 'export.bulk' });
    expect(audit).toHaveLength(2);
    expect(audit[1]?.detail).toMatch(/scope=team from=1970-01-01 to=2026-05-02 contacts=1/);
  });
});

describe('operator CLI', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await fixture();
  });
  afterAll(async () => {
    await f.store.close();
    rmSync(f.dir, { recursive: true, force: true });
  });
  const args = [
    'import',
    '--header',
    join(EXAMPLES, 'header.csv'),
    '--episodes',
    join(EXAMPLES, 'episodes.csv'),
    '--oc3',
    join(EXAMPLES, 'oc3.csv'),
    '--people',
    join(EXAMPLES, 'people.csv'),
    '--year',
    '2025',
    '--mapping',
    'givenName=First name;familyName=Last name;paUsername=Worker',
  ];

  it('previews without --confirm, then imports and audits', async () => {
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
    await runCommand(f.store, args, io);
    expect(lines.join('\n')).toMatch(/preview only: nothing was written/);
    expect(await f.store.listDocNames()).toEqual([]);
    await runCommand(f.store, [...args, '--confirm'], io);
    expect(lines.at(-1)).toMatch(/^imported: created \d+, updated 0/);
    const [row] = await f.store.queryAudit({ event: 'import.bulk' });
    expect(row).toMatchObject({ userId: null, ip: 'admin-cli' });
  });

  it('names a bad option or mapping', async () => {
    const io = { out: () => undefined, err: () => undefined };
    await expect(runCommand(f.store, ['import', '--nope', 'x'], io)).rejects.toThrow(
      /unexpected argument "--nope"/,
    );
    await expect(
      runCommand(f.store, [...args.slice(0, -2), '--mapping', 'shoeSize=Worker'], io),
    ).rejects.toThrow(/--mapping/);
  });
});
