/** IPC channel names (no dependencies: imported by the preload). Schemas are in ipc-contract.ts. */

/** Renderer → main, request/response (ipcRenderer.invoke / ipcMain.handle). */
export const INVOKE = {
  appInfo: 'waymark:app-info',
  tokensSave: 'waymark:tokens:save',
  tokensLoad: 'waymark:tokens:load',
  tokensClear: 'waymark:tokens:clear',
  policy: 'waymark:policy',
  updateStatus: 'waymark:update:status',
  printToPdf: 'waymark:print-to-pdf',
  wipeLocalData: 'waymark:wipe-local-data',
} as const;

/** Main → renderer, events (webContents.send / ipcRenderer.on). */
export const EVENTS = {
  updateStatus: 'waymark:update:status-changed',
  idleLock: 'waymark:idle-lock',
} as const;

export type InvokeChannel = (typeof INVOKE)[keyof typeof INVOKE];
export type EventChannel = (typeof EVENTS)[keyof typeof EVENTS];
