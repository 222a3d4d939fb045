/**
 * Electron main process: wiring only. Every decision lives in a small module with its Electron APIs
 * injected (and unit-tested under Node); this file passes the real `electron` objects to them.
 */
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { app, BrowserWindow, ipcMain, powerMonitor, protocol, safeStorage, session, shell } from 'electron';
import electronUpdater from 'electron-updater';
import type { AppInfo, ManagedPolicy } from '../shared/bridge.ts';
import { APP_ENTRY_URL, APP_SCHEME } from './app-origin.ts';
import { createAppProtocolHandler } from './app-protocol.ts';
import { withDevelopmentSyncUrl } from './development-sync-url.ts';
import { buildContentSecurityPolicy } from './content-security.ts';
import type { NetworkPolicy } from './content-security.ts';
import { createIdleLock } from './idle-lock.ts';
import { EVENTS } from './ipc-contract.ts';
import { registerIpcHandlers } from './ipc-handlers.ts';
import { wipeLocalData } from './local-data.ts';
import { installNavigationGuards } from './navigation-guard.ts';
import { fileExists, readFileBytes, runCommand, tokenFileSystem } from './node-adapters.ts';
import { formatPolicyProblems, resolvePolicy } from './policy-schema.ts';
import { readManagedPolicySources } from './policy-sources.ts';
import { readUserPolicySettings } from './policy-user.ts';
import { hardenSession } from './session-hardening.ts';
import { createTokenStore } from './token-store.ts';
import {
  createUpdateService,
  detectInstallKind,
  isSignedBuildUpdateConfig,
  updateUnsupportedReason,
} from './updater.ts';
import { userDataOverride } from './user-data-path.ts';
import { createMainWindowOptions } from './window-options.ts';

const PRODUCT_NAME = 'Waymark';

// Must run before 'ready': app:// is a standard, secure origin (IndexedDB, fetch, code cache work) that
// does not bypass CSP.
protocol.registerSchemesAsPrivileged([
  {
    scheme: APP_SCHEME,
    privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
  },
]);
app.enableSandbox();
// Before anything reads userData (the single-instance lock lives there too): keep data out of the
// Windows roaming profile.
const userData = userDataOverride(process.platform, process.env, PRODUCT_NAME, path.join);
if (userData !== null) app.setPath('userData', userData);

let mainWindow: BrowserWindow | null = null;

function sendToRenderer(channel: string, payload: unknown): void {
  if (mainWindow !== null && !mainWindow.isDestroyed() && !mainWindow.webContents.isDestroyed()) {
    mainWindow.webContents.send(channel, payload);
  }
}

async function loadPolicy(): Promise<ManagedPolicy> {
  try {
    return await readPolicy();
  } catch (error) {
    // The readers report problems rather than throw; this is the last line of defence: start with defaults.
    console.warn(
      'policy: could not be read, using defaults:',
      error instanceof Error ? error.message : String(error),
    );
    return resolvePolicy([]).policy;
  }
}

async function readPolicy(): Promise<ManagedPolicy> {
  const sources = await readManagedPolicySources({
    platform: process.platform,
    run: runCommand,
    readFile: readFileBytes,
    regExe: path.join(process.env.SystemRoot ?? 'C:\\Windows', 'System32', 'reg.exe'),
  });
  const settingsFile = path.join(app.getPath('userData'), 'settings.json');
  const user = await readUserPolicySettings(readFileBytes, settingsFile);
  // `npm start` runs an embedded sync server and passes its URL (development builds only).
  const development = withDevelopmentSyncUrl({
    settings: user.settings,
    env: process.env,
    isPackaged: app.isPackaged,
  });
  const resolved = resolvePolicy(sources, development.settings, settingsFile);
  for (const line of formatPolicyProblems([...user.problems, ...development.problems, ...resolved.problems]))
    console.warn(line);
  return resolved.policy;
}

async function readAppUpdateConfig(): Promise<string | null> {
  try {
    // app.getAppPath() is <resources>/app.asar in an installed build; app-update.yml sits beside it.
    return await readFile(path.join(path.dirname(app.getAppPath()), 'app-update.yml'), 'utf8');
  } catch {
    return null;
  }
}

