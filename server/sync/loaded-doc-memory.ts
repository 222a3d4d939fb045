/**
 * Makes a record loaded on the server smaller in memory without changing it. Measured (bench/server-
 * memory.bench.ts, heap snapshot): most of a loaded record's heap is Yjs' own representation — an Item
 * and an ID per write, a ContentAny holding each write's value — and two wastes on top of it:
 *  - every ContentAny's array is built by `push` while decoding, so V8 gives it room for 16 or more
 *    elements where it holds one (about 130 bytes wasted per write);
 *  - each write's value object carries its own copy of strings repeated across the record (the writer's
 *    id, dates, codes).
 *  - every nested Y.Map (one per entry: 90 in a typical record) carries two listener registries, an
 *    EventHandler and its array each (about 130 bytes a map), for observers the server never registers
 *    (it listens to whole documents' updates, never to a map).
 * `slimLoadedDoc` replaces each ContentAny's array with an exact-size copy whose short strings are shared
 * within the document, and gives every nested type of the record one shared, frozen, empty listener
 * registry: observing such a map on the server throws a TypeError (loudly) instead of costing every map
 * its own. The values are equal (Yjs treats them as opaque JSON), so the document encodes to the same
 * bytes and reads the same, and types created by later updates get their own registries as usual
 * (test: loaded-doc-memory.test.ts). Measured: bench/profiles/server-heap.md.
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

/**
 * The listener registry of every nested type of every slimmed record: frozen, so `observe` (a push into
 * `l`) and `unobserve` (an assignment of `l`) throw rather than reach other maps' listeners.
 */
const NO_LISTENERS = Object.freeze({ l: Object.freeze<never[]>([]) });

/** Gives a nested type (one inside another) the shared registries while it has no listener of its own. */
function shareListenerRegistries(type: Y.AbstractType<unknown>): void {
  if (type._eH.l.length === 0) type._eH = NO_LISTENERS as unknown as typeof type._eH;
  if (type._dEH.l.length === 0) type._dEH = NO_LISTENERS as unknown as typeof type._dEH;
}

/** Slims every ContentAny and nested type of the document in place; returns how many it rewrote. */
export function slimLoadedDoc(doc: Y.Doc): number {
  const strings = new Map<string, string>();
  let slimmed = 0;
  for (const structs of doc.store.clients.values()) {
    for (const struct of structs) {
      if (struct instanceof Y.Item && struct.content instanceof Y.ContentType) {
        shareListenerRegistries(struct.content.type);
        slimmed += 1;
        continue;
      }
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
