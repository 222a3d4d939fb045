import type {
  AppInfo,
  ManagedPolicy,
  UnlockFailureAction,
  UpdateStatus,
  WaymarkBridge,
} from '../../shared/bridge.ts';
import { watchPageIdle } from './browser-idle-lock.ts';

/** Optional settings file served beside index.html by the local server (never case data). */
interface BrowserHostConfig {
  readonly syncServerUrl?: string;
  readonly idleLockMinutes?: number;
  readonly unlockFailureAction?: UnlockFailureAction;
}

const TOKEN_KEY = 'waymark.sync-token';
const DEFAULT_IDLE_LOCK_MINUTES = 15;

async function readHostConfig(): Promise<BrowserHostConfig> {
  try {
    const response = await fetch('./waymark-config.json', { cache: 'no-store' });
    if (!response.ok) return {};
    const body: unknown = await response.json();
    if (typeof body !== 'object' || body === null) return {};
    const config = body as Record<string, unknown>;
    return {
      ...(typeof config.syncServerUrl === 'string' ? { syncServerUrl: config.syncServerUrl } : {}),
      ...(typeof config.idleLockMinutes === 'number' ? { idleLockMinutes: config.idleLockMinutes } : {}),
      ...(config.unlockFailureAction === 'wipe' || config.unlockFailureAction === 'sign-in'
        ? { unlockFailureAction: config.unlockFailureAction }
        : {}),
    };
  } catch {
    return {};
  }
}

/**
 * Has the browser load this tab's sessionStorage (where the browser build keeps the sync token) without
 * reading the token (only the first key's name). A page's first use of sessionStorage waits on the
 * browser process, a synchronous call that took over 100 ms on a loaded machine
 * (bench/profiles/first-paint.md); called while the lock screen waits for the password, so it no longer
 * falls on the first screen after unlocking, where restoring the session reads the token.
 */
export function loadSessionStorage(): void {
  try {
    sessionStorage.key(0);
  } catch {
    // Storage refused (a locked-down browser): the session's own use of it reports that, not this.
  }
}

/**
 * The browser implementation of the host bridge, used when the renderer runs outside Electron
 * (the fallback of `npm start`, development and the browser tests). A browser has no OS keychain,
 * so the sync token lives in sessionStorage and is gone when the tab closes; there is no managed
 * policy, no auto-update and no silent print-to-PDF.
 */
export function createBrowserBridge(): WaymarkBridge {
  let config: Promise<BrowserHostConfig> | null = null;
  const unsupported: UpdateStatus = {
    state: 'unsupported',
    reason: 'Updates are installed by the desktop app; this is the browser version.',
  };
  const bridge: WaymarkBridge = {
    async appInfo(): Promise<AppInfo> {
      return { name: 'Waymark', version: __WAYMARK_VERSION__, host: 'browser', platform: 'browser' };
    },
    tokens: {
      async save(token: string) {
        sessionStorage.setItem(TOKEN_KEY, token);
      },
      async load() {
        return sessionStorage.getItem(TOKEN_KEY);
      },
      async clear() {
        sessionStorage.removeItem(TOKEN_KEY);
      },
    },
    async policy(): Promise<ManagedPolicy> {
      config ??= readHostConfig();
      const { syncServerUrl, idleLockMinutes, unlockFailureAction } = await config;

      return {
        syncServerUrl: { value: syncServerUrl ?? null, locked: false },
        idleLockMinutes: { value: idleLockMinutes ?? DEFAULT_IDLE_LOCK_MINUTES, locked: false },
        updateChannel: { value: 'stable', locked: false },
        updateUrl: { value: null, locked: false },
        unlockFailureAction: { value: unlockFailureAction ?? 'sign-in', locked: false },
      };
    },
    async updateStatus() {
      return unsupported;
    },
    onUpdateStatus(listener) {
      listener(unsupported);
      return () => undefined;
    },
    onIdleLock(listener) {
      return watchPageIdle(async () => (await bridge.policy()).idleLockMinutes.value, listener);
    },
    async printToPdf(): Promise<Uint8Array> {
      throw new Error(
        'Saving a PDF directly needs the desktop app. In a browser, use Print and choose "Save as PDF".',
      );
    },
    async wipeLocalData() {
      const databases = await indexedDB.databases();
      await Promise.all(
        databases.map(
          ({ name }) =>
            new Promise<void>((resolve, reject) => {
              if (!name) return resolve();
              const request = indexedDB.deleteDatabase(name);
              request.onsuccess = () => resolve();
              request.onerror = () => reject(new Error(`Could not delete local database ${name}.`));
              request.onblocked = () => resolve();
            }),
        ),
      );
      sessionStorage.clear();
      localStorage.clear();
    },
  };
  return bridge;
}