async function start(): Promise<void> {
  await app.whenReady();
  const policy = await loadPolicy();
  // Connections are pinned to the configured sync server, whoever set it (shared/csp.ts).
  const network: NetworkPolicy = { syncServerUrl: policy.syncServerUrl.value };
  const defaultSession = session.defaultSession;

  hardenSession(defaultSession, {
    network: () => network,
    onBlockedRequest: (origin, type) => console.warn(`blocked ${type} request to ${origin}`),
    onDeniedPermission: (permission) => console.warn(`denied permission request: ${permission}`),
  });

  const rendererRoot = path.join(app.getAppPath(), 'dist', 'renderer');
  protocol.handle(
    APP_SCHEME,
    createAppProtocolHandler({
      rootDir: rendererRoot,
      readFile: readFileBytes,
      contentSecurityPolicy: () => buildContentSecurityPolicy(network),
    }),
  );

  const tokens = createTokenStore({
    safeStorage,
    platform: process.platform,
    filePath: path.join(app.getPath('userData'), 'sync-token.bin'),
    fs: tokenFileSystem,
  });

  const installKind = detectInstallKind({
    platform: process.platform,
    execPath: process.execPath,
    env: process.env,
    productName: PRODUCT_NAME,
    fileExists,
    dirname: path.dirname,
    join: path.join,
  });
  const updates = createUpdateService({
    updater: () => electronUpdater.autoUpdater,
    updateUrl: policy.updateUrl.value,
    channel: policy.updateChannel.value,
    unsupportedReason: updateUnsupportedReason({
      updateUrl: policy.updateUrl.value,
      isPackaged: app.isPackaged,
      installKind,
      signedBuild: process.platform !== 'win32' || isSignedBuildUpdateConfig(await readAppUpdateConfig()),
    }),
    scheduler: { setInterval, clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout) },
  });
  updates.onStatus((status) => sendToRenderer(EVENTS.updateStatus, status));

  const appInfo: AppInfo = {
    name: PRODUCT_NAME,
    version: app.getVersion(),
    host: 'electron',
    platform: process.platform,
  };
  registerIpcHandlers(ipcMain, {
    appInfo: () => appInfo,
    tokens,
    policy: () => policy,
    updateStatus: () => updates.status(),
    wipeLocalData: () => wipeLocalData({ session: defaultSession, clearToken: () => tokens.clear() }),
  });

  const idleLock = createIdleLock({
    getSystemIdleSeconds: () => powerMonitor.getSystemIdleTime(),
    scheduler: { setInterval, clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout) },
    idleMinutes: policy.idleLockMinutes.value,
    onLock: (event) => sendToRenderer(EVENTS.idleLock, event),
  });
  powerMonitor.on('lock-screen', () => idleLock.lockNow('screen-locked'));
  powerMonitor.on('suspend', () => idleLock.lockNow('suspend'));
  // Belt and braces: if the renderer missed the suspend message, waking up locks too.
  powerMonitor.on('resume', () => idleLock.lockNow('suspend'));

  mainWindow = new BrowserWindow(
    createMainWindowOptions({
      preloadPath: path.join(app.getAppPath(), 'dist', 'electron', 'preload.cjs'),
      platform: process.platform,
      allowDevTools: !app.isPackaged,
    }),
  );
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => {
    mainWindow = null;
    idleLock.stop();
  });
  await mainWindow.loadURL(APP_ENTRY_URL);
  idleLock.start();
  updates.start();
}

if (!app.requestSingleInstanceLock()) {
  // Another Waymark is running (it gets 'second-instance' and comes to the front): two processes must
  // never write the same IndexedDB.
  app.quit();
} else {
  if (process.platform === 'win32') app.setAppUserModelId('uk.gov.waymark');
  app.on('second-instance', () => {
    if (mainWindow === null) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  // Every WebContents, including any created later, gets the navigation and new-window guards.
  app.on('web-contents-created', (_event, contents) => {
    installNavigationGuards(contents, {
      openExternal: (url) => shell.openExternal(url),
      onBlocked: (kind, origin) => console.warn(`blocked ${kind} to ${origin}`),
    });
  });
  app.on('window-all-closed', () => app.quit());
  start().catch((error: unknown) => {
    console.error('Waymark failed to start:', error instanceof Error ? error.message : String(error));
    app.quit();
  });
}
