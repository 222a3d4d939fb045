import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { CaseData } from './app/case-data.tsx';
import { afterNextPaint } from './app/first-screen.ts';
import { LockGate } from './app/LockGate.tsx';
import { BridgeProvider } from './bridge/bridge-context.tsx';
import { loadSessionStorage } from './bridge/browser-bridge.ts';
import { resolveBridge } from './bridge/resolve-bridge.ts';
import { LocalLock } from './sync/local-lock.ts';
import { deferredLockSession, SIGNED_OUT } from './sync/lock-session.ts';
import type { SessionState } from './sync/session.ts';
import { StatusStore } from './sync/sync-status.ts';
import './ui/app.css';

const container = document.getElementById('root');
if (!container) throw new Error('Waymark: the page has no #root element to render into.');

const bridge = resolveBridge();
// The first screen is the lock screen (or the sign-in page), and this module holds only its code. The
// case data's code (Dexie, the session, the caseload and the other pages) loads once it is on screen,
// so its download and start-up do not hold up the lock screen's first paint.
const lock = new LocalLock();
const state = new StatusStore<SessionState>(SIGNED_OUT);
let caseData: Promise<CaseData> | null = null;
let loaded: CaseData | null = null;
function loadCaseData(): Promise<CaseData> {
  caseData ??= import('./app/case-data.tsx').then(
    (m) => {
      // For the first-render benchmark (bench/first-paint.bench.ts): whether this code was in before unlocking.
      performance.mark('waymark-case-data-loaded');
      loaded = m.createCaseData(bridge, lock, state);
      return loaded;
    },
    (error: unknown) => {
      caseData = null; // not loaded (the browser build offline): the next use asks again
      throw error;
    },
  );
  return caseData;
}
const session = deferredLockSession(bridge, lock, state, () => loadCaseData().then((data) => data.session));

/** Starts loading the case data once the first screen has been painted. */
function LoadCaseDataAfterFirstPaint() {
  useEffect(
    () =>
      afterNextPaint(() => {
        loadSessionStorage();
        void loadCaseData();
      }),
    [],
  );
  return null;
}

/**
 * The app once its code has loaded (almost always while the lock screen showed). Not React.lazy: a
 * suspended tree is revealed no sooner than 300 ms later, even when its code is already there.
 */
function CaseApp() {
  const [data, setData] = useState(loaded);
  useEffect(() => {
    if (!data) void loadCaseData().then(setData);
  }, [data]);
  return data ? <data.CaseApp /> : <p>Loading…</p>;
}

createRoot(container).render(
  <StrictMode>
    <BridgeProvider bridge={bridge}>
      <LoadCaseDataAfterFirstPaint />
      <LockGate session={session} onUnlocked={(by) => void loadCaseData().then((data) => data.opened(by))}>
        <CaseApp />
      </LockGate>
    </BridgeProvider>
  </StrictMode>,
);
