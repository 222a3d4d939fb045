import type { WaymarkBridge } from '../../shared/bridge.ts';
import type { LoginResponse } from '../../shared/protocol.ts';
import type { RecordStore } from '../db/record-store.ts';
import { login, refresh, SyncApiError } from './sync-api.ts';
import type { SyncClient } from './sync-client.ts';
import { StatusStore } from './sync-status.ts';
import { checkPassword, createVerifier, type UnlockVerifier } from './unlock-verifier.ts';
import {
  UnconfirmedWorkError,
  recordsHave,
  unconfirmedWork,
  type UnconfirmedRecord,
} from './unconfirmed-work.ts';

/** An explicit choice to delete changes the sync server has not confirmed holding. */
export interface DiscardChoice {
  readonly discardUnconfirmed?: boolean;
}

export type SessionUser = LoginResponse['user'];

export interface SessionState {
  readonly user: SessionUser | null;
  readonly serverUrl: string | null;
  /** Why the user was signed out, in plain English, to show on the sign-in page. */
  readonly notice: string | null;
}

interface StoredSession {
  readonly token: string;
  readonly expiresAt: string;
  readonly user: SessionUser;
}

const DEVICE_KEY = 'deviceId';
const VERIFIER_KEY = 'unlockVerifier';
const USER_KEY = 'sessionUser';
/** Refresh the access token this long before it expires. */
const REFRESH_MARGIN_MS = 60_000;

/** What to tell the user when sign-in is refused, in plain English. */
export function signInProblem(error: SyncApiError): string {
  switch (error.reason) {
    case 'invalid-credentials':
      return 'The username or password is not right. Check them and try again.';
    case 'rate-limited':
      return 'Too many attempts to sign in. Wait 15 minutes, then try again.';
    case 'device-revoked':
      return 'This laptop has been removed from Waymark by your administrator. Contact IT.';
    case 'account-disabled':
      return 'Your account is disabled. Contact your team manager or IT.';
    case 'bad-request':
      return 'Enter your username and password.';
    default:
      return error.message;
  }
}

/**
 * The signed-in user on this device: signs in against the sync server, keeps the short-lived token
 * fresh (stored through the host bridge's token store), runs the sync client while signed in, and
 * acts on the server's word: re-authenticate, sign out, or wipe the device when it is revoked.
 */
export class Session {
  readonly state: StatusStore<SessionState>;
  private readonly bridge: WaymarkBridge;
  private readonly store: RecordStore;
  private current: StoredSession | null = null;
  private sync: SyncClient | null = null;
  private starting: Promise<void> | null = null;
  /** The server said this device is revoked (until someone signs in again): its notice stands. */
  private revoked = false;
  private readonly syncListeners = new Set<(sync: SyncClient | null) => void>();

  constructor(bridge: WaymarkBridge, store: RecordStore) {
    this.bridge = bridge;
    this.store = store;
    this.state = new StatusStore<SessionState>({ user: null, serverUrl: null, notice: null });
  }

  /** Restores a saved session (works offline: the user keeps their local caseload). */
  async restore(): Promise<void> {
    const policy = await this.bridge.policy();
    const serverUrl = policy.syncServerUrl.value;
    const saved = await this.bridge.tokens.load();
    const user = (await this.store.db.settings.get(USER_KEY))?.value as SessionUser | undefined;
    this.state.update({ serverUrl });
    if (!saved || !user) return;
    try {
      const parsed = JSON.parse(saved) as StoredSession;
      this.current = { ...parsed, user };
      this.state.update({ user });
      if (serverUrl) {
        this.startSync(serverUrl);
        await this.started();
      }
    } catch {
      await this.bridge.tokens.clear();
    }
  }

  get syncClient(): SyncClient | null {
    return this.sync;
  }

  onSyncClient(listener: (sync: SyncClient | null) => void): () => void {
    this.syncListeners.add(listener);
    return () => this.syncListeners.delete(listener);
  }

  /**
   * Signs in. When someone else signed in here last and records hold changes the server has not
   * confirmed, their records would be deleted: this throws UnconfirmedWorkError (nothing changed)
   * unless `choice.discardUnconfirmed` says the user chose that knowingly.
   */
  async signIn(username: string, password: string, choice: DiscardChoice = {}): Promise<void> {
    const { serverUrl } = this.state.get();
    if (!serverUrl) throw new Error('No sync server is set for this device. Ask IT to set one by policy.');
    const deviceId = await this.deviceId();
    const answer = await login(serverUrl, { username, password, deviceId }).catch((error: unknown) => {
      throw error instanceof SyncApiError ? new Error(signInProblem(error)) : error;
    });
    const previous = (await this.store.db.settings.get(USER_KEY))?.value as SessionUser | undefined;
    if (previous && previous.id !== answer.user.id) {
      // Another person's records must not stay on the laptop when a different user signs in; their
      // unconfirmed changes go only by an explicit choice.
      const work = await this.unconfirmedWork();
      if (work.length > 0 && !choice.discardUnconfirmed) {
        throw new UnconfirmedWorkError(work, `signing in as ${answer.user.displayName}`);
      }
      await this.wipe(null, { discardUnconfirmed: true });
    }
    await this.keep(answer);
    this.revoked = false;
    await this.store.db.settings.put({ key: VERIFIER_KEY, value: await createVerifier(password) });
    this.state.update({ user: answer.user, notice: null });
    this.startSync(serverUrl);
    await this.started();
  }

