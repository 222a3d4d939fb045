// Linted as electron/bad.ts: the Electron shell imports shared/ only.
import * as server from '../server/main.ts';

export const s = server;
