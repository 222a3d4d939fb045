import { describe, expect, it } from 'vitest';
import { ALL_STORAGES, wipeLocalData } from './local-data.ts';
import type { StorageSessionLike } from './local-data.ts';

function fakeSession(failStorage = false) {
  const calls: string[] = [];
  const session: StorageSessionLike = {
    clearStorageData: async (options) => {
      calls.push(`clearStorageData ${options?.storages?.join(',') ?? 'all'}`);
      if (failStorage) throw new Error('storage busy');
    },
    clearCache: async () => {
      calls.push('clearCache');
    },
    flushStorageData: () => calls.push('flush'),
  };
  return { session, calls };
}

describe('wipeLocalData', () => {
  it('removes the token first, then IndexedDB and every other storage', async () => {
    const { session, calls } = fakeSession();
    await wipeLocalData({
      session,
      clearToken: async () => {
        calls.push('clearToken');
      },
    });
    expect(calls).toEqual([
      'clearToken',
      `clearStorageData ${ALL_STORAGES.join(',')}`,
      'clearCache',
      'flush',
    ]);
    expect(ALL_STORAGES).toContain('indexdb');
    expect(ALL_STORAGES).toContain('localstorage');
  });

  it('still clears storage when the token removal fails, and reports both failures', async () => {
    const { session, calls } = fakeSession(true);
    await expect(
      wipeLocalData({
        session,
        clearToken: async () => {
          throw new Error('EBUSY');
        },
      }),
    ).rejects.toThrow('Wiping local data did not finish (token: EBUSY; storage: storage busy)');
    expect(calls[0]).toMatch(/^clearStorageData/);
  });
});
