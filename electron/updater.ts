/**
 * Auto-update with electron-updater from a private generic server whose URL comes from managed policy.
 * Signature checks stay on: on Windows the NSIS updater checks the downloaded installer's Authenticode
 * signature against the publisher in app-update.yml (written at build time from the signing certificate),
 * so an unsigned build does not update itself at all; macOS (Squirrel.Mac) requires the same Developer ID
 * designated requirement. Downgrades are refused, so a wrong or stale channel file cannot roll a device
 * back. Channel files on the server are `<channel>.yml`, `<channel>-mac.yml`, `<channel>-linux.yml`.
 *
 * electron-updater cannot update MSI installs (DESIGN.md §4): MSI is for IT-managed deployment, which
 * ships updates through Group Policy/Intune; .deb installs update through the package manager.
 */
import { parse as parseYaml } from 'yaml';
import type { UpdateStatus } from '../shared/bridge.ts';

export interface UpdateInfoLike {
  readonly version: string;
}

export interface ProgressInfoLike {
  readonly percent: number;
}

/** The parts of electron-updater's AppUpdater this module drives. */
export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowDowngrade: boolean;
  allowPrerelease: boolean;
  forceDevUpdateConfig: boolean;
  channel: string | null;
  setFeedURL(options: { readonly provider: 'generic'; readonly url: string; readonly channel: string }): void;
  checkForUpdates(): Promise<unknown>;
  on(event: 'checking-for-update' | 'update-not-available', listener: () => void): unknown;
  on(event: 'update-available' | 'update-downloaded', listener: (info: UpdateInfoLike) => void): unknown;
  on(event: 'download-progress', listener: (progress: ProgressInfoLike) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export type InstallKind = 'nsis' | 'msi' | 'dmg' | 'appimage' | 'deb' | 'unknown';

export interface InstallKindInput {
  readonly platform: string;
  /** process.execPath */
  readonly execPath: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly productName: string;
  fileExists(filePath: string): boolean;
  dirname(filePath: string): string;
  join(...parts: string[]): string;
}

/** NSIS installs leave "Uninstall <product>.exe" beside the app; MSI installs do not. */
export function detectInstallKind(input: InstallKindInput): InstallKind {
  switch (input.platform) {
    case 'win32':
      return input.fileExists(input.join(input.dirname(input.execPath), `Uninstall ${input.productName}.exe`))
        ? 'nsis'
        : 'msi';
    case 'darwin':
      return 'dmg';
    case 'linux':
      return input.env.APPIMAGE !== undefined && input.env.APPIMAGE !== '' ? 'appimage' : 'deb';
    default:
      return 'unknown';
  }
}

export interface UpdateSupportInput {
  readonly updateUrl: string | null;
  readonly isPackaged: boolean;
  readonly installKind: InstallKind;
  /** True when app-update.yml names a publisher, i.e. the build was code-signed (Windows). */
  readonly signedBuild: boolean;
}

/** Null when self-update can run, else why not (shown in the app as the "unsupported" reason). */
export function updateUnsupportedReason(input: UpdateSupportInput): string | null {
  if (input.updateUrl === null) return 'Updates are turned off: no update server is set by managed policy.';
  if (!input.isPackaged) return 'This is a development build; only installed builds update themselves.';
  switch (input.installKind) {
    case 'msi':
      return 'Installed from the MSI package: your IT team deploys updates (Group Policy or Intune).';
    case 'deb':
      return 'Installed from the .deb package: updates come through the system package manager.';
    case 'unknown':
      return 'Updates are not supported on this operating system.';
    case 'nsis':
      return input.signedBuild
        ? null
        : 'This build is not code-signed, so updates could not be signature-checked; updates are off.';
    default:
      return null;
  }
}

export interface UpdateScheduler {
  setInterval(callback: () => void, milliseconds: number): unknown;
  clearInterval(handle: unknown): void;
}

export interface UpdateServiceOptions {
  /** Called only when updates are supported (creating electron-updater's autoUpdater has side effects). */
  readonly updater: () => UpdaterLike;
  readonly updateUrl: string | null;
  readonly channel: string;
  /** From updateUnsupportedReason. */
  readonly unsupportedReason: string | null;
  readonly scheduler: UpdateScheduler;
  /** Default every 4 hours. */
  readonly checkEveryMilliseconds?: number;
}

export interface UpdateService {
  status(): UpdateStatus;
  onStatus(listener: (status: UpdateStatus) => void): () => void;
  /** Configures the updater and starts the first check plus periodic checks (no-op when unsupported). */
  start(): void;
  stop(): void;
  checkNow(): Promise<void>;
}

function clampPercent(percent: number): number {
  if (!Number.isFinite(percent)) return 0;
  return Math.min(100, Math.max(0, Math.round(percent)));
}

export function createUpdateService(options: UpdateServiceOptions): UpdateService {
  let current: UpdateStatus =
    options.unsupportedReason === null
      ? { state: 'idle' }
      : { state: 'unsupported', reason: options.unsupportedReason };
  const listeners = new Set<(status: UpdateStatus) => void>();
  let handle: unknown = null;
  let configured = false;

  const set = (status: UpdateStatus): void => {
    current = status;
    for (const listener of listeners) listener(status);
  };

  const checkNow = async (): Promise<void> => {
    if (current.state === 'unsupported') return;
    try {
      await options.updater().checkForUpdates();
    } catch (error) {
      set({ state: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  };

  const configure = (url: string): void => {
    const updater = options.updater();
    updater.setFeedURL({ provider: 'generic', url, channel: options.channel });
    // Setting a channel makes electron-updater allow downgrades; turn that back off explicitly.
    updater.channel = options.channel;
    updater.allowDowngrade = false;
    updater.allowPrerelease = false;
    updater.forceDevUpdateConfig = false;
    updater.autoDownload = true;
    updater.autoInstallOnAppQuit = true;
    updater.on('checking-for-update', () => set({ state: 'checking' }));
    updater.on('update-not-available', () => set({ state: 'idle' }));
    updater.on('update-available', (info) => set({ state: 'available', version: info.version }));
    updater.on('download-progress', (progress) =>
      set({ state: 'downloading', percent: clampPercent(progress.percent) }),
    );
    updater.on('update-downloaded', (info) => set({ state: 'ready', version: info.version }));
    updater.on('error', (error) => set({ state: 'error', message: error.message }));
    configured = true;
  };

  return {
    status: () => current,
    onStatus(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    start() {
      if (current.state === 'unsupported' || options.updateUrl === null || handle !== null) return;
      if (!configured) configure(options.updateUrl);
      void checkNow();
      handle = options.scheduler.setInterval(
        () => {
          // Once an update is downloaded it installs on quit; stop asking the server.
          if (current.state !== 'ready') void checkNow();
        },
        options.checkEveryMilliseconds ?? 4 * 60 * 60 * 1000,
      );
    },
    stop() {
      if (handle === null) return;
      options.scheduler.clearInterval(handle);
      handle = null;
    },
    checkNow,
  };
}

/**
 * True when electron-builder's app-update.yml (in the app's resources folder) names a publisher — it does
 * so only for builds signed with a certificate, and NsisUpdater verifies updates against that name.
 */
export function isSignedBuildUpdateConfig(appUpdateYml: string | null): boolean {
  if (appUpdateYml === null) return false;
  let parsed: unknown;
  try {
    parsed = parseYaml(appUpdateYml);
  } catch {
    return false;
  }
  if (typeof parsed !== 'object' || parsed === null || !('publisherName' in parsed)) return false;
  const names = parsed.publisherName;
  const list = Array.isArray(names) ? names : [names];
  return list.length > 0 && list.every((name) => typeof name === 'string' && name.trim() !== '');
}
