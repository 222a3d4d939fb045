import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { LockGate, type UnlockedBy } from './app/LockGate.tsx';
import { BridgeProvider } from './bridge/bridge-context.tsx';
import { resolveBridge } from './bridge/resolve-bridge.ts';
import { WaymarkDatabase } from './db/local-database.ts';
import { projectForCaseload } from './db/record-codec.ts';
import { RecordStore } from './db/record-store.ts';
import { RecordStoreProvider } from './db/store-context.tsx';
import { TeamSettingsFollower } from './db/team-settings.ts';
import { todayIso } from './db/today.ts';
import { Session } from './sync/session.ts';
import { SessionProvider } from './sync/session-context.tsx';
import './ui/app.css';

const container = document.getElementById('root');
if (!container) throw new Error('Waymark: the page has no #root element to render into.');

const bridge = resolveBridge();
// Dexie opens the database on first use: nothing here reads it until the lock screen is lifted.
const db = new WaymarkDatabase();
// The caseload rows use the team's settings kept on this laptop (contact threshold, local targets).
const teamSettings = new TeamSettingsFollower();
const store = new RecordStore({
  db,
  today: todayIso,
  project: (doc, today) => projectForCaseload(doc, today, teamSettings.current),
});
const session = new Session(bridge, store);

let opened = false;
/** The first time the lock is lifted: restore the saved session and bring the caseload up to date. */
function openCaseData(by: UnlockedBy): void {
  if (opened) return;
  opened = true;
  // A full sign-in has just started sync; after the offline password check, resume the saved session.
  if (by === 'password') void session.restore();
  // Overdue, in-touch and exception flags depend on the date: recompute the caseload when the day changes,
  // and when the team's settings change (a manager's new contact threshold arrives after a sync).
  void teamSettings.follow(db, () => void store.rebuildProjection()).then(() => store.refreshIfStale());
  setInterval(() => void store.refreshIfStale(), 60 * 60 * 1000);
}

createRoot(container).render(
  <StrictMode>
    <BridgeProvider bridge={bridge}>
      <RecordStoreProvider store={store}>
        <SessionProvider session={session}>
          <LockGate onUnlocked={openCaseData}>
            <App />
          </LockGate>
        </SessionProvider>
      </RecordStoreProvider>
    </BridgeProvider>
  </StrictMode>,
);
