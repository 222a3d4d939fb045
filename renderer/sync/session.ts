import type { WaymarkBridge } from '../../shared/bridge.ts';
import type { LoginResponse } from '../../shared/protocol.ts';
import type { RecordStore } from '../db/record-store.ts';
import { freshTokens, loadTokens, saveTokens, type StoredTokens } from './access-token.ts';
import {
  createDeviceIdentity,
  deviceProof,
  loadDeviceIdentity,
  saveDeviceIdentity,
  type DeviceIdentity,
} from './device-key.ts';
import { challenge, login, logout, SyncApiError } from './sync-api.ts';
import type { SyncClient } from './sync-client.ts';
import { StatusStore } from './sync-status.ts';
import { LocalLock } from './local-lock.ts';
import { readServerUrl, SIGNED_OUT } from './lock-session.ts';
import { deleteVisitDrafts, pausedVisitEntries } from '../db/visit-drafts.ts';
import {
  pausedVisits,
  UnconfirmedWorkError,
  type PausedVisit,
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

interface StoredSession extends StoredTokens {
  readonly user: SessionUser;
}

/** The device id of installations from before device keys (kept so the server row is re-used once). */
const LEGACY_DEVICE_KEY = 'deviceId';
const USER_KEY = 'sessionUser';

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
    case 'device-proof-invalid':
      return 'This laptop could not prove it is registered with Waymark. Try again. If it keeps happening, contact IT.';
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
  /** Who signed in here and the offline password check, read by the lock screen before any case data. */
  readonly lock: LocalLock;

  /** `lock` and `state` are the lock screen's own when it shows before this loads (lock-session.ts). */
  constructor(
    bridge: WaymarkBridge,
    store: RecordStore,
    lock: LocalLock = new LocalLock(),
    state: StatusStore<SessionState> = new StatusStore<SessionState>(SIGNED_OUT),
  ) {
    this.bridge = bridge;
    this.store = store;
    this.lock = lock;
    this.state = state;
  }

  /** Reads the sync server from policy only (no local data), so the lock screen can offer sign-in. */
  readServerUrl(): Promise<void> {
    return readServerUrl(this.bridge, this.state);
  }

  /** Restores a saved session (works offline: the user keeps their local caseload). */
  async restore(): Promise<void> {
    const policy = await this.bridge.policy();
    const serverUrl = policy.syncServerUrl.value;
    const saved = await loadTokens(this.bridge);
    const user = (await this.store.db.settings.get(USER_KEY))?.value as SessionUser | undefined;
    this.state.update({ serverUrl });
    if (!saved || !user) {
      // Nothing saved, or tokens from before server-side sessions: sign in again.
      if (saved === null) await this.bridge.tokens.clear();
      return;
    }
    this.current = { ...saved, user };
    this.state.update({ user });
    if (serverUrl) {
      this.startSync(serverUrl);
      await this.started();
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
    let identity = await this.deviceIdentity();
    const attempt = async (device: DeviceIdentity): Promise<LoginResponse> => {
      const proof = await deviceProof(device, 'sign-in', await challenge(serverUrl));
      return login(serverUrl, { username, password, deviceId: device.deviceId, proof });
    };
    let answer: LoginResponse;
    try {
      try {
        answer = await attempt(identity);
      } catch (error) {
        // This laptop's device is enrolled to the person who signed in before: enrol a new one.
        if (!(error instanceof SyncApiError) || error.reason !== 'device-in-use') throw error;
        identity = await createDeviceIdentity();
        await saveDeviceIdentity(identity);
        answer = await attempt(identity);
      }
    } catch (error) {
      throw error instanceof SyncApiError ? new Error(signInProblem(error)) : error;
    }
    const previous = (await this.store.db.settings.get(USER_KEY))?.value as SessionUser | undefined;
    if (previous && previous.id !== answer.user.id) {
      // Another person's records must not stay on the laptop when a different user signs in; their
      // unconfirmed changes go only by an explicit choice.
      if (!choice.discardUnconfirmed) await this.refuseToLoseWork(`signing in as ${answer.user.displayName}`);
      await this.wipe(null, { discardUnconfirmed: true });
      await saveDeviceIdentity(identity); // the wipe deleted it; it is now enrolled to this user
    }
    await this.keep(answer);
    this.revoked = false;
    await this.lock.rememberSignIn({ displayName: answer.user.displayName, username }, password);
    this.state.update({ user: answer.user, notice: null });
    this.startSync(serverUrl);
    await this.started();
  }

  async signOut(notice: string | null = null): Promise<void> {
    await this.stopSync();
    const ending = this.current ? await loadTokens(this.bridge) : null;
    const serverUrl = this.state.get().serverUrl;
    // End the session on the server too (best effort: offline, it ends at its time limit).
    if (ending && serverUrl) await logout(serverUrl, ending.refreshToken).catch(() => undefined);
    this.current = null;
    await this.bridge.tokens.clear();
    this.state.update({ user: null, ...(this.revoked ? {} : { notice }) });
  }

  /** Records holding changes the sync server has not confirmed (what a wipe would lose). */
  async unconfirmedWork(): Promise<UnconfirmedRecord[]> {
    return unconfirmedWork(this.store.db, this.sync ? await this.sync.unconfirmedIds() : []);
  }

  /** Home visits paused on this laptop (a wipe deletes them too), oldest first. */
  async pausedVisits(): Promise<PausedVisit[]> {
    return pausedVisits(this.store.db, await pausedVisitEntries());
  }

  /** Throws UnconfirmedWorkError naming what `what` would lose, if anything. */
  private async refuseToLoseWork(what: string): Promise<void> {
    const [records, visits] = await Promise.all([this.unconfirmedWork(), this.pausedVisits()]);
    if (records.length > 0 || visits.length > 0) throw new UnconfirmedWorkError(records, what, visits);
  }

  /**
   * Removes every record, paused visit and setting from this device and signs out. Throws
   * UnconfirmedWorkError (nothing removed) when records hold unconfirmed changes or visits are paused,
   * unless `choice.discardUnconfirmed`.
   */
  async wipe(notice: string | null, choice: DiscardChoice = {}): Promise<void> {
    if (!choice.discardUnconfirmed) await this.refuseToLoseWork('removing Waymark data from this laptop');
    await this.stopSync();
    await this.store.closeAll();
    this.store.db.close();
    await deleteVisitDrafts();
    await this.bridge.wipeLocalData();
    this.lock.forget();
    await this.store.db.open();
    this.current = null;
    this.state.update({ user: null, notice });
  }

  private async keep(answer: LoginResponse): Promise<void> {
    this.current = { ...(await saveTokens(this.bridge, answer)), user: answer.user };
    await this.store.db.settings.put({ key: USER_KEY, value: answer.user });
  }

  /** This installation's device identity, made (and stored) on first use. */
  private async deviceIdentity(): Promise<DeviceIdentity> {
    const existing = await loadDeviceIdentity();
    if (existing) return existing;
    const legacy = (await this.store.db.settings.get(LEGACY_DEVICE_KEY))?.value;
    const identity = await createDeviceIdentity(typeof legacy === 'string' ? legacy : undefined);
    await saveDeviceIdentity(identity);
    return identity;
  }

  /** A token valid for at least another minute, refreshed when needed (access-token.ts). */
  private token = async (): Promise<string> => {
    const current = this.current;
    const serverUrl = this.state.get().serverUrl;
    if (!current || !serverUrl) throw new SyncApiError('invalid-token', 'Not signed in.', 401);
    const tokens = await freshTokens(this.bridge, serverUrl);
    if (this.current === current) this.current = { ...tokens, user: current.user };
    return tokens.token;
  };

  private startSync(serverUrl: string): void {
    if (this.sync || this.starting) return;
    // The sync client (Hocuspocus) loads on first use, after the caseload has rendered.
    this.starting = import('./sync-client.ts')
      .then(({ SyncClient }) => {
        if (this.current) this.runSync(SyncClient, serverUrl);
      })
      .catch(() => {
        // The browser build fetches this code from its web server, so offline it cannot load yet: the
        // laptop's records stay usable and sync starts when the network is back. (The desktop app's
        // code is on the laptop and always loads.)
        window.addEventListener('online', () => this.startSync(serverUrl), { once: true });
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
    // An administrator has no case records to sync (the server refuses them: server/sync/access.ts).
    if (this.sync || !user || user.role === 'admin') return;
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
   * server refuses it. The person holding it is told how many records lost changes and how many paused
   * home visits were deleted, so a PA can record them again from their notes (see docs/user-guide.md).
   */
  private async revokedWipe(): Promise<void> {
    const lost = (await this.unconfirmedWork().catch(() => [])).length;
    const paused = (await this.pausedVisits().catch(() => [])).length;
    await this.wipe(
      'This laptop was removed from Waymark by your administrator, so its local records were deleted. ' +
        (lost > 0
          ? `${recordsHave(lost)} changes that had not reached the server; tell your team manager what you recorded. `
          : '') +
        (paused > 0
          ? `${paused === 1 ? '1 paused home visit was' : `${paused} paused home visits were`} deleted too. `
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
