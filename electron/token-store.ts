/**
 * The sync token, encrypted at rest with Electron's safeStorage: DPAPI on Windows, the Keychain on macOS,
 * the Secret Service (GNOME Keyring / KWallet via libsecret) on Linux. The ciphertext lives in one file in
 * the user data folder; the key never leaves the OS keystore.
 *
 * On Linux, when no Secret Service is available, Chromium silently falls back to the `basic_text` backend,
 * which "encrypts" with a hard-coded key — anyone who can read the file can read the token. This store
 * refuses that backend outright (see DESIGN.md §4) instead of storing a token that is only obfuscated.
 */
import type { TokenStore } from '../shared/bridge.ts';

export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Uint8Array;
  decryptString(encrypted: Uint8Array): string;
  /** Linux only in Electron; absent elsewhere. */
  getSelectedStorageBackend?(): string;
}

export interface TokenFileSystem {
  readFile(filePath: string): Promise<Uint8Array>;
  /** Writes atomically with owner-only permissions (0600). */
  writeFileAtomic(filePath: string, data: Uint8Array): Promise<void>;
  /** Removes the file; a missing file is not an error. */
  remove(filePath: string): Promise<void>;
}

export interface TokenStoreOptions {
  readonly safeStorage: SafeStorageLike;
  readonly platform: string;
  readonly filePath: string;
  readonly fs: TokenFileSystem;
}

export class TokenStorageUnavailableError extends Error {
  override readonly name = 'TokenStorageUnavailableError';
}

/** Linux backends that do not protect the key with a real keystore. */
const INSECURE_LINUX_BACKENDS: ReadonlySet<string> = new Set(['basic_text', 'unknown']);

/** Null when the OS keystore can protect the token, else the reason (shown to the user). */
export function secureStorageProblem(safeStorage: SafeStorageLike, platform: string): string | null {
  if (platform === 'linux') {
    const backend = safeStorage.getSelectedStorageBackend?.() ?? 'unknown';
    if (INSECURE_LINUX_BACKENDS.has(backend)) {
      return (
        `Waymark will not store your sign-in token: no system keyring is available (Electron safeStorage ` +
        `backend "${backend}"). Without one the token would be protected only by a fixed, publicly known ` +
        `key. Install and unlock a Secret Service keyring (GNOME Keyring or KWallet), then restart Waymark.`
      );
    }
  }
  if (!safeStorage.isEncryptionAvailable()) {
    return 'Waymark will not store your sign-in token: the operating system keystore is not available.';
  }
  return null;
}

function isMissingFile(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT';
}

export function createTokenStore(options: TokenStoreOptions): TokenStore {
  const { safeStorage, platform, filePath, fs } = options;
  const assertSecure = (): void => {
    const problem = secureStorageProblem(safeStorage, platform);
    if (problem !== null) throw new TokenStorageUnavailableError(problem);
  };

  return {
    async save(token: string): Promise<void> {
      if (token.length === 0) throw new Error('token must not be empty');
      assertSecure();
      await fs.writeFileAtomic(filePath, safeStorage.encryptString(token));
    },
    async load(): Promise<string | null> {
      let encrypted: Uint8Array;
      try {
        encrypted = await fs.readFile(filePath);
      } catch (error) {
        if (isMissingFile(error)) return null;
        throw error;
      }
      assertSecure();
      try {
        return safeStorage.decryptString(encrypted);
      } catch {
        // Encrypted under another user or keystore (profile copied, keyring reset): unusable, so drop it
        // and make the user sign in again rather than fail on every start.
        await fs.remove(filePath);
        return null;
      }
    },
    async clear(): Promise<void> {
      await fs.remove(filePath);
    },
  };
}
