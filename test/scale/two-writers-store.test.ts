/**
 * Two instances hold the same record: two PostgresStore pools on one schema append to one record and
 * compact it at the same time (postgres-store.ts: a per-record advisory lock around compaction, folded
 * rows deleted by seq; change versions from one sequence under a SHARE lock for the cursor). Nothing is
 * lost or folded twice, the history keeps every update once, and the change cursor never goes back.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresStore } from '../../server/store/postgres-store.ts';
import { textOf, textUpdate } from '../../server/testing/fixtures.ts';
import { dropSchema, requireServices } from './support/cluster-world.ts';

const schema = `waymark_scale_writers_${randomBytes(5).toString('hex')}`;
let databaseUrl = '';
let storeA: PostgresStore;
let storeB: PostgresStore;

beforeAll(async () => {
  databaseUrl = requireServices().databaseUrl;
  storeA = await PostgresStore.open({ connectionString: databaseUrl, schema });
  storeB = await PostgresStore.open({ connectionString: databaseUrl, schema });
});

afterAll(async () => {
  await storeA?.close();
  await storeB?.close();
  await dropSchema(databaseUrl, schema);
});

describe('one record written and compacted by two instances at once', () => {
  it('keeps every update, folds each once, and the change cursor only moves forward', async () => {
    const name = 'yp:two-writers';
    const other = 'yp:untouched';
    await storeA.appendUpdate(other, textUpdate('other;'));
    const startCursor = await storeA.changeCursor();
    const perWriter = 60;
    let appending = true;
    const cursors: number[] = [];
    const writer = async (store: PostgresStore, label: string): Promise<void> => {
      for (let i = 0; i < perWriter; i += 1) await store.appendUpdate(name, textUpdate(`${label}${i};`));
    };
    const compactor = async (store: PostgresStore): Promise<number> => {
      let folded = 0;
      while (appending) folded += await store.compact(name);
      return folded;
    };
    const sampler = async (): Promise<void> => {
      while (appending) cursors.push((await storeB.changedSince(startCursor, [name])).cursor);
    };
    const compactions = [compactor(storeA), compactor(storeB)];
    const sampling = sampler();
    await Promise.all([writer(storeA, 'a'), writer(storeB, 'b')]);
    appending = false;
    const folded = (await Promise.all(compactions)).reduce((a, b) => a + b, 0);
    await sampling;
    const last = (await storeA.compact(name)) + (await storeB.compact(name));

    expect(folded + last).toBe(2 * perWriter);
    expect(await storeA.pendingUpdateCount(name)).toBe(0);
    const stored = textOf(await storeB.loadDoc(name));
    for (const label of ['a', 'b'])
      for (let i = 0; i < perWriter; i += 1) expect(stored).toContain(`${label}${i};`);
    const history = await storeA.listDocHistory(name);
    expect(history).toHaveLength(2 * perWriter);
    expect(new Set(history.map((row) => row.seq)).size).toBe(2 * perWriter);

    expect(cursors.length).toBeGreaterThan(0);
    for (let i = 1; i < cursors.length; i += 1)
      expect(cursors[i]).toBeGreaterThanOrEqual(cursors[i - 1] ?? 0);
    const feed = await storeA.changedSince(startCursor, [name, other]);
    expect(feed.changed).toEqual([name]);
    expect((await storeB.changedSince(feed.cursor, [name, other])).changed).toEqual([]);
  }, 120_000);
});
