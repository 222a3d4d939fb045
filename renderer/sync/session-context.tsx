import { useCallback, useSyncExternalStore, type ReactNode } from 'react';
import { createRequiredContext } from '../ui/required-context.ts';
import type { Session, SessionState } from './session.ts';
import { initialSyncStatus, type SyncStatus } from './sync-status.ts';

const [SessionContext, useSessionContext] = createRequiredContext<Session>('useSession', 'SessionProvider');

export function SessionProvider({ session, children }: { session: Session; children: ReactNode }) {
  return <SessionContext value={session}>{children}</SessionContext>;
}

export const useSession: () => Session = useSessionContext;

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
