/**
 * Finding 13 (issue 13): the lock screen's offline password check has an attempt limit. After 5 wrong
 * passwords the right one no longer unlocks (a full sign-in to the sync server is needed); the count is
 * kept in storage, so reloading the page does not reset it; a successful sign-in clears it.
 */
import { describe, expect, it } from 'vitest';
import {
  LOCAL_LOCK_KEY,
  LocalLock,
  UNLOCK_ATTEMPT_LIMIT,
  type LockStorage,
} from '../../renderer/sync/local-lock.ts';

function memoryStorage(): LockStorage & { readonly items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

const user = { displayName: 'Synthetic Adviser', username: 'pa.synthetic' };

describe('unlock attempt limit (finding 13)', () => {
  it(`after ${UNLOCK_ATTEMPT_LIMIT} wrong passwords even the right one is refused, across reloads`, async () => {
    const storage = memoryStorage();
    await new LocalLock(storage).rememberSignIn(user, 'right password');
    for (let attempt = 1; attempt <= UNLOCK_ATTEMPT_LIMIT; attempt += 1) {
      // A new LocalLock each time: a reloaded page reads the count back from storage.
      const outcome = await new LocalLock(storage).tryUnlock(`guess ${attempt}`);
      expect(outcome).toEqual(
        attempt < UNLOCK_ATTEMPT_LIMIT
          ? { kind: 'wrong-password', attemptsLeft: UNLOCK_ATTEMPT_LIMIT - attempt }
          : { kind: 'limit-reached' },
      );
    }
    const afterReload = new LocalLock(storage);
    expect(afterReload.state()).toEqual({ kind: 'sign-in-required', user });
    expect(await afterReload.tryUnlock('right password')).toEqual({ kind: 'limit-reached' });
  });

  it('counts an attempt before checking it, so abandoning a check does not give a free guess', async () => {
    const storage = memoryStorage();
    const lock = new LocalLock(storage);
    await lock.rememberSignIn(user, 'right password');
    const checking = lock.tryUnlock('a guess');
    // The page closes here, mid-check: the attempt is already counted.
    expect(new LocalLock(storage).state()).toEqual({
      kind: 'locked',
      user,
      attemptsLeft: UNLOCK_ATTEMPT_LIMIT - 1,
    });
    await checking;
  });

  it('the right password resets the count; a full sign-in lifts the requirement', async () => {
    const storage = memoryStorage();
    const lock = new LocalLock(storage);
    await lock.rememberSignIn(user, 'right password');
    await lock.tryUnlock('wrong');
    expect(await lock.tryUnlock('right password')).toEqual({ kind: 'unlocked' });
    expect(lock.state()).toEqual({ kind: 'locked', user, attemptsLeft: UNLOCK_ATTEMPT_LIMIT });
    for (let i = 0; i < UNLOCK_ATTEMPT_LIMIT; i += 1) await lock.tryUnlock('wrong');
    expect(lock.state().kind).toBe('sign-in-required');
    await lock.rememberSignIn(user, 'right password'); // what a successful sign-in does
    expect(await lock.tryUnlock('right password')).toEqual({ kind: 'unlocked' });
  });

  it('keeps no password, only a salted PBKDF2 hash; a damaged record means "sign in online"', async () => {
    const storage = memoryStorage();
    const lock = new LocalLock(storage);
    await lock.rememberSignIn(user, 'right password');
    const stored = storage.items.get(LOCAL_LOCK_KEY) ?? '';
    expect(stored).not.toContain('right password');
    expect(JSON.parse(stored)).toMatchObject({ verifier: { iterations: 600_000 }, failures: 0 });
    storage.items.set(LOCAL_LOCK_KEY, '{"user":');
    expect(lock.state()).toEqual({ kind: 'no-one-signed-in' });
    expect(await lock.tryUnlock('right password')).toEqual({ kind: 'limit-reached' });
  });
});
