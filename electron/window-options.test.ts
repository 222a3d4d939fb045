import { describe, expect, it } from 'vitest';
import { createMainWindowOptions } from './window-options.ts';

describe('createMainWindowOptions', () => {
  const options = createMainWindowOptions({
    preloadPath: '/app/dist/electron/preload.cjs',
    platform: 'linux',
    allowDevTools: false,
  });

  it('applies the Electron security checklist to webPreferences', () => {
    expect(options.webPreferences).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
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
      devTools: false,
    });
  });

  it('waits for ready-to-show and keeps spell-check local to the OS', () => {
    expect(options.show).toBe(false);
    expect(options.webPreferences.spellcheck).toBe(false);
    expect(
      createMainWindowOptions({ preloadPath: '/p', platform: 'win32', allowDevTools: true }).webPreferences,
    ).toMatchObject({
      spellcheck: true,
      devTools: true,
    });
  });

  it('requires a preload path', () => {
    expect(() =>
      createMainWindowOptions({ preloadPath: '', platform: 'linux', allowDevTools: false }),
    ).toThrow('window options: preloadPath is required');
  });
});
