/**
 * Reads full records from their Y.Docs in bounded batches, for the few team tasks the projection rows
 * cannot answer (SSDA903 OC3 rows, Annex A list 9, the quarterly trend). Opens at most `concurrency`
 * docs at a time and releases each as soon as it is read.
 */
import pLimit from 'p-limit';
import type { YoungPersonRecord } from '../../../shared/domain/model.ts';
import { readRecord, RecordNotInitialisedError } from '../../../shared/ydoc/read-record.ts';
import type { RecordStore } from '../../db/record-store.ts';

export interface LoadedRecords {
  readonly records: YoungPersonRecord[];
  /** Ids whose doc holds no record yet (not synced) or could not be read. */
  readonly skipped: string[];
}

export async function loadRecords(
  store: RecordStore,
  ids: readonly string[],
  onProgress: (done: number, total: number) => void = () => undefined,
  concurrency = 8,
): Promise<LoadedRecords> {
  const limit = pLimit(concurrency);
  const records: YoungPersonRecord[] = [];
  const skipped: string[] = [];
  let done = 0;
  await Promise.all(
    ids.map((id) =>
      limit(async () => {
        const lease = await store.acquire(id);
        try {
          records.push(readRecord(lease.doc));
        } catch (error) {
          if (!(error instanceof RecordNotInitialisedError))
            console.error(`Waymark: record ${id} could not be read.`);
          skipped.push(id);
        } finally {
          lease.release();
          done += 1;
          onProgress(done, ids.length);
        }
      }),
    ),
  );
  records.sort((a, b) => (a.profile.id < b.profile.id ? -1 : a.profile.id > b.profile.id ? 1 : 0));
  return { records, skipped };
}
