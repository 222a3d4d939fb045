/**
 * The team manager's import and export over the real HTTP API, and PAs' laptops (real Hocuspocus
 * providers over real websockets) receiving their new caseloads, including a record open at the time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { formatIsoDate } from '../../shared/domain/dates.ts';
import {
  EXCHANGE_API_PATHS,
  exportResponseSchema,
  importConfirmResponseSchema,
  importPreviewResponseSchema,
  type ImportRequestBody,
} from '../../shared/exchange/exchange-api.ts';
import {
  COUNCIL_PEOPLE_MAPPING,
  generateCouncil,
  writeCouncilYear,
} from '../../shared/exchange/testing/synthetic-council.ts';
import { API_PATHS, apiErrorSchema, myDocumentsResponseSchema } from '../../shared/protocol.ts';
import { collectionYearOf } from '../../shared/returns/collection-year.ts';
import { readRecord } from '../../shared/ydoc/read-record.ts';
import {
  getJson,
  login,
  makeWorld,
  openDoc,
  openSocket,
  postJson,
  waitFor,
  type World,
} from '../testing/fixtures.ts';

const now = new Date();
const today = formatIsoDate(now.getUTCFullYear(), now.getUTCMonth() + 1, now.getUTCDate());
/** The last collection year that has ended. */
const yearEnding = collectionYearOf(today).yearEnding - 1;
const pas = [
  { username: 'pa.n1', team: 'North' },
  { username: 'pa.n2', team: 'North' },
];
const children = generateCouncil({ seed: 42, count: 120, yearEnding, pas });
const files = writeCouncilYear(children, { yearEnding, importOn: today, badRows: true });
const body = (
  skipRefused?: boolean,
  people = files.people,
): ImportRequestBody & { skipRefused?: boolean } => ({
  files: { header: files.header, episodes: files.episodes, oc3: files.oc3, people },
  peopleMapping: { ...COUNCIL_PEOPLE_MAPPING },
  yearEnding,
  ...(skipRefused === undefined ? {} : { skipRefused }),
});

