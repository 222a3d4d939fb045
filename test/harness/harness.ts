/**
 * The store harness page: the real renderer/db modules on a real IndexedDB in Chromium, driven by the
 * browser tests and benchmarks through `window.waymarkHarness`. Test-only; never in the app build.
 */
import * as Y from 'yjs';
import type { AccommodationPeriod, ContactEvent, EetPeriod } from '../../shared/domain/model.ts';
import { validateRecord } from '../../shared/domain/record.ts';
import type { WriteContext } from '../../shared/ydoc/contested.ts';
import { readRecord } from '../../shared/ydoc/read-record.ts';
import {
  addAccommodation,
  addContact,
  addEntry,
  createRecordDoc,
  setPlanSection,
  setProfile,
} from '../../shared/ydoc/write-record.ts';
import { generateCaseload } from '../../shared/synthetic/generator.ts';
import { exportBackup, importBackup } from '../../renderer/db/backup.ts';
import { WaymarkDatabase } from '../../renderer/db/local-database.ts';
import { backupCodec, projectForCaseload } from '../../renderer/db/record-codec.ts';
import { RecordStore } from '../../renderer/db/record-store.ts';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import type { WaymarkBridge } from '../../shared/bridge.ts';
import { docNameFor } from '../../shared/protocol.ts';
import { createBrowserBridge } from '../../renderer/bridge/browser-bridge.ts';
import { loadDeviceIdentity } from '../../renderer/sync/device-key.ts';
import { Session } from '../../renderer/sync/session.ts';
import { describePausedVisit } from '../../renderer/sync/unconfirmed-work.ts';
import { visitDraftDatabase } from '../../renderer/db/visit-drafts.ts';
import { websocketUrlFor } from '../../renderer/sync/sync-api.ts';
import type { HarnessResult, WaymarkHarness } from './harness-api.ts';
import { TEAM_MEMBERS_KEY, type CachedTeamMembers } from '../../renderer/features/team/index.ts';
import { renderTeamPageStandalone } from '../../renderer/features/team/standalone.ts';
import { renderCaseloadNoticesStandalone } from '../../renderer/ui/caseload-notices-standalone.ts';
import '../../renderer/ui/app.css';

const today = new URLSearchParams(location.search).get('today') ?? '2026-11-22';
/** Seeded and locally made records are written as 'pa-1' unless someone is signed in. */
const LOCAL_WRITER = 'pa-1';
const db = new WaymarkDatabase();
const store = new RecordStore({
  db,
  today: () => today,
  project: (doc, day) => projectForCaseload(doc, day),
  idleCloseMs: 60_000,
});
const codec = backupCodec(() => today);

/** The browser bridge, with the sync server the test names standing in for managed policy. */
let serverUrl: string | null = null;
const browserBridge = createBrowserBridge();
const bridge: WaymarkBridge = {
  ...browserBridge,
  async policy() {
    return {
      syncServerUrl: { value: serverUrl, locked: true },
      idleLockMinutes: { value: 15, locked: false },
      updateChannel: { value: 'stable', locked: false },
      updateUrl: { value: null, locked: false },
      unlockFailureAction: { value: 'sign-in', locked: false },
    };
  },
};
const session = new Session(bridge, store);
/**
 * Writes carry the signed-in user's id, as the app's do: the sync server refuses content stamped with
 * anyone else (server/sync/update-validation.ts).
 */
const writeCtx = (): WriteContext => ({ writer: session.state.get().user?.id ?? LOCAL_WRITER, today });

async function attempt<T>(work: () => Promise<T>): Promise<HarnessResult<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));

