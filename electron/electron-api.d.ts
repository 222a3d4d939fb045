/**
 * The Electron API surface that main.ts and preload.ts use, and nothing more. The `electron` package is an
 * optional dependency (its binary cannot be downloaded in every build environment), so electron/tsconfig.json
 * maps the module name 'electron' to this file with `paths`: type-checking never depends on whether the
 * package is installed, and any new use of Electron must be declared here on purpose.
 * Shapes follow Electron 45's electron.d.ts.
 */
import type { ProtocolRequestLike } from './app-protocol.ts';
import type { IpcMainLike } from './ipc-handlers.ts';
import type { StorageSessionLike } from './local-data.ts';
import type { GuardedWebContents } from './navigation-guard.ts';
import type { IpcRendererLike } from './preload-bridge.ts';
import type { HardenableSessionLike } from './session-hardening.ts';
import type { SafeStorageLike } from './token-store.ts';
import type { MainWindowOptions } from './window-options.ts';

export interface WebContents extends GuardedWebContents {
  readonly id: number;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}

export interface Event {
  preventDefault(): void;
}

export declare class BrowserWindow {
  constructor(options: MainWindowOptions);
  readonly webContents: WebContents;
  loadURL(url: string): Promise<void>;
  once(event: 'ready-to-show', listener: () => void): this;
  on(event: 'closed', listener: () => void): this;
  show(): void;
  focus(): void;
  restore(): void;
  isMinimized(): boolean;
  isDestroyed(): boolean;
}

interface App {
  readonly isPackaged: boolean;
  enableSandbox(): void;
  requestSingleInstanceLock(): boolean;
  quit(): void;
  whenReady(): Promise<void>;
  getPath(name: 'userData'): string;
  setPath(name: 'userData', value: string): void;
  getAppPath(): string;
  getName(): string;
  getVersion(): string;
  setAppUserModelId(id: string): void;
  on(event: 'second-instance' | 'window-all-closed', listener: () => void): this;
  on(event: 'web-contents-created', listener: (event: Event, contents: WebContents) => void): this;
}

interface CustomScheme {
  readonly scheme: string;
  readonly privileges: {
    readonly standard?: boolean;
    readonly secure?: boolean;
    readonly supportFetchAPI?: boolean;
    readonly codeCache?: boolean;
    readonly corsEnabled?: boolean;
    readonly allowServiceWorkers?: boolean;
    readonly bypassCSP?: boolean;
    readonly stream?: boolean;
  };
}

interface Protocol {
  registerSchemesAsPrivileged(schemes: readonly CustomScheme[]): void;
  handle(scheme: string, handler: (request: ProtocolRequestLike) => Promise<Response>): void;
}

interface PowerMonitor {
  getSystemIdleTime(): number;
  on(event: 'lock-screen' | 'suspend' | 'resume', listener: () => void): this;
}

export type Session = HardenableSessionLike & StorageSessionLike;

interface SessionModule {
  readonly defaultSession: Session;
}

interface Shell {
  openExternal(url: string): Promise<void>;
}

interface ContextBridge {
  exposeInMainWorld(apiKey: string, api: unknown): void;
}

export declare const app: App;
export declare const ipcMain: IpcMainLike;
export declare const ipcRenderer: IpcRendererLike;
export declare const contextBridge: ContextBridge;
export declare const powerMonitor: PowerMonitor;
export declare const protocol: Protocol;
export declare const safeStorage: SafeStorageLike;
export declare const session: SessionModule;
export declare const shell: Shell;
