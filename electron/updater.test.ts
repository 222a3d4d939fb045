import { describe, expect, it } from 'vitest';
import type { UpdateStatus } from '../shared/bridge.ts';
import {
  createUpdateService,
  detectInstallKind,
  isSignedBuildUpdateConfig,
  updateUnsupportedReason,
} from './updater.ts';
import type { UpdateScheduler, UpdaterLike } from './updater.ts';

type Listener = (...args: never[]) => void;

/** A fake electron-updater AppUpdater that records its configuration and lets the test emit events. */
function fakeUpdater(checkResult: () => Promise<unknown> = async () => null) {
  const listeners = new Map<string, Listener[]>();
  const feeds: unknown[] = [];
  let checks = 0;
  const updater: UpdaterLike = {
    autoDownload: false,
    autoInstallOnAppQuit: false,
    allowDowngrade: true,
    allowPrerelease: true,
    forceDevUpdateConfig: true,
    channel: null,
    setFeedURL: (options) => {
      feeds.push(options);
    },
    checkForUpdates: () => {
      checks += 1;
      return checkResult();
    },
    on: (event: string, listener: Listener) => {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return updater;
    },
  };
  const emit = (event: string, ...args: unknown[]): void => {
    for (const listener of listeners.get(event) ?? []) (listener as (...a: unknown[]) => void)(...args);
  };
  return { updater, feeds, emit, checks: () => checks };
}

