// Linted as renderer/good.ts: importing shared/ is allowed.
import type { WaymarkBridge } from '../shared/bridge.ts';

export type Bridge = WaymarkBridge;