/** A small seeded PRNG (mulberry32) so random edits repeat exactly. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function isoDaysBefore(days: number): string {
  const d = new Date(`${today}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

const api: WaymarkHarness = {
  today,
  create: (profile) =>
    attempt(async () => {
      const record = validateRecord({ profile }, today);
      await store.create(profile.id, (doc) => void createRecordDoc(record, writeCtx(), doc));
      return null;
    }),
  addContact: (recordId, contact) =>
    attempt(async () => {
      await store.edit(recordId, (doc) => addContact(doc, contact as ContactEvent, writeCtx()));
      return null;
    }),
  async read(recordId) {
    if (!(await db.records.get(recordId))) throw new Error(`No record ${recordId} on this device.`);
    const lease = await store.acquire(recordId);
    try {
      return JSON.parse(JSON.stringify(readRecord(lease.doc))) as unknown;
    } finally {
      lease.release();
    }
  },
  caseload: async () => byId(await db.caseload.toArray()),
  rebuild: async () => byId(await store.rebuildProjection()),
  refreshIfStale: () => store.refreshIfStale(),
  async randomEdits(seed, count) {
    const next = random(seed);
    const ids = await store.recordIds();
    let applied = 0;
    for (let i = 0; i < count; i += 1) {
      const id = ids[Math.floor(next() * ids.length)];
      if (!id) continue;
      const kind = Math.floor(next() * 5);
      const n = `${seed}-${i}`;
      const daysAgo = Math.floor(next() * 200);
      try {
        await store.edit(id, (doc) => {
          switch (kind) {
            case 0:
              addContact(
                doc,
                {
                  id: `rc-${n}`,
                  at: `${isoDaysBefore(daysAgo)}T10:00:00Z`,
                  method: 'home-visit',
                  by: 'pa-1',
                  seen: true,
                  seenAlone: next() > 0.5,
                  outcome: 'contact-made',
                  notes: '',
                },
                writeCtx(),
              );
              break;
            case 1:
              addAccommodation(
                doc,
                {
                  id: `ra-${n}`,
                  code: next() > 0.8 ? 'W' : 'U',
                  startDate: isoDaysBefore(daysAgo),
                  endDate: null,
                  suitable: false,
                  suitabilityReason: 'Synthetic reason',
                  councilProvided: false,
                  riskAssessedOn: next() > 0.5 ? isoDaysBefore(daysAgo) : null,
                  riskReviewDue: null,
                  seniorApprovalBy: null,
                  seniorApprovalOn: null,
                } as unknown as AccommodationPeriod,
                writeCtx(),
              );
              break;
            case 2:
              addEntry(
                doc,
                'eet',
                {
                  id: `re-${n}`,
                  activ: next() > 0.5 ? 'F2' : 'G5',
                  startDate: isoDaysBefore(daysAgo),
                  endDate: null,
                  detail: '',
                } as EetPeriod,
                writeCtx(),
              );
              break;
            case 3:
              setProfile(doc, { preferredName: `Pref${i}` }, writeCtx());
              break;
            default:
              setPlanSection(doc, 'accommodation', { needs: `Synthetic need ${n}` }, writeCtx());
          }
        });
        applied += 1;
      } catch {
        // A random edit the rules refuse (e.g. before the date of birth) is simply not applied.
      }
    }
    return applied;
  },
  async undo(recordId) {
    const lease = await store.acquire(recordId);
    try {
      lease.undo.undo();
      await store.settled(recordId);
    } finally {
      lease.release();
    }
  },
  openIds: () => store.openIds().sort(),
  exportBackup: async (recordIds) => JSON.stringify(await exportBackup(store, codec, recordIds)),
  importBackup: (text) => attempt(async () => (await importBackup(store, codec, text)).imported),
  recordIds: async () => (await store.recordIds()).sort(),
  forget: (recordId, discardUnconfirmed) =>
    attempt(async () => {
      await store.forget(recordId, { discardUnconfirmed });
      return null;
    }),
  pending: async (recordId) => (await db.syncState.get(recordId))?.pending ?? false,
  async seedSynthetic(seed, count) {
    const records = generateCaseload({ seed, count, today });
    for (const record of records) {
      const staged = createRecordDoc(record, writeCtx(), new Y.Doc());
      await store.merge(record.profile.id, Y.encodeStateAsUpdate(staged), 'seed');
    }
    return records.map((r) => r.profile.id);
  },
  async seedTeam(seed, count, teamId, pas) {
    const records = generateCaseload({
      seed,
      count,
      today,
      teams: [teamId],
      pas: pas.map((pa) => ({ id: pa.id, teamId })),
    });
    for (const record of records) {
      const staged = createRecordDoc(record, writeCtx(), new Y.Doc());
      await store.merge(record.profile.id, Y.encodeStateAsUpdate(staged), 'seed');
    }
    const members: CachedTeamMembers = {
      teamId,
      teamName: `Synthetic team ${teamId}`,
      members: pas.map((pa) => ({
        id: pa.id,
        username: pa.id,
        displayName: pa.displayName,
        role: 'pa' as const,
      })),
      administrators: [],
      fetchedAt: new Date().toISOString(),
    };
    await db.settings.put({ key: TEAM_MEMBERS_KEY, value: members });
    return records.map((r) => r.profile.id);
  },
  mountTeamPage() {
    const container = document.createElement('div');
    document.body.replaceChildren(container);
    if (!location.hash.startsWith('#/team')) location.hash = '#/team';
    renderTeamPageStandalone(container, { bridge, store, session, today: () => today });
  },
  mountCaseloadNotices() {
    renderCaseloadNoticesStandalone(store);
  },
  closeAll: () => store.closeAll(),

  async seedSyntheticTimed(seed, count, concurrency) {
    const started = performance.now();
    const records = generateCaseload({ seed, count, today });
    const queue = [...records];
    const worker = async () => {
      for (let record = queue.shift(); record; record = queue.shift()) {
        const staged = createRecordDoc(record, writeCtx(), new Y.Doc());
        await store.merge(record.profile.id, Y.encodeStateAsUpdate(staged), 'seed');
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    await store.closeAll();
    return { ids: records.map((r) => r.profile.id), ms: performance.now() - started };
  },
  async timeOpen(recordIds) {
    await store.closeAll();
    const times: number[] = [];
    for (const id of recordIds) {
      const started = performance.now();
      const lease = await store.acquire(id);
      readRecord(lease.doc);
      times.push(performance.now() - started);
      lease.release();
    }
    await store.closeAll();
    return times;
  },
  async timeEdits(recordIds, count) {
    const total: number[] = [];
    const project: number[] = [];
    for (let i = 0; i < count; i += 1) {
      const id = recordIds[i % recordIds.length];
      if (!id) continue;
      const lease = await store.acquire(id);
      const started = performance.now();
      await store.edit(id, (doc) =>
        addContact(
          doc,
          {
            id: `bench-${i}-${Date.now()}`,
            at: `${today}T09:00:00Z`,
            method: 'phone',
            by: 'pa-1',
            seen: false,
            seenAlone: false,
            outcome: 'contact-made',
            notes: '',
          },
          writeCtx(),
        ),
      );
      total.push(performance.now() - started);
      const projectStarted = performance.now();
      projectForCaseload(lease.doc, today);
      project.push(performance.now() - projectStarted);
      lease.release();
    }
    return { total, project };
  },
  async storageUsage(sample) {
    const estimate = await navigator.storage.estimate();
    let bytes = 0;
    for (const id of sample) {
      const lease = await store.acquire(id);
      bytes += Y.encodeStateAsUpdate(lease.doc).byteLength;
      lease.release();
    }
    return { usage: estimate.usage ?? 0, meanDocBytes: sample.length ? bytes / sample.length : 0 };
  },

  signIn: (url, username, password) =>
    attempt(async () => {
      serverUrl = url;
      await session.restore();
      await session.signIn(username, password);
      await session.syncClient?.syncAll();
      return String((await loadDeviceIdentity())?.deviceId);
    }),
  async syncNow() {
    const ended = await session.syncClient?.syncAll();
    if (!ended) return null;
    const { loading: _loading, ...status } = ended;
    return status;
  },
  async signOut() {
    await session.signOut();
  },
  async deviceKeyFacts() {
    const identity = await loadDeviceIdentity();
    if (!identity) return null;
    const exportRefused = await crypto.subtle.exportKey('jwk', identity.privateKey).then(
      () => false,
      () => true,
    );
    return {
      deviceId: identity.deviceId,
      isCryptoKey: identity.privateKey instanceof CryptoKey,
      extractable: identity.privateKey.extractable,
      exportRefused,
    };
  },
  syncStatus: () => session.syncClient?.status.get() ?? null,
  sessionUser: () => session.state.get().user?.id ?? null,
  sessionNotice: () => session.state.get().notice,
  async pauseVisit(recordId) {
    const now = new Date().toISOString();
    await visitDraftDatabase().drafts.put({ recordId, draft: {}, savedAt: now, startedAt: now });
  },
  pausedVisits: async () => (await session.pausedVisits()).map(describePausedVisit),
  databaseNames: async () => (await indexedDB.databases()).flatMap((db) => (db.name ? [db.name] : [])),
  rememberLocalUser: (displayName, username, password) =>
    session.lock.rememberSignIn({ displayName, username }, password),
  async probeRemote(recordId) {
    const token = JSON.parse((await bridge.tokens.load()) ?? '{}') as { token?: string };
    if (!serverUrl || !token.token) return 'not-signed-in';
    const socket = new HocuspocusProviderWebsocket({ url: websocketUrlFor(serverUrl) });
    try {
      return await new Promise<string>((resolve) => {
        const timer = setTimeout(() => resolve('timeout'), 10_000);
        const provider = new HocuspocusProvider({
          name: docNameFor(recordId),
          document: new Y.Doc(),
          websocketProvider: socket,
          token: token.token ?? null,
          onSynced: () => {
            clearTimeout(timer);
            resolve('synced');
          },
          onAuthenticationFailed: ({ reason }) => {
            clearTimeout(timer);
            resolve(reason);
          },
        });
        provider.attach();
      });
    } finally {
      socket.destroy();
    }
  },
};

window.waymarkHarness = api;
const ready = document.getElementById('ready');
if (ready) ready.textContent = 'ready';
