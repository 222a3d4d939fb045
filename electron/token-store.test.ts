import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tokenFileSystem } from './node-adapters.ts';
import { createTokenStore, secureStorageProblem, TokenStorageUnavailableError } from './token-store.ts';
import type { SafeStorageLike, TokenFileSystem } from './token-store.ts';

/** A reversible fake cipher (never the identity, so plaintext on disk would be noticed). */
function fakeSafeStorage(backend: string | undefined, available = true): SafeStorageLike {
  const storage: SafeStorageLike = {
    isEncryptionAvailable: () => available,
    encryptString: (text) => new TextEncoder().encode(`enc:${[...text].reverse().join('')}`),
    decryptString: (bytes) => {
      const text = new TextDecoder().decode(bytes);
      if (!text.startsWith('enc:'))
        throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return [...text.slice(4)].reverse().join('');
    },
  };
  return backend === undefined ? storage : { ...storage, getSelectedStorageBackend: () => backend };
}

function memoryFs(): TokenFileSystem & { readonly files: Map<string, Uint8Array> } {
  const files = new Map<string, Uint8Array>();
  return {
    files,
    readFile: async (filePath) => {
      const data = files.get(filePath);
      if (data === undefined) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
      return data;
    },
    writeFileAtomic: async (filePath, data) => {
      files.set(filePath, data);
    },
    remove: async (filePath) => {
      files.delete(filePath);
    },
  };
}

const FILE = '/home/pa/.config/Waymark/sync-token.bin';

describe('token store', () => {
  it('stores the token encrypted and reads it back (gnome-libsecret)', async () => {
    const fs = memoryFs();
    const store = createTokenStore({
      safeStorage: fakeSafeStorage('gnome_libsecret'),
      platform: 'linux',
      filePath: FILE,
      fs,
    });
    expect(await store.load()).toBeNull();
    await store.save('token-123');
    expect(new TextDecoder().decode(fs.files.get(FILE))).not.toContain('token-123');
    expect(await store.load()).toBe('token-123');
    await store.clear();
    expect(fs.files.has(FILE)).toBe(false);
    expect(await store.load()).toBeNull();
  });

  it.each(['basic_text', 'unknown'])('refuses the Linux %s backend and says why', async (backend) => {
    const fs = memoryFs();
    const store = createTokenStore({
      safeStorage: fakeSafeStorage(backend),
      platform: 'linux',
      filePath: FILE,
      fs,
    });
    const attempt = store.save('token-123');
    await expect(attempt).rejects.toBeInstanceOf(TokenStorageUnavailableError);
    await expect(store.save('token-123')).rejects.toThrow(`safeStorage backend "${backend}"`);
    await expect(store.save('token-123')).rejects.toThrow('fixed, publicly known key');
    expect(fs.files.size).toBe(0);
  });

  it('refuses to decrypt a stored token under basic_text too', async () => {
    const fs = memoryFs();
    fs.files.set(FILE, new TextEncoder().encode('enc:cba'));
    const store = createTokenStore({
      safeStorage: fakeSafeStorage('basic_text'),
      platform: 'linux',
      filePath: FILE,
      fs,
    });
    await expect(store.load()).rejects.toThrow(TokenStorageUnavailableError);
  });

  it('uses DPAPI/Keychain without a backend check on Windows and macOS, but needs encryption available', async () => {
    for (const platform of ['win32', 'darwin']) {
      const store = createTokenStore({
        safeStorage: fakeSafeStorage(undefined),
        platform,
        filePath: FILE,
        fs: memoryFs(),
      });
      await store.save('t');
      expect(await store.load()).toBe('t');
    }
    expect(secureStorageProblem(fakeSafeStorage(undefined, false), 'win32')).toBe(
      'Waymark will not store your sign-in token: the operating system keystore is not available.',
    );
  });

  it('drops a token that can no longer be decrypted and asks for sign-in again', async () => {
    const fs = memoryFs();
    fs.files.set(FILE, new TextEncoder().encode('garbage'));
    const store = createTokenStore({
      safeStorage: fakeSafeStorage('kwallet5'),
      platform: 'linux',
      filePath: FILE,
      fs,
    });
    expect(await store.load()).toBeNull();
    expect(fs.files.has(FILE)).toBe(false);
  });
});

describe('token file system (Node)', () => {
  let dir = '';
  afterEach(async () => {
    if (dir !== '') await rm(dir, { recursive: true, force: true });
  });

  it('writes atomically with owner-only permissions, and removing a missing file is fine', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'waymark-token-'));
    const file = path.join(dir, 'nested', 'sync-token.bin');
    await tokenFileSystem.writeFileAtomic(file, new Uint8Array([1, 2, 3]));
    expect([...(await readFile(file))]).toEqual([1, 2, 3]);
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
    await tokenFileSystem.remove(file);
    await tokenFileSystem.remove(file);
    await expect(tokenFileSystem.readFile(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
