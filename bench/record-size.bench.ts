/**
 * Record size (issue 17 target: an encoded record ≤ 1.2× its JSON). Over the seeded synthetic caseload
 * the other benches use (seed 2026, 3–5 year histories), each record is written into a Y.Doc the way
 * the benches and the server's seeding write it (createRecordDoc, gc off) and compared:
 *  - encoded: `Y.encodeStateAsUpdate(doc)`, the bytes stored, synced and loaded;
 *  - JSON: `JSON.stringify(readRecord(doc))`, the record read model (profile, plan, every collection,
 *    entitlements, contested, readIssues, schemaVersion) without whitespace.
 * Twice: written by the benches' short writer id ('seed'), and by a 36-character user id (what a
 * signed-in user's writes carry). A breakdown says what the encoded bytes are, approximately: map keys,
 * writer ids, dates, values, superseded-write lists, and the rest (Yjs item headers, ids, the record's
 * root and entry maps).
 * And the same records as older laptops wrote them (encoding version 1, shared/testing/version1-writes.ts)
 * against those documents migrated in place to version 2 the way the sync server does it
 * (migrate-in-place.ts, then its compaction's collection of the replaced content): a migrated record
 * must read as the version 1 one did.
 * Run: `node bench/record-size.bench.ts` (WAYMARK_BENCH_COUNT, default 2000).
 */
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import * as Y from 'yjs';
import type { IsoDate } from '../shared/domain/dates.ts';
import type { YoungPersonRecord } from '../shared/domain/model.ts';
import { generateCaseload } from '../shared/synthetic/generator.ts';
import { version1RecordDoc } from '../shared/testing/version1-writes.ts';
import { collectMigratedContent, migrateRecordInPlace } from '../shared/ydoc/migrate-in-place.ts';
import { readRecord } from '../shared/ydoc/read-record.ts';
import { createRecordDoc } from '../shared/ydoc/write-record.ts';
import { median, printFigures, quantile, root, type Figure } from './support.ts';

const COUNT = Number(process.env['WAYMARK_BENCH_COUNT'] ?? 2000);
const TODAY: IsoDate = '2026-03-01';
const LONG_WRITER = '5f0c3a9e-2b7d-4c1e-9a6f-0d8b7e4c2a11';
const TARGET = 1.2;

/** Bytes of a string as lib0 writes it (varuint length + UTF-8). */
function stringBytes(text: string): number {
  const utf8 = Buffer.byteLength(text);
  return utf8 + (utf8 < 128 ? 1 : utf8 < 16384 ? 2 : 3);
}

/** Approximate bytes of a value as Yjs' ContentAny writes it (lib0 writeAny). */
function anyBytes(value: unknown): number {
  if (typeof value === 'string') return 1 + stringBytes(value);
  if (typeof value === 'number') return Number.isInteger(value) && Math.abs(value) < 2 ** 31 ? 1 + 5 : 9;
  if (value === null || value === undefined || typeof value === 'boolean') return 1;
  if (Array.isArray(value)) return 2 + value.reduce((sum: number, v) => sum + anyBytes(v), 0);
  if (typeof value === 'object')
    return (
      2 +
      Object.entries(value as Record<string, unknown>).reduce(
        (sum, [key, v]) => sum + stringBytes(key) + anyBytes(v),
        0,
      )
    );
  return 1;
}

const WRITER_KEYS = new Set(['by', 'b']);
const DATE_KEYS = new Set(['on', 'at', 'a', 'd']);
const SUPERSEDED_KEYS = new Set(['was', 'p']);

interface Breakdown {
  keys: number;
  writers: number;
  dates: number;
  values: number;
  superseded: number;
}

/** What the encoded bytes of one doc are, approximately (see the module comment). */
function breakdownOf(update: Uint8Array, into: Breakdown): void {
  const { structs } = Y.decodeUpdate(update);
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    if (typeof struct.parentSub === 'string') into.keys += stringBytes(struct.parentSub);
    if (!(struct.content instanceof Y.ContentAny)) continue;
    for (const value of struct.content.arr) {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        // A plain value: the writers map's writer ids, or meta.
        if (typeof value === 'string' && typeof struct.parent === 'string' && struct.parent === 'writers')
          into.writers += anyBytes(value);
        else into.values += anyBytes(value);
        continue;
      }
      for (const [key, part] of Object.entries(value as Record<string, unknown>)) {
        const bytes = stringBytes(key) + anyBytes(part);
        if (WRITER_KEYS.has(key)) into.writers += bytes;
        else if (DATE_KEYS.has(key)) into.dates += bytes;
        else if (SUPERSEDED_KEYS.has(key)) into.superseded += bytes;
        else into.values += bytes;
      }
    }
  }
}

interface Measured {
  readonly ratios: number[];
  readonly encoded: number;
  readonly json: number;
  readonly breakdown: Breakdown;
}

