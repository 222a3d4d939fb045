import * as Y from 'yjs';
import { collectMigratedContent } from '../../shared/ydoc/migrate-in-place.ts';
import { summariseRecordDoc, type RecordSummary } from './record-summary.ts';

/**
 * Folds Yjs updates into one update by applying them to a scratch Y.Doc with garbage collection OFF, so
 * deleted content stays in the merged state (the whole history is kept on the server). An update that fails to apply is skipped and counted, so one corrupt row cannot make a whole
 * record unloadable; the server validates updates before appending them, so this is a last resort.
 */
export function mergeDocUpdates(updates: readonly Uint8Array[]): { merged: Uint8Array; skipped: number } {
  const { merged, skipped } = mergeAndSummarise(updates, false);
  return { merged, skipped };
}

/**
 * mergeDocUpdates, and (when `summarise`) the record summary of the merged state (record-summary.ts),
 * read from the same scratch doc: compaction keeps both together.
 */
export function mergeAndSummarise(
  updates: readonly Uint8Array[],
  summarise = true,
): { merged: Uint8Array; skipped: number; summary: RecordSummary | null } {
  const doc = new Y.Doc({ gc: false });
  let skipped = 0;
  try {
    for (const update of updates) {
      try {
        Y.applyUpdate(doc, update);
      } catch {
        skipped += 1;
      }
    }
    // The one exception to keeping deleted content: a version 1 write's content that its in-place
    // migrated copy holds as well (shared/ydoc/migrate-in-place.ts) is dropped, so migrated records shrink.
    collectMigratedContent(doc);
    return {
      merged: Y.encodeStateAsUpdate(doc),
      skipped,
      // The server's day (UTC): the row kept is the one a laptop asking today on the defaults gets.
      summary: summarise ? summariseRecordDoc(doc, new Date().toISOString().slice(0, 10)) : null,
    };
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

/**
 * What loadDoc returns for the stored parts of a document: a compacted state with no updates since is
 * already one merged update (written by mergeDocUpdates), so it is served as it is instead of being
 * decoded and encoded again; anything else is merged.
 */
export function loadedState(parts: readonly Uint8Array[]): Uint8Array {
  const [only, ...rest] = parts;
  if (only && rest.length === 0) return only;
  return mergeDocUpdates(parts).merged;
}
