/**
 * What the lock screen needs before any case data is opened: who last signed in on this laptop, the
 * offline check of their password (unlock-verifier.ts) and how many wrong passwords were tried since.
 * It lives in localStorage, apart from the case data in IndexedDB, so the app can decide what to show at
 * start without opening a case database; a wipe clears it with everything else.
 *
 * Wrong passwords are counted before the check runs (and the count survives a reload), so closing the
 * page during a check does not give a free guess. After `UNLOCK_ATTEMPT_LIMIT` wrong passwords the local
 * check is refused until the user signs in to the sync server again (or, by policy, the laptop is wiped).
 */
import { checkPassword, createVerifier, type UnlockVerifier } from './unlock-verifier.ts';

/** Wrong passwords allowed at the lock screen before a full sign-in is required. */
export const UNLOCK_ATTEMPT_LIMIT = 5;

export const LOCAL_LOCK_KEY = 'waymark.lock';

/** The person who last signed in on this laptop, as the lock screen names them (no case data). */
export interface LockUser {
  readonly displayName: string;
  readonly username: string;
}

interface LockRecord {
  readonly user: LockUser;
  readonly verifier: UnlockVerifier;
  readonly failures: number;
}

export type LockState =
  | { readonly kind: 'no-one-signed-in' }
  | { readonly kind: 'locked'; readonly user: LockUser; readonly attemptsLeft: number }
  | { readonly kind: 'sign-in-required'; readonly user: LockUser };

export type UnlockOutcome =
  | { readonly kind: 'unlocked' }
  | { readonly kind: 'wrong-password'; readonly attemptsLeft: number }
  | { readonly kind: 'limit-reached' };

export type LockStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const isString = (value: unknown): value is string => typeof value === 'string';

function parse(text: string | null): LockRecord | null {
  if (text === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { user, verifier, failures } = value as Record<string, unknown>;
  if (typeof user !== 'object' || user === null || typeof verifier !== 'object' || verifier === null)
    return null;
  const u = user as Record<string, unknown>;
  const v = verifier as Record<string, unknown>;
  if (!isString(u.displayName) || !isString(u.username)) return null;
  if (!isString(v.salt) || !isString(v.hash) || typeof v.iterations !== 'number') return null;
  if (typeof failures !== 'number' || !Number.isInteger(failures) || failures < 0) return null;
  return {
    user: { displayName: u.displayName, username: u.username },
    verifier: { salt: v.salt, hash: v.hash, iterations: v.iterations },
    failures,
  };
}

/** The lock state of this laptop, kept in `storage` (localStorage in the app). */
export class LocalLock {
  private readonly storage: LockStorage;

  constructor(storage: LockStorage = localStorage) {
    this.storage = storage;
  }

  private read(): LockRecord | null {
    return parse(this.storage.getItem(LOCAL_LOCK_KEY));
  }

  private write(record: LockRecord): void {
    this.storage.setItem(LOCAL_LOCK_KEY, JSON.stringify(record));
  }

  /** What the lock screen must ask for. An unreadable record counts as "no one signed in": sign in online. */
  state(): LockState {
    const record = this.read();
    if (!record) return { kind: 'no-one-signed-in' };
    if (record.failures >= UNLOCK_ATTEMPT_LIMIT) return { kind: 'sign-in-required', user: record.user };
    return { kind: 'locked', user: record.user, attemptsLeft: UNLOCK_ATTEMPT_LIMIT - record.failures };
  }

  /** After the sync server accepted a sign-in: keep a fresh offline check and clear the wrong-password count. */
  async rememberSignIn(user: LockUser, password: string): Promise<void> {
    this.write({ user, verifier: await createVerifier(password), failures: 0 });
  }

  /**
   * Checks a password offline. The attempt is counted before the check and forgiven only when the
   * password is right; once the limit is reached no password is checked at all.
   */
  async tryUnlock(password: string): Promise<UnlockOutcome> {
    const record = this.read();
    if (!record || record.failures >= UNLOCK_ATTEMPT_LIMIT) return { kind: 'limit-reached' };
    const counted: LockRecord = { ...record, failures: record.failures + 1 };
    this.write(counted);
    if (await checkPassword(record.verifier, password)) {
      this.write({ ...counted, failures: 0 });
      return { kind: 'unlocked' };
    }
    const attemptsLeft = UNLOCK_ATTEMPT_LIMIT - counted.failures;
    return attemptsLeft > 0 ? { kind: 'wrong-password', attemptsLeft } : { kind: 'limit-reached' };
  }

  /** Forgets who signed in here (the laptop was wiped). */
  forget(): void {
    this.storage.removeItem(LOCAL_LOCK_KEY);
  }
}
