import { createContext, useContext, type ReactNode } from 'react';
import type { WaymarkBridge } from '../../shared/bridge.ts';

const BridgeContext = createContext<WaymarkBridge | null>(null);

export function BridgeProvider({ bridge, children }: { bridge: WaymarkBridge; children: ReactNode }) {
  return <BridgeContext value={bridge}>{children}</BridgeContext>;
}

/** The host bridge (Electron preload or browser implementation). */
export function useBridge(): WaymarkBridge {
  const bridge = useContext(BridgeContext);
  if (!bridge) throw new Error('useBridge must be used inside <BridgeProvider>.');
  return bridge;
}
