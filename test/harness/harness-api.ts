import type { SyncStatus } from '../../renderer/sync/sync-status.ts';

/** What the store harness page exposes on `window.waymarkHarness` (used by browser tests and benchmarks). */
export interface HarnessProfileInput {
  readonly id: string;
  readonly givenName: string;
  readonly familyName: string;
  readonly dateOfBirth: string;
  readonly teamId: string;
  readonly allocatedPaId: string;
  readonly category: 'eligible' | 'relevant' | 'former-relevant' | 'qualifying';
  readonly dateLeftCare: string | null;
}

export interface HarnessContactInput {
  readonly id: string;
  readonly at: string;
  readonly method: string;
  readonly by: string;
  readonly seen: boolean;
  readonly seenAlone: boolean;
  readonly outcome: string;
  readonly notes: string;
}

/** A synthetic member of staff for a seeded team. */
export interface HarnessStaffInput {
  readonly id: string;
  readonly displayName: string;
}

export type HarnessResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

export interface WaymarkHarness {
  /** Today's date the harness projects with (fixed for repeatable tests). */
  readonly today: string;
  create(profile: HarnessProfileInput): Promise<HarnessResult<null>>;
  addContact(recordId: string, contact: HarnessContactInput): Promise<HarnessResult<null>>;
  /** The record as read from its Y.Doc (JSON-safe). */
  read(recordId: string): Promise<unknown>;
  /** Every caseload row in the Dexie projection, sorted by id. */
  caseload(): Promise<unknown[]>;
  /** Rebuilds the projection if any row is from another day; returns whether it did. */
  refreshIfStale(): Promise<boolean>;
  /** Rebuilds the projection from the docs and returns the rows, sorted by id. */
  rebuild(): Promise<unknown[]>;
  /** Applies `count` random valid edits across the records, seeded; returns how many were applied. */
  randomEdits(seed: number, count: number): Promise<number>;
  undo(recordId: string): Promise<void>;
  openIds(): string[];
  exportBackup(recordIds?: string[]): Promise<string>;
  importBackup(text: string): Promise<HarnessResult<string[]>>;
  recordIds(): Promise<string[]>;
  /** store.forget: refused for a record with unconfirmed changes unless `discardUnconfirmed`. */
  forget(recordId: string, discardUnconfirmed: boolean): Promise<HarnessResult<null>>;
  /** Whether the record is flagged as holding changes the sync server has not confirmed. */
  pending(recordId: string): Promise<boolean>;
  /** Loads `count` synthetic young people with 3–5 year histories (seeded); returns their ids. */
  seedSynthetic(seed: number, count: number): Promise<string[]>;
  /**
   * Loads `count` synthetic young people (seeded) into one team, allocated among the given PAs, and keeps
   * the team's member list as the team view would after fetching it; returns their ids.
   */
  seedTeam(seed: number, count: number, teamId: string, pas: readonly HarnessStaffInput[]): Promise<string[]>;
  /** Replaces the harness page with the team manager's view (renderer/features/team) at `#/team…`. */
  mountTeamPage(): void;
  /** Replaces the harness page with the caseload's notices (young people taken off this laptop). */
  mountCaseloadNotices(): void;
  /** Closes every open record (as if every view had gone idle). */
  closeAll(): Promise<void>;

  // --- measurements (bench/) ---
  /** Loads synthetic records `concurrency` at a time; returns how long it took (ms). */
  seedSyntheticTimed(
    seed: number,
    count: number,
    concurrency: number,
  ): Promise<{ ids: string[]; ms: number }>;
  /** Opens each (closed) record and reads it whole; returns the time per record (ms). */
  timeOpen(recordIds: string[]): Promise<number[]>;
  /** Makes `count` edits (a contact each) and returns, per edit, the time until durable and projected (ms). */
  timeEdits(recordIds: string[], count: number): Promise<{ total: number[]; project: number[] }>;
  /** Bytes IndexedDB uses for this origin (navigator.storage.estimate) and the mean encoded doc size. */
  storageUsage(sample: string[]): Promise<{ usage: number; meanDocBytes: number }>;

  // --- sync (a real sync server) ---
  /** Signs in to the sync server and starts syncing; returns the device id. */
  signIn(serverUrl: string, username: string, password: string): Promise<HarnessResult<string>>;
  /**
   * Runs a sync round that starts after the call and waits for it; the status that round ended with
   * (a later round, such as the app's minute timer, cannot change it), or null when not syncing.
   */
  syncNow(): Promise<HarnessSyncStatus | null>;
  /** Signs out as the user does (the app ends the session on the server). */
  signOut(): Promise<void>;
  /** What the device identity store holds: whether the private key is a non-extractable CryptoKey. */
  deviceKeyFacts(): Promise<{
    deviceId: string;
    isCryptoKey: boolean;
    extractable: boolean;
    exportRefused: boolean;
  } | null>;
  /** The sync status the user sees (null when signed out). */
  syncStatus(): HarnessSyncStatus | null;
  /** The signed-in user's id, or null. */
  sessionUser(): string | null;
  /** The sign-in page notice (e.g. why the device was wiped), or null. */
  sessionNotice(): string | null;
  /** Pauses a home visit to this record (a draft in the visit drafts database, as the visit page keeps). */
  pauseVisit(recordId: string): Promise<void>;
  /** What a wipe would name of the paused visits ("Paused home visit with …, started …"). */
  pausedVisits(): Promise<string[]>;
  /** The names of this origin's IndexedDB databases. */
  databaseNames(): Promise<string[]>;
  /** Opens a record on the server directly and reports the server's answer: 'synced' or its reason. */
  probeRemote(recordId: string): Promise<string>;

  // --- the lock screen ---
  /**
   * Records that someone signed in on this laptop before (as a sign-in does), so the app opens at the
   * lock screen and unlocks offline with `password`: for tests of the app without a sync server.
   */
  rememberLocalUser(displayName: string, username: string, password: string): Promise<void>;
}

/** The sync status as the harness reports it (without bulk loading progress). */
export type HarnessSyncStatus = Omit<SyncStatus, 'loading'>;

declare global {
  interface Window {
    waymarkHarness?: WaymarkHarness;
  }
}
