/**
 * Makes a record loaded on the server smaller in memory without changing it. Measured (bench/server-
 * memory.bench.ts, heap snapshot): most of a loaded record's heap is Yjs' own representation — an Item
 * and an ID per write, a ContentAny holding each write's value — and two wastes on top of it:
 *  - every ContentAny's array is built by `push` while decoding, so V8 gives it room for 16 or more
 *    elements where it holds one (about 130 bytes wasted per write);
 *  - each write's value object carries its own copy of strings repeated across the record (the writer's
 *    id, dates, codes).
 * `slimLoadedDoc` replaces each ContentAny's array with an exact-size copy whose short strings are shared
 * within the document. The values are equal (Yjs treats them as opaque JSON), so the document encodes
 * to the same bytes and reads the same (test: loaded-doc-memory.test.ts).
 */
import * as Y from 'yjs';

/** Strings up to this length are shared; longer ones (notes) are rarely repeated. */
const SHARED_STRING_MAX = 64;

function sharedString(strings: Map<string, string>, text: string): string {
  if (text.length > SHARED_STRING_MAX) return text;
  const known = strings.get(text);
  if (known !== undefined) return known;
  strings.set(text, text);
  return text;
}

function slimValue(strings: Map<string, string>, value: unknown): unknown {
  if (typeof value === 'string') return sharedString(strings, value);
  if (value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof Uint8Array)
    return value;
  const copy: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) copy[key] = slimValue(strings, field);
  return copy;
}

/** Slims every ContentAny of the document in place; returns how many it rewrote. */
export function slimLoadedDoc(doc: Y.Doc): number {
  const strings = new Map<string, string>();
  let slimmed = 0;
  for (const structs of doc.store.clients.values()) {
    for (const struct of structs) {
      if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentAny)) continue;
      const values = struct.content.arr;
      const copy: unknown[] = new Array<unknown>(values.length);
      for (let i = 0; i < values.length; i++) copy[i] = slimValue(strings, values[i]);
      struct.content.arr = copy as typeof values;
      slimmed += 1;
    }
  }
  return slimmed;
}
