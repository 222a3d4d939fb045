// Linted as server/bad.ts: the server imports shared/ only.
import { resolveBridge } from '../renderer/bridge/resolve-bridge.ts';

export const bridge = resolveBridge;
