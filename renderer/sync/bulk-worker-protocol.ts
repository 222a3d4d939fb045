/**
 * Messages between the page (bulk-sync.ts) and the bulk staging worker (bulk-stage.worker.ts).
 * The page starts one run per worker and answers its requests for an access token; the worker
 * posts each staged batch (rows only, plus the states it could not stage, transferred) and how the
 * run ended.
 */
import type { BulkStatesRequest } from '../../shared/bulk-states.ts';
import type { StagedBatch, Timing } from './bulk-stream.ts';

export type ToBulkWorker =
  | {
      readonly kind: 'start';
      /** The page's Dexie database (the worker opens the same one, by name, with the same schema). */
      readonly dbName: string;
      readonly serverUrl: string;
      readonly ids: readonly string[];
      readonly basis: BulkStatesRequest['rows'] | null;
      readonly requestSize?: number;
      readonly batchSize?: number;
    }
  /** An access token asked for with `need-token` (or why none could be had). */
  | { readonly kind: 'token'; readonly n: number; readonly token: string | null };

export type FromBulkWorker =
  | { readonly kind: 'need-token'; readonly n: number }
  | { readonly kind: 'batch'; readonly batch: StagedBatch }
  | { readonly kind: 'skipped'; readonly count: number }
  /** A span of the worker's work, for the page's performance timeline (bench/bulk-sync.bench.ts). */
  | { readonly kind: 'measured'; readonly name: string; readonly timing: Timing }
  /** The run is over: every batch was posted before this. */
  | { readonly kind: 'done' }
  /** The server refused or could not be reached (SyncApiError's fields), or something else failed. */
  | { readonly kind: 'failed'; readonly reason: string; readonly message: string; readonly status: number }
  /**
   * The local database was deleted (a wipe) or did not exist when the worker opened it: it stopped
   * without writing anything more.
   */
  | { readonly kind: 'database-gone' };