function manualScheduler() {
  const callbacks: (() => void)[] = [];
  const scheduler: UpdateScheduler = {
    setInterval: (callback) => callbacks.push(callback),
    clearInterval: () => callbacks.splice(0),
  };
  return { scheduler, tick: () => callbacks.forEach((c) => c()), callbacks };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('update service', () => {
  it('configures a generic private feed with downgrades and pre-releases off', () => {
    const fake = fakeUpdater();
    const service = createUpdateService({
      updater: () => fake.updater,
      updateUrl: 'https://updates.council.example/waymark/',
      channel: 'beta',
      unsupportedReason: null,
      scheduler: manualScheduler().scheduler,
    });
    service.start();
    expect(fake.feeds).toEqual([
      { provider: 'generic', url: 'https://updates.council.example/waymark/', channel: 'beta' },
    ]);
    expect(fake.updater).toMatchObject({
      channel: 'beta',
      allowDowngrade: false,
      allowPrerelease: false,
      forceDevUpdateConfig: false,
      autoDownload: true,
      autoInstallOnAppQuit: true,
    });
    expect(fake.checks()).toBe(1);
  });

  it('maps updater events to UpdateStatus and notifies subscribers', () => {
    const fake = fakeUpdater();
    const service = createUpdateService({
      updater: () => fake.updater,
      updateUrl: 'https://updates.council.example/',
      channel: 'stable',
      unsupportedReason: null,
      scheduler: manualScheduler().scheduler,
    });
    const seen: UpdateStatus[] = [];
    const unsubscribe = service.onStatus((status) => seen.push(status));
    expect(service.status()).toEqual({ state: 'idle' });
    service.start();
    fake.emit('checking-for-update');
    fake.emit('update-available', { version: '0.2.0', files: [] });
    fake.emit('download-progress', { percent: 41.6, total: 10, transferred: 4, delta: 1, bytesPerSecond: 1 });
    fake.emit('download-progress', { percent: Number.NaN });
    fake.emit('update-downloaded', { version: '0.2.0' });
    fake.emit('error', new Error('sha512 checksum mismatch'));
    fake.emit('update-not-available', { version: '0.1.0' });
    expect(seen).toEqual([
      { state: 'checking' },
      { state: 'available', version: '0.2.0' },
      { state: 'downloading', percent: 42 },
      { state: 'downloading', percent: 0 },
      { state: 'ready', version: '0.2.0' },
      { state: 'error', message: 'sha512 checksum mismatch' },
      { state: 'idle' },
    ]);
    unsubscribe();
    fake.emit('checking-for-update');
    expect(seen).toHaveLength(7);
    expect(service.status()).toEqual({ state: 'checking' });
  });

  it('checks periodically, but not once an update is ready, and reports a failed check', async () => {
    const fake = fakeUpdater(async () => {
      throw new Error('net::ERR_NAME_NOT_RESOLVED');
    });
    const { scheduler, tick, callbacks } = manualScheduler();
    const service = createUpdateService({
      updater: () => fake.updater,
      updateUrl: 'https://updates.council.example/',
      channel: 'stable',
      unsupportedReason: null,
      scheduler,
    });
    service.start();
    await flush();
    expect(service.status()).toEqual({ state: 'error', message: 'net::ERR_NAME_NOT_RESOLVED' });
    tick();
    expect(fake.checks()).toBe(2);
    fake.emit('update-downloaded', { version: '0.3.0' });
    tick();
    expect(fake.checks()).toBe(2);
    service.stop();
    expect(callbacks).toHaveLength(0);
  });

  it('stays unsupported, never touching the updater, when updates cannot run', async () => {
    const fake = fakeUpdater();
    let created = 0;
    const service = createUpdateService({
      updater: () => {
        created += 1;
        return fake.updater;
      },
      updateUrl: null,
      channel: 'stable',
      unsupportedReason: 'Updates are turned off: no update server is set by managed policy.',
      scheduler: manualScheduler().scheduler,
    });
    service.start();
    await service.checkNow();
    expect(fake.feeds).toEqual([]);
    expect(fake.checks()).toBe(0);
    expect(created).toBe(0);
    expect(service.status()).toEqual({
      state: 'unsupported',
      reason: 'Updates are turned off: no update server is set by managed policy.',
    });
  });
});

describe('when updates are supported', () => {
  const base = {
    updateUrl: 'https://updates.council.example/',
    isPackaged: true,
    signedBuild: true,
  } as const;

  it.each([
    [{ ...base, installKind: 'nsis' }, null],
    [{ ...base, installKind: 'dmg' }, null],
    [{ ...base, installKind: 'appimage' }, null],
    [{ ...base, installKind: 'msi' }, /MSI package: your IT team deploys updates/],
    [{ ...base, installKind: 'deb' }, /package manager/],
    [{ ...base, installKind: 'nsis', signedBuild: false }, /not code-signed/],
    [{ ...base, installKind: 'nsis', isPackaged: false }, /development build/],
    [{ ...base, installKind: 'nsis', updateUrl: null }, /turned off/],
    [{ ...base, installKind: 'unknown' }, /not supported/],
  ] as const)('%j', (input, expected) => {
    const reason = updateUnsupportedReason(input);
    if (expected === null) expect(reason).toBeNull();
    else expect(reason).toMatch(expected);
  });

  it('detects NSIS, MSI, AppImage, deb and dmg installs', () => {
    const input = {
      execPath: 'C:\\Program Files\\Waymark\\Waymark.exe',
      env: {},
      productName: 'Waymark',
      dirname: (p: string) => p.slice(0, p.lastIndexOf('\\')),
      join: (...parts: string[]) => parts.join('\\'),
    };
    const nsisFile = 'C:\\Program Files\\Waymark\\Uninstall Waymark.exe';
    expect(detectInstallKind({ ...input, platform: 'win32', fileExists: (p) => p === nsisFile })).toBe(
      'nsis',
    );
    expect(detectInstallKind({ ...input, platform: 'win32', fileExists: () => false })).toBe('msi');
    expect(
      detectInstallKind({
        ...input,
        platform: 'linux',
        env: { APPIMAGE: '/opt/Waymark.AppImage' },
        fileExists: () => false,
      }),
    ).toBe('appimage');
    expect(detectInstallKind({ ...input, platform: 'linux', fileExists: () => false })).toBe('deb');
    expect(detectInstallKind({ ...input, platform: 'darwin', fileExists: () => false })).toBe('dmg');
  });

  it('recognises a signed build from app-update.yml', () => {
    expect(
      isSignedBuildUpdateConfig(
        'provider: generic\nurl: https://u.example/\npublisherName:\n  - Example Council\n',
      ),
    ).toBe(true);
    expect(isSignedBuildUpdateConfig('provider: generic\nurl: https://u.example/\n')).toBe(false);
    expect(isSignedBuildUpdateConfig('publisherName: ""\n')).toBe(false);
    expect(isSignedBuildUpdateConfig(': : [')).toBe(false);
    expect(isSignedBuildUpdateConfig(null)).toBe(false);
  });
});
