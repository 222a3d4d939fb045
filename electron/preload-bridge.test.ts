import { describe, expect, it } from 'vitest';
import type { UpdateStatus } from '../shared/bridge.ts';
import type { IdleLockEvent } from './idle-lock.ts';
import { EVENTS, INVOKE } from './ipc-contract.ts';
import { createPreloadBridge, subscribeIdleLock } from './preload-bridge.ts';
import type { IpcRendererLike } from './preload-bridge.ts';

function fakeIpcRenderer(replies: Record<string, unknown>) {
  const invoked: unknown[][] = [];
  const listeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>();
  const ipc: IpcRendererLike = {
    invoke: async (channel, ...args) => {
      invoked.push([channel, ...args]);
      return replies[channel];
    },
    on: (channel, listener) => {
      listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener));
    },
    removeListener: (channel, listener) => {
      listeners.get(channel)?.delete(listener);
    },
  };
  const emit = (channel: string, payload: unknown) => {
    const senderLeak = { sender: { executeJavaScript: () => 'leak' } };
    for (const listener of listeners.get(channel) ?? []) listener(senderLeak, payload);
  };
  return { ipc, invoked, emit, count: (channel: string) => listeners.get(channel)?.size ?? 0 };
}

describe('preload bridge', () => {
  it('invokes one named channel per method, passing only the documented arguments', async () => {
    const fake = fakeIpcRenderer({
      [INVOKE.appInfo]: { name: 'Waymark', version: '0.1.0', host: 'electron', platform: 'linux' },
      [INVOKE.tokensLoad]: 'tok',
      [INVOKE.updateStatus]: { state: 'idle' },
      [INVOKE.printToPdf]: new Uint8Array([1]),
    });
    const bridge = createPreloadBridge(fake.ipc);
    expect(await bridge.appInfo()).toMatchObject({ host: 'electron' });
    await bridge.tokens.save('tok');
    expect(await bridge.tokens.load()).toBe('tok');
    await bridge.tokens.clear();
    await bridge.policy();
    expect(await bridge.updateStatus()).toEqual({ state: 'idle' });
    expect(await bridge.printToPdf()).toEqual(new Uint8Array([1]));
    await bridge.wipeLocalData();
    expect(fake.invoked).toEqual([
      [INVOKE.appInfo],
      [INVOKE.tokensSave, 'tok'],
      [INVOKE.tokensLoad],
      [INVOKE.tokensClear],
      [INVOKE.policy],
      [INVOKE.updateStatus],
      [INVOKE.printToPdf],
      [INVOKE.wipeLocalData],
    ]);
  });

  it('forwards update status payloads only (never the IPC event) and unsubscribes', () => {
    const fake = fakeIpcRenderer({});
    const bridge = createPreloadBridge(fake.ipc);
    const seen: unknown[][] = [];
    const unsubscribe = bridge.onUpdateStatus((...args: UpdateStatus[]) => seen.push(args));
    fake.emit(EVENTS.updateStatus, { state: 'checking' });
    expect(seen).toEqual([[{ state: 'checking' }]]);
    unsubscribe();
    expect(fake.count(EVENTS.updateStatus)).toBe(0);
    fake.emit(EVENTS.updateStatus, { state: 'idle' });
    expect(seen).toHaveLength(1);
  });

  it('has the idle-lock subscription ready for the proposed bridge member', () => {
    const fake = fakeIpcRenderer({});
    const events: IdleLockEvent[] = [];
    const unsubscribe = subscribeIdleLock(fake.ipc, (event) => events.push(event));
    fake.emit(EVENTS.idleLock, { reason: 'idle', idleSeconds: 900 });
    unsubscribe();
    fake.emit(EVENTS.idleLock, { reason: 'suspend', idleSeconds: 0 });
    expect(events).toEqual([{ reason: 'idle', idleSeconds: 900 }]);
  });
});
