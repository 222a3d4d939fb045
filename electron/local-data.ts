/**
 * Wipes everything Waymark keeps on this device for the signed-in user: the renderer's storage (IndexedDB
 * holding every y-indexeddb document and the Dexie projection, localStorage, Cache Storage, service
 * workers, cookies) and the encrypted sync token. Used on device revocation and "sign out and wipe".
 */
export interface StorageSessionLike {
  clearStorageData(options?: { readonly storages?: readonly string[] }): Promise<void>;
  clearCache(): Promise<void>;
  flushStorageData?(): void;
}

export interface WipeDeps {
  readonly session: StorageSessionLike;
  clearToken(): Promise<void>;
}

/** Every storage type Electron's session.clearStorageData knows. */
export const ALL_STORAGES: readonly string[] = [
  'cookies',
  'filesystem',
  'indexdb',
  'localstorage',
  'shadercache',
  'websql',
  'serviceworkers',
  'cachestorage',
];

/** Clears the token first (so a half-finished wipe never leaves a usable credential), then storage. */
export async function wipeLocalData(deps: WipeDeps): Promise<void> {
  const failures: string[] = [];
  try {
    await deps.clearToken();
  } catch (error) {
    failures.push(`token: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    await deps.session.clearStorageData({ storages: ALL_STORAGES });
    await deps.session.clearCache();
    deps.session.flushStorageData?.();
  } catch (error) {
    failures.push(`storage: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (failures.length > 0) throw new Error(`Wiping local data did not finish (${failures.join('; ')})`);
}
