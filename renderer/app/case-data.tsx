/**
 * The case data and the app around it, loaded while the lock screen shows (renderer/main.tsx): the
 * laptop's database, the record store, the session and the app's pages. Creating them reads nothing:
 * Dexie opens the database on first use, and nothing uses it until the lock is lifted. The record code
 * (Yjs, y-indexeddb, the projection) loads when the first record is opened; the caseload rows use the
 * team's settings kept on this laptop (contact threshold, local targets).
 */
import type { JSX } from 'react';
import type { WaymarkBridge } from '../../shared/bridge.ts';
import { WaymarkDatabase } from '../db/local-database.ts';
import { RecordStore } from '../db/record-store.ts';
import { RecordStoreProvider } from '../db/store-context.tsx';
import { TeamSettingsFollower } from '../db/team-settings.ts';
import { todayIso } from '../db/today.ts';
import type { LocalLock } from '../sync/local-lock.ts';
import { Session, type SessionState } from '../sync/session.ts';
import { SessionProvider } from '../sync/session-context.tsx';
import type { StatusStore } from '../sync/sync-status.ts';
import { App } from './App.tsx';
import { afterFirstScreen } from './first-screen.ts';
import type { UnlockedBy } from './LockGate.tsx';

export interface CaseData {
  readonly session: Session;
  /** Called each time the lock is lifted, before the app mounts. */
  readonly opened: (by: UnlockedBy) => void;
  /** The app, with the store and the session it reads. */
  readonly CaseApp: () => JSX.Element;
}

/** The case data for the lock screen's `lock` and session `state` (renderer/sync/lock-session.ts). */
export function createCaseData(
  bridge: WaymarkBridge,
  lock: LocalLock,
  state: StatusStore<SessionState>,
): CaseData {
  const teamSettings = new TeamSettingsFollower();
  const db = new WaymarkDatabase();
  const store = new RecordStore({ db, today: todayIso, settings: () => teamSettings.current });
  const session = new Session(bridge, store, lock, state);

  let first = true;
  /** The first time the lock is lifted: restore the saved session and bring the caseload up to date. */
  const opened = (by: UnlockedBy): void => {
    if (!first) return;
    first = false;
    // Open the laptop's database now, while React mounts the app, rather than when the caseload's first
    // query asks for it: the open (tens of ms, more on a loaded laptop) overlaps the render. It reads no
    // rows. A failure is left to that first query, which reports it where it is shown.
    db.open().catch(() => undefined);
    // A full sign-in has just started sync; after the offline password check, resume the saved session.
    if (by === 'password') void session.restore();
    // Overdue, in-touch and exception flags depend on the date: recompute the caseload when the day
    // changes, and when the team's settings change (a manager's new contact threshold arrives after a sync).
    // Checking reads every row, and a rebuild reads every record: both wait until the first screen is drawn.
    void afterFirstScreen()
      .then(() => teamSettings.follow(db, () => void store.rebuildProjection()))
      .then(() => store.refreshIfStale());
    setInterval(() => void store.refreshIfStale(), 60 * 60 * 1000);
  };

  const CaseApp = () => (
    <RecordStoreProvider store={store}>
      <SessionProvider session={session}>
        <App />
      </SessionProvider>
    </RecordStoreProvider>
  );
  return { session, opened, CaseApp };
}
