/**
 * Builds the object the preload exposes as `window.waymark`. Every method is an `ipcRenderer.invoke` on a
 * named channel; event subscriptions hand the renderer only the payload, never Electron's event object
 * (which would leak `sender`). No Node or Electron object crosses the context bridge.
 *
 * Imports only channel-name constants so the bundled preload stays small and self-contained.
 */
import type { AppInfo, ManagedPolicy, UpdateStatus, WaymarkBridge } from '../shared/bridge.ts';
import type { IdleLockEvent } from './idle-lock.ts';
import { EVENTS, INVOKE } from './ipc-channels.ts';

export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

function subscribe<T>(ipc: IpcRendererLike, channel: string, listener: (payload: T) => void): () => void {
  const wrapped = (_event: unknown, payload: unknown): void => listener(payload as T);
  ipc.on(channel, wrapped);
  return () => {
    ipc.removeListener(channel, wrapped);
  };
}

export function createPreloadBridge(ipc: IpcRendererLike) {
  return {
    appInfo: () => ipc.invoke(INVOKE.appInfo) as Promise<AppInfo>,
    tokens: {
      save: async (token: string) => {
        await ipc.invoke(INVOKE.tokensSave, token);
      },
      load: () => ipc.invoke(INVOKE.tokensLoad) as Promise<string | null>,
      clear: async () => {
        await ipc.invoke(INVOKE.tokensClear);
      },
    },
    policy: () => ipc.invoke(INVOKE.policy) as Promise<ManagedPolicy>,
    updateStatus: () => ipc.invoke(INVOKE.updateStatus) as Promise<UpdateStatus>,
    onUpdateStatus: (listener) => subscribe<UpdateStatus>(ipc, EVENTS.updateStatus, listener),
    onIdleLock: (listener) => subscribeIdleLock(ipc, listener),
    printToPdf: () => ipc.invoke(INVOKE.printToPdf) as Promise<Uint8Array>,
    wipeLocalData: async () => {
      await ipc.invoke(INVOKE.wipeLocalData);
    },
  } satisfies WaymarkBridge;
}

/** Idle-lock subscription behind `WaymarkBridge.onIdleLock`. */
export function subscribeIdleLock(
  ipc: IpcRendererLike,
  listener: (event: IdleLockEvent) => void,
): () => void {
  return subscribe<IdleLockEvent>(ipc, EVENTS.idleLock, listener);
}
