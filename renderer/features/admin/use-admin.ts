/**
 * The administrator's server calls for the signed-in laptop, and a small loader for what a page shows:
 * the data, a plain-English problem when the server refused or could not be reached, and a reload.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useBridge } from '../../bridge/bridge-context.tsx';
import { useSessionState } from '../../sync/session-context.tsx';
import { adminServer, type AdminServer } from './admin-server.ts';

export function useAdminServer(): AdminServer | null {
  const bridge = useBridge();
  const { serverUrl } = useSessionState();
  return useMemo(() => (serverUrl ? adminServer(bridge, serverUrl) : null), [bridge, serverUrl]);
}

export interface Loaded<T> {
  /** undefined while loading. */
  readonly data: T | undefined;
  readonly problem: string | null;
  reload(): void;
}

export function useAdminLoad<T>(load: (server: AdminServer) => Promise<T>, key: string): Loaded<T> {
  const server = useAdminServer();
  const [state, setState] = useState<{ key: string; data: T | undefined; problem: string | null }>({
    key,
    data: undefined,
    problem: null,
  });
  const [round, setRound] = useState(0);
  // `load` is identified by `key`: a new key (another person, another team) loads again.
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  });
  useEffect(() => {
    if (!server) return;
    let live = true;
    loadRef.current(server).then(
      (data) => {
        if (live) setState({ key, data, problem: null });
      },
      (error: unknown) => {
        if (live) setState((current) => ({ ...current, key, problem: problemOf(error) }));
      },
    );
    return () => {
      live = false;
    };
  }, [server, key, round]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  if (!server)
    return {
      data: undefined,
      problem: 'No sync server is set for this laptop. Ask IT to set one by policy.',
      reload,
    };
  const current = state.key === key;
  return { data: current ? state.data : undefined, problem: current ? state.problem : null, reload };
}

/** A message for a failed call, for a page's error summary or notice. */
export function problemOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
