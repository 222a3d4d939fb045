/**
 * Binds the local store to the record schema in shared/: how a doc is projected to its caseload
 * row, and how a backup's records are read and checked. The one place renderer/db meets shared/ydoc.
 */
import type * as Y from 'yjs';
import { ValidationError } from '../../shared/domain/errors.ts';
import { validateRecord } from '../../shared/domain/record.ts';
import { DEFAULT_SETTINGS, type TeamSettings } from '../../shared/domain/settings.ts';
import { projectDoc } from '../../shared/ydoc/projection.ts';
import { readRecord, RecordNotInitialisedError } from '../../shared/ydoc/read-record.ts';
import type { BackupCodec } from './backup.ts';
import type { CaseloadRow } from './caseload-row.ts';

/** The caseload row of a doc, or null while it holds no record (e.g. before its first sync). */
export function projectForCaseload(
  doc: Y.Doc,
  today: string,
  settings: TeamSettings = DEFAULT_SETTINGS,
): CaseloadRow | null {
  try {
    return projectDoc(doc, today, settings);
  } catch (error) {
    if (error instanceof RecordNotInitialisedError) return null;
    throw error;
  }
}

/** Reads and checks records held in backup files. */
export function backupCodec(today: () => string): BackupCodec {
  return {
    readable: (doc) => readRecord(doc),
    problems(doc) {
      try {
        const record = readRecord(doc);
        validateRecord(record, today());
        return [];
      } catch (error) {
        if (error instanceof RecordNotInitialisedError) return ['holds no young person record.'];
        if (error instanceof ValidationError) return [error.message];
        return [`cannot be read (${(error as Error).message}).`];
      }
    },
  };
}
