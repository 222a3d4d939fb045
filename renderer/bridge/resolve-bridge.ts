import type { WaymarkBridge } from '../../shared/bridge.ts';
import { createBrowserBridge } from './browser-bridge.ts';

declare global {
  interface Window {
    /** Set by the Electron preload script; absent in a plain browser. */
    readonly waymark?: WaymarkBridge;
  }
}

/** The Electron preload bridge when present, otherwise the browser implementation of the same interface. */
export function resolveBridge(): WaymarkBridge {
  return window.waymark ?? createBrowserBridge();
}