describe('data exchange API', { timeout: 120_000 }, () => {
  let world: World;
  let tmToken: string;
  beforeAll(async () => {
    world = await makeWorld({ accessRecheckMs: 60_000 });
    tmToken = (await login(world.server, 'tm.n')).token;
  });
  afterAll(async () => {
    await world.close();
  });
  const url = (path: string) => world.server.url + path;

  it('is for team managers only', async () => {
    const pa = await login(world.server, 'pa.n1');
    for (const path of Object.values(EXCHANGE_API_PATHS)) {
      expect((await postJson(url(path), body(true), pa.token)).status).toBe(403);
      expect((await postJson(url(path), body(true))).status).toBe(401);
    }
  });

  it('previews counts, refusals and actions without writing', async () => {
    const names = await world.store.listDocNames();
    const res = await postJson(url(EXCHANGE_API_PATHS.importPreview), body(), tmToken);
    expect(res.status).toBe(200);
    const preview = importPreviewResponseSchema.parse(res.body);
    expect(preview.counts.refused).toBe(9);
    expect(preview.counts.created).toBeGreaterThan(50);
    expect(preview.refusals.map((r) => r.kind)).toContain('episode-overlap');
    expect(preview.people.filter((p) => p.action === 'create')).toHaveLength(preview.counts.created);
    expect(await world.store.listDocNames()).toEqual(names);
  });

  it('refuses to import refused rows unless asked explicitly, and says which field is missing', async () => {
    const missing = await postJson(url(EXCHANGE_API_PATHS.importConfirm), body(), tmToken);
    expect(missing.status).toBe(400);
    expect(apiErrorSchema.parse(missing.body).message).toMatch(/^skipRefused: /);
    const refused = await postJson(url(EXCHANGE_API_PATHS.importConfirm), body(false), tmToken);
    expect(refused.status).toBe(409);
    expect(apiErrorSchema.parse(refused.body).message).toMatch(/rows were refused/);
    expect((await world.store.listDocNames()).filter((n) => n.startsWith('yp:sor-'))).toEqual([]);
  });

  it('names a file problem: a people mapping naming a column the file lacks', async () => {
    const res = await postJson(
      url(EXCHANGE_API_PATHS.importPreview),
      { ...body(), peopleMapping: { ...COUNCIL_PEOPLE_MAPPING, team: 'Area' } },
      tmToken,
    );
    expect(res.status).toBe(400);
    expect(apiErrorSchema.parse(res.body).message).toMatch(/Team: the people file has no column "Area"/);
  });

  it('imports; the PAs’ laptops get their new caseloads; a record open at the time is updated live', async () => {
    const res = await postJson(url(EXCHANGE_API_PATHS.importConfirm), body(true), tmToken);
    expect(res.status).toBe(200);
    const result = importConfirmResponseSchema.parse(res.body);
    expect(result.counts.created).toBeGreaterThan(50);
    const [audit] = await world.store.queryAudit({ event: 'import.bulk', limit: 1 });
    expect(audit?.userId).toBe(world.users.tmN.id);
    expect(audit?.detail).toContain(`created=${result.counts.created}`);

    const pa = await login(world.server, 'pa.n1');
    const mine = myDocumentsResponseSchema.parse((await getJson(url(API_PATHS.myDocuments), pa.token)).body);
    const imported = mine.documents.filter((name) => name.startsWith('yp:sor-'));
    expect(imported.length).toBeGreaterThan(10);
    const first = imported[0] as string;
    const socket = openSocket(world.server);
    try {
      const opened = await openDoc(socket, first, pa.token);
      expect(opened.status).toBe('synced');
      const doc: Y.Doc = opened.opened.doc;
      const child = first.slice('yp:sor-'.length);
      const source = children.find((c) => c.child === child);
      expect(readRecord(doc).profile.familyName).toBe(source?.familyName);

      // The council renames the young person; the next import reaches the open record at once.
      const renamed = files.people.replace(`${child},${source?.givenName ?? ''},`, `${child},Renamedo,`);
      expect(renamed).not.toBe(files.people);
      const again = await postJson(url(EXCHANGE_API_PATHS.importConfirm), body(true, renamed), tmToken);
      expect(importConfirmResponseSchema.parse(again.body).counts.updated).toBe(1);
      await waitFor(
        () => readRecord(doc).profile.givenName === 'Renamedo',
        'the renamed record on the laptop',
      );
      opened.opened.provider.destroy();
    } finally {
      socket.destroy();
    }
  });

  it('a team manager of another team gets every row refused as another team’s', async () => {
    const tmS = await login(world.server, 'tm.s');
    const res = await postJson(url(EXCHANGE_API_PATHS.importPreview), body(), tmS.token);
    const preview = importPreviewResponseSchema.parse(res.body);
    expect(preview.counts.created + preview.counts.updated + preview.counts.unchanged).toBe(0);
    expect(preview.refusals.some((r) => r.kind === 'other-team')).toBe(true);
  });

  it('exports the team’s work as CSV, remembering the last export', async () => {
    const first = await postJson(url(EXCHANGE_API_PATHS.export), { sinceLastExport: true }, tmToken);
    expect(first.status).toBe(200);
    const exported = exportResponseSchema.parse(first.body);
    expect(exported.range).toEqual({ from: '1970-01-01', to: today });
    // ypN1 holds a test document, not a record: left out and counted.
    expect(exported.counts.unreadable).toBe(1);
    expect(exported.files.oversight.split('\r\n')[0]).toBe(
      'waymark_id,child,given_name,family_name,note_id,note_date,by,note,action_required,due_by,recorded_on',
    );
    const second = exportResponseSchema.parse(
      (await postJson(url(EXCHANGE_API_PATHS.export), { sinceLastExport: true }, tmToken)).body,
    );
    expect(second.range.from).toBe(today);
    const other = await postJson(url(EXCHANGE_API_PATHS.export), { youngPersonId: 'ypS1' }, tmToken);
    expect(other.status).toBe(400);
    expect(apiErrorSchema.parse(other.body).message).toMatch(/not on your team/);
    const bad = await postJson(url(EXCHANGE_API_PATHS.export), { from: '2026-02-30' }, tmToken);
    expect(bad.status).toBe(400);
  });
});
