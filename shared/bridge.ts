/**
 * The typed bridge between the renderer and its host.
 *
 * In the desktop app the Electron preload script exposes an object of this type as
 * `window.waymark` (contextBridge). In a plain browser (development, tests, the fallback
 * when no Electron binary is present) the renderer builds a browser implementation of
 * the same interface. The renderer talks to its host only through this interface.
 */

/** Where the renderer is running. */
export type HostKind = 'electron' | 'browser';

export interface AppInfo {
  readonly name: string;
  readonly version: string;
  readonly host: HostKind;
  /** Operating system family, for display only ("linux", "win32", "darwin", "browser"). */
  readonly platform: string;
}

/** A value set by managed policy, or by the user when no policy locks it. */
export interface PolicyValue<T> {
  readonly value: T;
  /** True when an administrator's managed policy set this value; the user cannot change it. */
  readonly locked: boolean;
}

export interface ManagedPolicy {
  /** Base URL of the sync server, e.g. https://waymark.example.gov.uk (the websocket is at /sync). */
  readonly syncServerUrl: PolicyValue<string | null>;
  /** Minutes without input before case data is hidden behind re-authentication. */
  readonly idleLockMinutes: PolicyValue<number>;
  /** Update channel name ("stable", "beta"). */
  readonly updateChannel: PolicyValue<string>;
  /** Base URL of the private update server, or null when updates are off. */
  readonly updateUrl: PolicyValue<string | null>;
  /**
   * What happens after `UNLOCK_ATTEMPT_LIMIT` (5) wrong passwords at the lock screen: "sign-in" requires a
   * full sign-in to the sync server; "wipe" also deletes every record on the laptop first.
   */
  readonly unlockFailureAction: PolicyValue<UnlockFailureAction>;
}

export type UnlockFailureAction = 'sign-in' | 'wipe';

export type UpdateStatus =
  | { readonly state: 'unsupported'; readonly reason: string }
  | { readonly state: 'idle' }
  | { readonly state: 'checking' }
  | { readonly state: 'available'; readonly version: string }
  | { readonly state: 'downloading'; readonly percent: number }
  | { readonly state: 'ready'; readonly version: string }
  | { readonly state: 'error'; readonly message: string };

/** Why the host asks the renderer to hide case data. */
export type IdleLockReason = 'idle' | 'screen-locked' | 'suspend';

export interface IdleLockEvent {
  readonly reason: IdleLockReason;
  /** System idle seconds when the lock fired (0 for screen lock or suspend). */
  readonly idleSeconds: number;
}

export interface TokenStore {
  /** Stores the sync token encrypted at rest; rejects with a clear message when it cannot. */
  save(token: string): Promise<void>;
  load(): Promise<string | null>;
  clear(): Promise<void>;
}

export interface WaymarkBridge {
  appInfo(): Promise<AppInfo>;
  readonly tokens: TokenStore;
  policy(): Promise<ManagedPolicy>;
  updateStatus(): Promise<UpdateStatus>;
  /** Subscribes to update status changes; returns an unsubscribe function. */
  onUpdateStatus(listener: (status: UpdateStatus) => void): () => void;
  /**
   * Subscribes to lock requests from the host (no input for the policy's idleLockMinutes, screen
   * locked, machine suspended): hide case data behind re-authentication. Returns an unsubscribe function.
   */
  onIdleLock(listener: (event: IdleLockEvent) => void): () => void;
  /** Prints the current page to a PDF and returns its bytes (used for the young person's "my plan"). */
  printToPdf(): Promise<Uint8Array>;
  /** Deletes every local database and stored token (device revocation, sign-out with wipe). */
  wipeLocalData(): Promise<void>;
}
