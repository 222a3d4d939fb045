/**
 * Prototype, not product code (issue 17, "server heap per loaded record ≤ 3× its encoded size"): how
 * much of a loaded record's heap is Yjs' in-memory form of the record's layout, and what other layouts
 * of the same writes would cost. Each layout is built from the same synthetic records (encoding version
 * 2, as stored), loaded into N Y.Docs (gc off, like the server) in this process, and measured as heap
 * after a forced GC, divided by N; also its encoded size. Layouts:
 *
 *  - as stored: the record's layout today (a Y.Map per entry inside each collection map);
 *  - as the server holds it: the same, slimmed like the server slims a loaded record
 *    (server/sync/loaded-doc-memory.ts: exact-size value arrays, shared short strings);
 *  - entries flattened: no Y.Map per entry; each write of an entry goes into its collection map under
 *    a composite key `entryId␞writeKey` (the write keys and values unchanged);
 *  - flattened, values as JSON text: the same, each write's value object stored as its JSON string
 *    (one string instead of an object tree per write; readers would parse it);
 *  - one map: every write of the record in one root map under `root␞entryId␞writeKey`.
 *
 * Only the standing writes are carried over (the synthetic records have no superseded ones), so the
 * layouts hold the same content. Run: `node --expose-gc bench/server-heap-layouts.ts` (WAYMARK_BENCH_RECORDS,
 * default 200). Figures and the conclusion: bench/profiles/server-heap.md.
 */
import * as Y from 'yjs';
import { slimLoadedDoc } from '../server/sync/loaded-doc-memory.ts';
import { encodedCaseload } from '../test/unit/reliability/support/records.ts';

const RECORDS = Number(process.env['WAYMARK_BENCH_RECORDS'] ?? 200);
const KiB = 1024;
/** Separates an entry id from the write key in a flattened key (U+001E, never in an id or field name). */
const ENTRY_SEPARATOR = '\u001e';

const collect = (globalThis as { gc?: () => void }).gc;
if (!collect) throw new Error('run with node --expose-gc');
const gc: () => void = collect;

function heapUsed(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/** Every root map of a document with its standing entries (Yjs keeps no list of roots but `share`). */
function rootMaps(doc: Y.Doc): [string, Y.Map<unknown>][] {
  return [...doc.share.keys()].map((name) => [name, doc.getMap<unknown>(name)]);
}

type Layout = (stored: Uint8Array) => Uint8Array;

const asStored: Layout = (stored) => stored;

/** Builds a new document with `write(into, source)` in one transaction and encodes it. */
function rebuilt(stored: Uint8Array, write: (into: Y.Doc, source: Y.Doc) => void): Uint8Array {
  const source = new Y.Doc({ gc: false });
  Y.applyUpdate(source, stored);
  const into = new Y.Doc({ gc: false });
  into.transact(() => write(into, source));
  const update = Y.encodeStateAsUpdate(into);
  source.destroy();
  into.destroy();
  return update;
}

function flattened(valueOf: (value: unknown) => unknown): Layout {
  return (stored) =>
    rebuilt(stored, (into, source) => {
      for (const [name, map] of rootMaps(source)) {
        const target = into.getMap<unknown>(name);
        for (const [key, value] of map.entries()) {
          if (!(value instanceof Y.Map)) {
            target.set(key, valueOf(value));
            continue;
          }
          for (const [writeKey, write] of (value as Y.Map<unknown>).entries())
            target.set(`${key}${ENTRY_SEPARATOR}${writeKey}`, valueOf(write));
        }
      }
    });
}

const oneMap: Layout = (stored) =>
  rebuilt(stored, (into, source) => {
    const target = into.getMap<unknown>('record');
    for (const [name, map] of rootMaps(source))
      for (const [key, value] of map.entries()) {
        if (!(value instanceof Y.Map)) {
          target.set(`${name}${ENTRY_SEPARATOR}${key}`, value);
          continue;
        }
        for (const [writeKey, write] of (value as Y.Map<unknown>).entries())
          target.set(`${name}${ENTRY_SEPARATOR}${key}${ENTRY_SEPARATOR}${writeKey}`, write);
      }
  });

const asJsonText = (value: unknown): unknown =>
  value !== null && typeof value === 'object' ? JSON.stringify(value) : value;

interface Measured {
  readonly layout: string;
  readonly encoded: number;
  readonly heap: number;
  readonly items: number;
  readonly maps: number;
}

function measure(layout: string, stored: readonly Uint8Array[], encode: Layout, slim: boolean): Measured {
  const updates = stored.map(encode);
  const before = heapUsed();
  const docs = updates.map((update) => {
    const doc = new Y.Doc({ gc: false });
    Y.applyUpdate(doc, update);
    if (slim) slimLoadedDoc(doc);
    return doc;
  });
  const heap = (heapUsed() - before) / docs.length;
  let items = 0;
  let maps = 0;
  for (const doc of docs)
    for (const structs of doc.store.clients.values())
      for (const struct of structs) {
        if (!(struct instanceof Y.Item)) continue;
        items += 1;
        if (struct.content instanceof Y.ContentType) maps += 1;
      }
  const encoded = updates.reduce((sum, update) => sum + update.byteLength, 0) / updates.length;
  for (const doc of docs) doc.destroy();
  return { layout, encoded, heap, items: items / docs.length, maps: maps / docs.length };
}

console.log(`server heap layouts: ${RECORDS} synthetic records…`);
const stored = encodedCaseload(2028, RECORDS, '2026-03-01').map((r) => r.update);
const storedSize = stored.reduce((sum, update) => sum + update.byteLength, 0) / stored.length;
// Warm-up: compile the code paths once, so the first layout does not pay for it.
measure('warm-up', stored.slice(0, 5), flattened(asJsonText), true);

const results = [
  measure('as stored (a Y.Map per entry)', stored, asStored, false),
  measure('as the server holds it (slimmed)', stored, asStored, true),
  measure(
    'entries flattened into their collection map',
    stored,
    flattened((v) => v),
    true,
  ),
  measure('flattened, values as JSON text', stored, flattened(asJsonText), true),
  measure('one map for the whole record', stored, oneMap, true),
];
const rows = results.map(
  (r) =>
    `| ${r.layout} | ${(r.encoded / KiB).toFixed(1)} | ${r.items.toFixed(0)} | ${r.maps.toFixed(0)} | ${(r.heap / KiB).toFixed(1)} | ${(r.heap / storedSize).toFixed(2)}× | ${(r.heap / r.encoded).toFixed(2)}× |`,
);
console.log(
  [
    '',
    `| layout (${RECORDS} records, mean) | encoded KiB | Yjs items | nested maps | heap KiB | heap ÷ stored encoding | heap ÷ own encoding |`,
    '| --- | --: | --: | --: | --: | --: | --: |',
    ...rows,
  ].join('\n'),
);
