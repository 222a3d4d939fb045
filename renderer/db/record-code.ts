/**
 * The code a record needs once it is opened — Yjs, y-indexeddb, the tab relay and the projection
 * (shared/ydoc) — loaded on first use by RecordStore (record-store.ts), so the caseload route, which
 * reads only the Dexie projection, starts without it.
 */
export * as Y from 'yjs';
export { openPersistedDoc } from './doc-persistence.ts';
export { projectForCaseload } from './record-codec.ts';
export { relayAcrossTabs } from './tab-relay.ts';
