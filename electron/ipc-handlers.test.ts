import { describe, expect, it } from 'vitest';
import type { ManagedPolicy } from '../shared/bridge.ts';
import { INVOKE } from './ipc-contract.ts';
import { IpcRefusedError, PDF_OPTIONS, registerIpcHandlers, untrustedSenderReason } from './ipc-handlers.ts';
import type { IpcInvokeEventLike, IpcMainLike, MainServices, PdfOptionsLike } from './ipc-handlers.ts';

type Handler = (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown>;

const POLICY: ManagedPolicy = {
  syncServerUrl: { value: 'wss://sync.council.example/sync', locked: true },
  idleLockMinutes: { value: 15, locked: false },
  updateChannel: { value: 'stable', locked: false },
  updateUrl: { value: null, locked: false },
  unlockFailureAction: { value: 'sign-in', locked: false },
};

function setup() {
  const handlers = new Map<string, Handler>();
  const removed: string[] = [];
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => handlers.set(channel, listener),
    removeHandler: (channel) => removed.push(channel),
  };
  const calls: string[] = [];
  let stored: string | null = null;
  const services: MainServices = {
    appInfo: () => ({ name: 'Waymark', version: '0.1.0', host: 'electron', platform: 'linux' }),
    tokens: {
      save: async (token) => {
        calls.push('save');
        stored = token;
      },
      load: async () => stored,
      clear: async () => {
        calls.push('clear');
        stored = null;
      },
    },
    policy: () => POLICY,
    updateStatus: () => ({ state: 'idle' }),
    wipeLocalData: async () => {
      calls.push('wipe');
    },
  };
  const unregister = registerIpcHandlers(ipcMain, services);
  const printed: PdfOptionsLike[] = [];
  const event = (url: string | null, parent: unknown = null): IpcInvokeEventLike => ({
    sender: {
      id: 1,
      printToPDF: async (options) => {
        printed.push(options);
        return new Uint8Array([0x25, 0x50, 0x44, 0x46]);
      },
    },
    senderFrame: url === null ? null : { url, parent },
  });
  const invoke = (channel: string, from: IpcInvokeEventLike, ...args: unknown[]): Promise<unknown> => {
    const handler = handlers.get(channel);
    if (handler === undefined) throw new Error(`no handler for ${channel}`);
    return handler(from, ...args);
  };
  return { handlers, removed, unregister, calls, event, invoke, printed };
}

const APP = 'app://waymark/index.html';

describe('IPC handlers', () => {
  it('registers a handler for every channel and removes them all', () => {
    const { handlers, unregister, removed } = setup();
    expect([...handlers.keys()].sort()).toEqual(Object.values(INVOKE).sort());
    unregister();
    expect(removed.sort()).toEqual(Object.values(INVOKE).sort());
  });

  it('serves the app frame', async () => {
    const { invoke, event, calls, printed } = setup();
    expect(await invoke(INVOKE.appInfo, event(APP))).toMatchObject({ name: 'Waymark', host: 'electron' });
    expect(await invoke(INVOKE.policy, event(APP))).toEqual(POLICY);
    await invoke(INVOKE.tokensSave, event(APP), 'eyJhbGciOiJFUzI1NiJ9.e30.sig');
    expect(await invoke(INVOKE.tokensLoad, event(APP))).toBe('eyJhbGciOiJFUzI1NiJ9.e30.sig');
    const pdf = await invoke(INVOKE.printToPdf, event(APP));
    expect(pdf).toBeInstanceOf(Uint8Array);
    expect(printed).toEqual([PDF_OPTIONS]);
    await invoke(INVOKE.wipeLocalData, event(APP));
    expect(calls).toEqual(['save', 'wipe']);
  });

  it.each([
    ['https://evil.example/', 'the sending frame is not the app (app://waymark)'],
    ['file:///tmp/index.html', 'the sending frame is not the app (app://waymark)'],
    ['app://other/index.html', 'the sending frame is not the app (app://waymark)'],
    ['about:blank', 'the sending frame is not the app (app://waymark)'],
  ])('refuses a sender at %s', async (url, reason) => {
    const { invoke, event, calls } = setup();
    await expect(invoke(INVOKE.tokensSave, event(url), 'abc')).rejects.toThrow(
      `waymark:tokens:save refused: ${reason}`,
    );
    await expect(invoke(INVOKE.wipeLocalData, event(url))).rejects.toBeInstanceOf(IpcRefusedError);
    expect(calls).toEqual([]);
  });

  it('refuses destroyed frames and sub-frames even on the app origin', async () => {
    const { invoke, event } = setup();
    await expect(invoke(INVOKE.tokensLoad, event(null))).rejects.toThrow(
      'the sending frame no longer exists',
    );
    await expect(invoke(INVOKE.tokensLoad, event(APP, { url: APP }))).rejects.toThrow(
      'the sending frame is not the top-level frame',
    );
    expect(untrustedSenderReason(event(APP))).toBeNull();
  });

  it.each([
    [[42], 'argument 1: token must be a string'],
    [[''], 'argument 1: token must not be empty'],
    [['has space'], 'argument 1: token must be printable ASCII without spaces'],
    [['x'.repeat(16_385)], 'argument 1: token is longer than 16384 characters'],
    [[], 'arguments:'],
    [['a', 'b'], 'arguments:'],
  ])('refuses bad token arguments %j', async (args, message) => {
    const { invoke, event, calls } = setup();
    await expect(invoke(INVOKE.tokensSave, event(APP), ...args)).rejects.toThrow(message);
    expect(calls).toEqual([]);
  });

  it('refuses arguments on calls that take none', async () => {
    const { invoke, event, calls } = setup();
    await expect(invoke(INVOKE.wipeLocalData, event(APP), { all: true })).rejects.toThrow(
      'waymark:wipe-local-data refused: arguments:',
    );
    await expect(invoke(INVOKE.printToPdf, event(APP), '/etc/passwd')).rejects.toBeInstanceOf(
      IpcRefusedError,
    );
    expect(calls).toEqual([]);
  });
});
