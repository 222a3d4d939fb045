/**
 * Preload (sandboxed, context-isolated): exposes the typed WaymarkBridge as `window.waymark` and nothing
 * else. Bundled into one self-contained file (dist/electron/preload.cjs) whose only require is 'electron',
 * as sandboxed preloads cannot load local modules.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { WaymarkBridge } from '../shared/bridge.ts';
import { createPreloadBridge } from './preload-bridge.ts';

const bridge: WaymarkBridge = createPreloadBridge(ipcRenderer);
contextBridge.exposeInMainWorld('waymark', bridge);
