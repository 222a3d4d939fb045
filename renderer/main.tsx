import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { CaseData } from './app/case-data.tsx';
import { LockGate } from './app/LockGate.tsx';
import { BridgeProvider } from './bridge/bridge-context.tsx';
import { resolveBridge } from './bridge/resolve-bridge.ts';
import { LocalLock } from './sync/local-lock.ts';
import { DeferredLockSession, SIGNED_OUT } from './sync/lock-session.ts';
import type { SessionState } from './sync/session.ts';
import { StatusStore } from './sync/sync-status.ts';
import './ui/app.css';

const container = document.getElementById('root');
if (!container) throw new Error('Waymark: the page has no #root element to render into.');

const bridge = resolveBridge();
// The first screen is the lock screen (or the sign-in page), and this module holds only its code. The
// case data's code (Dexie, the session, the caseload and the other pages) loads while it shows.
const lock = new LocalLock();
const state = new StatusStore<SessionState>(SIGNED_OUT);
const caseData = import('./app/case-data.tsx').then((m) => m.createCaseData(bridge, lock, state));
const session = new DeferredLockSession(
  lock,
  state,
  caseData.then((data) => data.session),
);
let loaded: CaseData | null = null;
void caseData.then((data) => {
  loaded = data;
});

/**
 * The app once its code has loaded (almost always while the lock screen showed). Not React.lazy: a
 * suspended tree is revealed no sooner than 300 ms later, even when its code is already there.
 */
function CaseApp() {
  const [data, setData] = useState(loaded);
  useEffect(() => {
    if (!data) void caseData.then(setData);
  }, [data]);
  return data ? <data.CaseApp /> : <p>Loading…</p>;
}

createRoot(container).render(
  <StrictMode>
    <BridgeProvider bridge={bridge}>
      <LockGate session={session} onUnlocked={(by) => void caseData.then((data) => data.opened(by))}>
        <CaseApp />
      </LockGate>
    </BridgeProvider>
  </StrictMode>,
);
