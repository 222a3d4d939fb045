/**
 * Write limits that keep one account from exhausting the server's memory or disk (issue 13 finding 2:
 * four 10.8 MiB updates took the server from 140 MiB to 2.1 GiB; 24 ended it):
 *  - each update: at most `maxUpdateBytes` (the websocket frame cap is set just above it, so a bigger
 *    frame is never even buffered);
 *  - each record: at most `maxRecordBytes` stored (its encoded state);
 *  - each account per day: at most `maxUserBytesPerDay` written and `maxUserRecordsPerDay` records written;
 *  - each socket: at most `maxDocumentsPerSocket` records open, and writes at `writesPerSecond` with
 *    bursts of `writeBurst` (a token bucket);
 *  - each PA per day: at most `maxNewRecordsPerDay` records first synced (auto-claimed; access.ts).
 * Refusals carry a protocol reason (SERVER_REASONS). Day counters start again at midnight UTC; they bound
 * what one account can do in a day, they are not billing. One process (`npm start`) keeps them in memory
 * (DailyQuotas: a restart forgets them); several instances count them once, in Redis
 * (server/cluster/shared-day-quotas.ts), so a quota filled through one instance is full on all of them.
 * Per-socket limits stay per socket: a socket lives on one instance.
 */
import { SERVER_REASONS, type ServerReason } from '../../shared/protocol.ts';

export interface WriteLimits {
  readonly maxUpdateBytes: number;
  readonly maxRecordBytes: number;
  readonly maxUserBytesPerDay: number;
  readonly maxUserRecordsPerDay: number;
  readonly maxDocumentsPerSocket: number;
  readonly writesPerSecond: number;
  readonly writeBurst: number;
  readonly maxNewRecordsPerDay: number;
}

const MiB = 1024 * 1024;

export const DEFAULT_WRITE_LIMITS: WriteLimits = {
  maxUpdateBytes: 1 * MiB,
  maxRecordBytes: 8 * MiB,
  maxUserBytesPerDay: 64 * MiB,
  maxUserRecordsPerDay: 2000,
  maxDocumentsPerSocket: 5000,
  writesPerSecond: 50,
  writeBurst: 1000,
  maxNewRecordsPerDay: 100,
};

/** Frame cap for a given update cap: the update plus room for the document name and message header. */
export function frameCapFor(limits: WriteLimits): number {
  return limits.maxUpdateBytes + 64 * 1024;
}

/** The UTC day of a time, `2026-12-02`: day quotas start again at midnight UTC. */
export function utcDay(now: number): string {
  return new Date(now).toISOString().slice(0, 10);
}

interface DayUsage {
  day: string;
  bytes: number;
  records: Set<string>;
  newRecords: number;
}

/** Per-account daily usage: counted in this process (DailyQuotas) or shared by every instance (Redis). */
export interface DailyQuotaCounter {
  /** Refusal reason for writing `bytes` to `docName` today, or null (and then the write is counted). */
  takeWrite(
    userId: string,
    docName: string,
    bytes: number,
  ): ServerReason | null | Promise<ServerReason | null>;
  /** True (and counted) when this PA may claim one more new record today. */
  takeNewRecord(userId: string): boolean | Promise<boolean>;
}

/** Per-account daily usage, in memory (one server process). */
export class DailyQuotas implements DailyQuotaCounter {
  private readonly usage = new Map<string, DayUsage>();
  private readonly limits: WriteLimits;
  private readonly now: () => number;

  constructor(limits: WriteLimits, now: () => number = Date.now) {
    this.limits = limits;
    this.now = now;
  }

  private today(userId: string): DayUsage {
    const day = utcDay(this.now());
    let usage = this.usage.get(userId);
    if (!usage || usage.day !== day) {
      usage = { day, bytes: 0, records: new Set(), newRecords: 0 };
      this.usage.set(userId, usage);
      // Yesterday's entries of other accounts go when their owners write again; bound the map anyway.
      if (this.usage.size > 10_000) {
        for (const [key, value] of this.usage) if (value.day !== day) this.usage.delete(key);
      }
    }
    return usage;
  }

  takeWrite(userId: string, docName: string, bytes: number): ServerReason | null {
    const usage = this.today(userId);
    if (usage.bytes + bytes > this.limits.maxUserBytesPerDay) return SERVER_REASONS.quotaExceeded;
    if (!usage.records.has(docName) && usage.records.size >= this.limits.maxUserRecordsPerDay)
      return SERVER_REASONS.quotaExceeded;
    usage.bytes += bytes;
    usage.records.add(docName);
    return null;
  }

  takeNewRecord(userId: string): boolean {
    const usage = this.today(userId);
    if (usage.newRecords >= this.limits.maxNewRecordsPerDay) return false;
    usage.newRecords += 1;
    return true;
  }
}

/** A token bucket: `rate` tokens a second, holding at most `burst`. */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private readonly rate: number;
  private readonly burst: number;
  private readonly now: () => number;

  constructor(rate: number, burst: number, now: () => number = Date.now) {
    this.rate = rate;
    this.burst = burst;
    this.tokens = burst;
    this.now = now;
    this.last = now();
  }

  take(): boolean {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/**
 * Estimated stored size of each loaded record: its loaded size plus every update appended since.
 * Appended updates overlap after compaction, so the estimate only grows; when it passes the cap the
 * caller measures the live document exactly before refusing.
 */
export class RecordSizes {
  private readonly sizes = new Map<string, number>();

  loaded(docName: string, bytes: number): void {
    this.sizes.set(docName, bytes);
  }

  get(docName: string): number {
    return this.sizes.get(docName) ?? 0;
  }

  set(docName: string, bytes: number): void {
    this.sizes.set(docName, bytes);
  }

  unloaded(docName: string): void {
    this.sizes.delete(docName);
  }
}
