import type { ReactNode } from 'react';
import type { WaymarkBridge } from '../../shared/bridge.ts';
import { createRequiredContext } from '../ui/required-context.ts';

const [BridgeContext, useBridgeContext] = createRequiredContext<WaymarkBridge>('useBridge', 'BridgeProvider');

export function BridgeProvider({ bridge, children }: { bridge: WaymarkBridge; children: ReactNode }) {
  return <BridgeContext value={bridge}>{children}</BridgeContext>;
}

/** The host bridge (Electron preload or browser implementation). */
export const useBridge: () => WaymarkBridge = useBridgeContext;