function measure(records: readonly YoungPersonRecord[], writer: string): Measured {
  const ratios: number[] = [];
  let encoded = 0;
  let json = 0;
  const breakdown: Breakdown = { keys: 0, writers: 0, dates: 0, values: 0, superseded: 0 };
  for (const record of records) {
    const doc = createRecordDoc(record, { writer, today: TODAY }, new Y.Doc({ gc: false }));
    const update = Y.encodeStateAsUpdate(doc);
    const text = JSON.stringify(readRecord(doc));
    doc.destroy();
    const jsonBytes = Buffer.byteLength(text);
    ratios.push(update.byteLength / jsonBytes);
    encoded += update.byteLength;
    json += jsonBytes;
    breakdownOf(update, breakdown);
  }
  return { ratios, encoded, json, breakdown };
}

function ratioFigures(label: string, m: Measured): Figure[] {
  const n = m.ratios.length;
  const mean = m.ratios.reduce((sum, r) => sum + r, 0) / n;
  return [
    { name: `${label}: encoded record, mean`, value: m.encoded / n / 1024, unit: 'KiB' },
    { name: `${label}: its JSON (read model, no whitespace), mean`, value: m.json / n / 1024, unit: 'KiB' },
    { name: `${label}: encoded / JSON, mean of ${n}`, value: mean, unit: '×', target: TARGET },
    { name: `${label}: encoded / JSON, median`, value: median(m.ratios), unit: '×', target: TARGET },
    { name: `${label}: encoded / JSON, p95`, value: quantile(m.ratios, 0.95), unit: '×', target: TARGET },
    { name: `${label}: encoded / JSON, max`, value: Math.max(...m.ratios), unit: '×', target: TARGET },
  ];
}

function breakdownFigures(label: string, m: Measured): Figure[] {
  const n = m.ratios.length;
  const { keys, writers, dates, values, superseded } = m.breakdown;
  const rest = m.encoded - keys - writers - dates - values - superseded;
  const share = (bytes: number) => (100 * bytes) / m.encoded;
  return [
    ['map keys (field names, write keys, entry ids)', keys],
    ['writer ids', writers],
    ['dates of writes', dates],
    ['values (with their field names inside entry creations)', values],
    ['superseded-write lists', superseded],
    ['Yjs structure (item headers, ids, root and entry maps)', rest],
  ].map(([name, bytes]) => ({
    name: `${label}, bytes: ${name as string} (${share(bytes as number).toFixed(0)} %)`,
    value: (bytes as number) / n,
    unit: 'B per record',
  }));
}

/** The records written in version 1, then migrated in place (and collected): mean bytes of each. */
function measureInPlace(
  records: readonly YoungPersonRecord[],
  writer: string,
): { v1: number; migrated: number } {
  let v1 = 0;
  let migrated = 0;
  for (const record of records) {
    const created = createRecordDoc(record, { writer, today: TODAY }, new Y.Doc({ gc: false }));
    const doc = version1RecordDoc(created);
    const before = JSON.stringify(readRecord(doc));
    v1 += Y.encodeStateAsUpdate(doc).byteLength;
    migrateRecordInPlace(doc, { settledBefore: '9999-12-31' });
    collectMigratedContent(doc);
    const after = Y.encodeStateAsUpdate(doc);
    const loaded = new Y.Doc({ gc: false });
    Y.applyUpdate(loaded, after);
    if (JSON.stringify(readRecord(loaded)) !== before)
      throw new Error('A record migrated in place does not read as it did');
    migrated += after.byteLength;
    for (const each of [created, doc, loaded]) each.destroy();
  }
  return { v1: v1 / records.length, migrated: migrated / records.length };
}

function inPlaceFigures(label: string, m: { v1: number; migrated: number }): Figure[] {
  return [
    { name: `${label}: written in version 1, encoded record, mean`, value: m.v1 / 1024, unit: 'KiB' },
    { name: `${label}: migrated in place and compacted, mean`, value: m.migrated / 1024, unit: 'KiB' },
    { name: `${label}: migrated in place / version 1`, value: m.migrated / m.v1, unit: '×' },
  ];
}

console.log(`record size bench: generating ${COUNT} records…`);
const records = generateCaseload({ seed: 2026, count: COUNT, today: TODAY });
const short = measure(records, 'seed');
const long = measure(records, LONG_WRITER);
const text = printFigures(`Record size: ${COUNT} synthetic records (seed 2026), Yjs state vs JSON`, [
  ...ratioFigures("writer 'seed'", short),
  ...ratioFigures('writer id of 36 characters', long),
  ...breakdownFigures("writer 'seed'", short),
  ...breakdownFigures('writer id of 36 characters', long),
  ...inPlaceFigures("writer 'seed'", measureInPlace(records, 'seed')),
  ...inPlaceFigures('writer id of 36 characters', measureInPlace(records, LONG_WRITER)),
]);
appendFileSync(process.env['WAYMARK_BENCH_RESULTS'] ?? path.join(root, 'bench', 'results.md'), `${text}\n`);
