/**
 * The record summary a store keeps beside a document's compacted state, for the bulk first sync
 * (shared/bulk-states.ts): the young person's record as the shared reader reads it
 * (shared/ydoc/read-record.ts), as JSON. From it the server computes a record's caseload row for any
 * day and settings (shared/ydoc/projection.ts projectRecord) without decoding the Yjs state, which is
 * what makes a first sync of thousands of records fast: the decoding is paid once, when the state is
 * compacted, not on every laptop's first sync.
 *
 * A summary describes exactly the compacted state it was written with; a store hands it out only while
 * no update has been appended since (and only of the current format), so a row made from it is the row
 * the laptop would compute from the state sent beside it.
 */
import type * as Y from 'yjs';
import type { YoungPersonRecord } from '../../shared/domain/model.ts';
import { readRecord } from '../../shared/ydoc/read-record.ts';

/**
 * The summary format: bump it whenever what the reader produces changes (a new field, a new rule), so
 * summaries written by older code are no longer used (the state is then sent without a row, and the
 * laptop reads it itself) until the record is compacted again.
 */
export const RECORD_SUMMARY_FORMAT = 1;

/** The summary of a document, or null when it holds no readable young person record. */
export function summariseRecordDoc(doc: Y.Doc): string | null {
  try {
    return JSON.stringify(readRecord(doc));
  } catch {
    return null;
  }
}

/** Reads a summary back. */
export function recordOfSummary(summary: string): YoungPersonRecord {
  return JSON.parse(summary) as YoungPersonRecord;
}

/** A stored document with its summary (null when none describes the whole stored state). */
export interface StoredDocWithSummary {
  readonly state: Uint8Array;
  readonly summary: string | null;
}
