/**
 * BrowserWindow options for the main window, following Electron's security checklist
 * (https://www.electronjs.org/docs/latest/tutorial/security): context isolation, the renderer sandbox,
 * no Node.js in any renderer or worker, web security on, no <webview>, no experimental features.
 */

/** The subset of Electron's WebPreferences this app sets. */
export interface HardenedWebPreferences {
  readonly preload: string;
  readonly contextIsolation: true;
  readonly sandbox: true;
  readonly nodeIntegration: false;
  readonly nodeIntegrationInWorker: false;
  readonly nodeIntegrationInSubFrames: false;
  readonly webSecurity: true;
  readonly allowRunningInsecureContent: false;
  readonly webviewTag: false;
  readonly experimentalFeatures: false;
  readonly enableBlinkFeatures: '';
  readonly navigateOnDragDrop: false;
  readonly safeDialogs: true;
  readonly disableDialogs: false;
  readonly autoplayPolicy: 'document-user-activation-required';
  readonly spellcheck: boolean;
  readonly devTools: boolean;
}

export interface MainWindowOptions {
  readonly width: number;
  readonly height: number;
  readonly minWidth: number;
  readonly minHeight: number;
  readonly show: false;
  readonly title: string;
  readonly backgroundColor: string;
  readonly autoHideMenuBar: true;
  readonly webPreferences: HardenedWebPreferences;
}

export interface WindowOptionsInput {
  /** Absolute path of the bundled preload script (dist/electron/preload.cjs). */
  readonly preloadPath: string;
  readonly platform: string;
  /** False in a packaged build: DevTools cannot be opened by a user of a production install. */
  readonly allowDevTools: boolean;
}

export function createMainWindowOptions(input: WindowOptionsInput): MainWindowOptions {
  if (input.preloadPath.length === 0) throw new Error('window options: preloadPath is required');
  return {
    width: 1280,
    height: 840,
    minWidth: 800,
    minHeight: 600,
    // Shown on 'ready-to-show' so no blank white frame flashes during start-up.
    show: false,
    title: 'Waymark',
    backgroundColor: '#ffffff',
    autoHideMenuBar: true,
    webPreferences: {
      preload: input.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      enableBlinkFeatures: '',
      navigateOnDragDrop: false,
      safeDialogs: true,
      disableDialogs: false,
      autoplayPolicy: 'document-user-activation-required',
      // Windows and macOS spell-check with the OS. On Linux Chromium would download Hunspell
      // dictionaries from Google's CDN, which breaks "no remote content", so it is off there.
      spellcheck: input.platform === 'win32' || input.platform === 'darwin',
      devTools: input.allowDevTools,
    },
  };
}
