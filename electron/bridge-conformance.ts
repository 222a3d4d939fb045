/**
 * Compile-time check (never run): the preload's bridge, whose type is inferred from the object literal in
 * createPreloadBridge (checked there with `satisfies WaymarkBridge`), is assignable to the shared
 * WaymarkBridge and has exactly its members — no more (nothing extra reaches the renderer) and no fewer.
 * Changing shared/bridge.ts fails `tsc -b electron` until the preload follows.
 */
import type { WaymarkBridge } from '../shared/bridge.ts';
import type { createPreloadBridge } from './preload-bridge.ts';

type PreloadBridge = ReturnType<typeof createPreloadBridge>;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

export const preloadBridgeIsAWaymarkBridge: Same<
  PreloadBridge extends WaymarkBridge ? true : false,
  true
> = true;
export const preloadBridgeHasExactlyTheBridgeMembers: Same<keyof PreloadBridge, keyof WaymarkBridge> = true;
export const preloadTokenStoreHasExactlyTheTokenMembers: Same<
  keyof PreloadBridge['tokens'],
  keyof WaymarkBridge['tokens']
> = true;