  /**
   * Checks the password of the user who last signed in on this device, offline, to lift the idle lock.
   * Resolves true when no one has signed in here yet (there is no password to check).
   */
  async unlock(password: string): Promise<boolean> {
    const verifier = (await this.store.db.settings.get(VERIFIER_KEY))?.value as UnlockVerifier | undefined;
    if (!verifier) return true;
    return checkPassword(verifier, password);
  }

  /** Whether lifting the idle lock needs a password (someone has signed in on this device). */
  async unlockNeedsPassword(): Promise<boolean> {
    return (await this.store.db.settings.get(VERIFIER_KEY)) !== undefined;
  }

  async signOut(notice: string | null = null): Promise<void> {
    await this.stopSync();
    this.current = null;
    await this.bridge.tokens.clear();
    this.state.update({ user: null, ...(this.revoked ? {} : { notice }) });
  }

  /** Records holding changes the sync server has not confirmed (what a wipe would lose). */
  async unconfirmedWork(): Promise<UnconfirmedRecord[]> {
    return unconfirmedWork(this.store.db, this.sync ? await this.sync.unconfirmedIds() : []);
  }

  /**
   * Removes every record and setting from this device and signs out. Throws UnconfirmedWorkError
   * (nothing removed) when records hold unconfirmed changes, unless `choice.discardUnconfirmed`.
   */
  async wipe(notice: string | null, choice: DiscardChoice = {}): Promise<void> {
    if (!choice.discardUnconfirmed) {
      const work = await this.unconfirmedWork();
      if (work.length > 0) throw new UnconfirmedWorkError(work, 'removing Waymark data from this laptop');
    }
    await this.stopSync();
    await this.store.closeAll();
    this.store.db.close();
    await this.bridge.wipeLocalData();
    await this.store.db.open();
    this.current = null;
    this.state.update({ user: null, notice });
  }

  private async keep(answer: LoginResponse): Promise<void> {
    this.current = { token: answer.token, expiresAt: answer.expiresAt, user: answer.user };
    await this.bridge.tokens.save(JSON.stringify({ token: answer.token, expiresAt: answer.expiresAt }));
    await this.store.db.settings.put({ key: USER_KEY, value: answer.user });
  }

  private async deviceId(): Promise<string> {
    const existing = (await this.store.db.settings.get(DEVICE_KEY))?.value;
    if (typeof existing === 'string') return existing;
    const id = crypto.randomUUID();
    await this.store.db.settings.put({ key: DEVICE_KEY, value: id });
    return id;
  }

  /** A token valid for at least another minute, refreshed when needed. */
  private token = async (): Promise<string> => {
    const current = this.current;
    const serverUrl = this.state.get().serverUrl;
    if (!current || !serverUrl) throw new SyncApiError('invalid-token', 'Not signed in.', 401);
    if (Date.parse(current.expiresAt) - Date.now() > REFRESH_MARGIN_MS) return current.token;
    const answer = await refresh(serverUrl, current.token);
    await this.keep(answer);
    return answer.token;
  };

  private startSync(serverUrl: string): void {
    if (this.sync || this.starting) return;
    // The sync client (Hocuspocus) loads on first use, after the caseload has rendered.
    this.starting = import('./sync-client.ts')
      .then(({ SyncClient }) => {
        if (this.current) this.runSync(SyncClient, serverUrl);
      })
      .finally(() => {
        this.starting = null;
      });
  }

  /** Resolves once a sync client started by sign-in or restore is running (tests, harness). */
  async started(): Promise<void> {
    await this.starting;
  }

  private runSync(SyncClientClass: typeof SyncClient, serverUrl: string): void {
    const user = this.current?.user;
    if (this.sync || !user) return;
    this.sync = new SyncClientClass({
      store: this.store,
      userId: user.id,
      serverUrl,
      token: this.token,
      onServerAction: (action) => {
        // A revoked laptop hears it on several channels at once (records, the socket, the API); the
        // wipe wins, and nothing after it replaces its notice.
        if (action === 'wipe-local-data') {
          if (this.revoked) return;
          this.revoked = true;
          void this.revokedWipe();
          return;
        }
        if (this.revoked || this.state.get().user === null) return;
        if (action === 'sign-out') {
          void this.signOut('Your account is disabled. Contact your team manager or IT.');
        } else if (action === 'reauthenticate') {
          void this.signOut('Please sign in again.');
        }
      },
    });
    this.sync.start();
    for (const listener of this.syncListeners) listener(this.sync);
  }

  /**
   * The server says this laptop was revoked: it wipes without asking, even over unconfirmed changes.
   * A council revokes a laptop when it is lost, stolen or leaving its holder's hands, and then the risk
   * of children's records in the wrong hands outweighs the loss of unsent notes (UK GDPR Art. 5(1)(f),
   * security of personal data); a revoked laptop could never send those changes anyway, since the
   * server refuses it. The person holding it is told how many records lost changes, so a PA can
   * record them again from their notes (see docs/user-guide.md).
   */
  private async revokedWipe(): Promise<void> {
    const lost = (await this.unconfirmedWork().catch(() => [])).length;
    await this.wipe(
      'This laptop was removed from Waymark by your administrator, so its local records were deleted. ' +
        (lost > 0
          ? `${recordsHave(lost)} changes that had not reached the server; tell your team manager what you recorded. `
          : '') +
        'Contact IT.',
      { discardUnconfirmed: true },
    );
  }

  private async stopSync(): Promise<void> {
    await this.starting;
    const sync = this.sync;
    this.sync = null;
    for (const listener of this.syncListeners) listener(null);
    await sync?.stop();
  }
}
