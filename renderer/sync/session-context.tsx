import { createContext, useCallback, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { Session, SessionState } from './session.ts';
import { initialSyncStatus, type SyncStatus } from './sync-status.ts';

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ session, children }: { session: Session; children: ReactNode }) {
  return <SessionContext value={session}>{children}</SessionContext>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession must be used inside <SessionProvider>.');
  return session;
}

export function useSessionState(): SessionState {
  const session = useSession();
  return useSyncExternalStore(session.state.subscribe, session.state.get);
}

const signedOut = { get: () => initialSyncStatus, subscribe: () => () => undefined };

/** The live sync status, or "signed out" when no sync client runs. */
export function useSyncStatus(): SyncStatus {
  const session = useSession();
  const subscribe = useCallback((onChange: () => void) => session.onSyncClient(onChange), [session]);
  const client = useSyncExternalStore(subscribe, () => session.syncClient);
  const source = client?.status ?? signedOut;
  return useSyncExternalStore(source.subscribe, source.get);
}
