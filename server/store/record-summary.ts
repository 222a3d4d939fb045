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
import { DEFAULT_SETTINGS, type TeamSettings } from '../../shared/domain/settings.ts';
import { projectRecord } from '../../shared/ydoc/projection.ts';
import { readRecord } from '../../shared/ydoc/read-record.ts';
import { int, str, type Row } from './rows.ts';

/**
 * The summary format: bump it whenever what the reader or the projection produces changes (a new
 * field, a new rule), so summaries written by older code are no longer used (the state is then sent
 * without a row, and the laptop reads it itself) until the record is compacted again.
 */
export const RECORD_SUMMARY_FORMAT = 2; // 2: records read by the encoding version 2 reader

/**
 * What a store keeps beside a compacted state: the record (JSON), and its caseload row (JSON) as of
 * the day it was compacted under the default team settings, with the key saying so (rowKeyOf). Most
 * first syncs ask for exactly that row (a record compacted today, a team on the defaults), which is
 * then sent as it is; any other day or settings are computed from the record.
 */
export interface RecordSummary {
  readonly record: string;
  readonly rowKey: string;
  readonly row: string;
}

/** Which day and settings a row was computed for. */
export function rowKeyOf(today: string, settings: TeamSettings): string {
  return `${today}|${JSON.stringify(settings)}`;
}

/** The summary of a document, or null when it holds no readable young person record. */
export function summariseRecordDoc(doc: Y.Doc, today: string): RecordSummary | null {
  let record: YoungPersonRecord;
  try {
    record = readRecord(doc);
  } catch {
    return null;
  }
  return {
    record: JSON.stringify(record),
    rowKey: rowKeyOf(today, DEFAULT_SETTINGS),
    row: JSON.stringify(projectRecord(record, today, DEFAULT_SETTINGS)),
  };
}

/**
 * What a store reads of a summary for one day and settings (the row key): the row when it was kept for
 * exactly these, else the record to compute it from (so the larger text is read only when needed).
 */
export type StoredSummary =
  { readonly row: string; readonly record: null } | { readonly row: null; readonly record: string };

/** A record's caseload row as JSON: the kept row, or computed from the record by the shared projection. */
export function summaryRow(summary: StoredSummary, today: string, settings: TeamSettings): string {
  if (summary.row !== null) return summary.row;
  const record = JSON.parse(summary.record) as YoungPersonRecord;
  return JSON.stringify(projectRecord(record, today, settings));
}

/** A stored document with its summary (null when none describes the whole stored state). */
export interface StoredDocWithSummary {
  readonly state: Uint8Array;
  readonly summary: StoredSummary | null;
}

/** The table both stores keep summaries in (the same SQL for SQLite and PostgreSQL). */
export const DOC_SUMMARY_TABLE = `-- The record summary written with each compacted state (record-summary.ts), for the bulk first sync.
CREATE TABLE IF NOT EXISTS doc_summary (
  name TEXT PRIMARY KEY,
  format INTEGER NOT NULL,
  record TEXT NOT NULL,
  row_key TEXT NOT NULL,
  row_json TEXT NOT NULL
);`;

/**
 * The query reading a summary for one row key: the kept row when it matches, else the record. The
 * arguments are the store's parameter markers for the row key and the document name.
 */
export function summarySql(rowKey: string, name: string): string {
  return `SELECT format, CASE WHEN row_key = ${rowKey} THEN row_json END AS row_json,
    CASE WHEN row_key = ${rowKey} THEN NULL ELSE record END AS record
    FROM doc_summary WHERE name = ${name}`;
}

/** The summary read by summarySql, or null when it is of another format. */
export function storedSummary(row: Row | undefined): StoredSummary | null {
  if (!row || int(row, 'format') !== RECORD_SUMMARY_FORMAT) return null;
  const kept = row['row_json'];
  return typeof kept === 'string' ? { row: kept, record: null } : { row: null, record: str(row, 'record') };
}
