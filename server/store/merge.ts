import * as Y from 'yjs';

/**
 * Folds Yjs updates into one compact update by applying them to a scratch Y.Doc (garbage collection
 * on). An update that fails to apply is skipped and counted, so one corrupt row cannot make a whole
 * record unloadable; the server validates updates before appending them, so this is a last resort.
 */
export function mergeDocUpdates(updates: readonly Uint8Array[]): { merged: Uint8Array; skipped: number } {
  const doc = new Y.Doc();
  let skipped = 0;
  try {
    for (const update of updates) {
      try {
        Y.applyUpdate(doc, update);
      } catch {
        skipped += 1;
      }
    }
    return { merged: Y.encodeStateAsUpdate(doc), skipped };
  } finally {
    doc.destroy();
  }
}

/** True if `update` parses as a Yjs (v1) update. Throws nothing. */
export function isDecodableUpdate(update: Uint8Array): boolean {
  try {
    Y.decodeUpdate(update);
    return true;
  } catch {
    return false;
  }
}
