/**
 * A PA's laptop for reliability runs in Node: record docs held in memory, synced over one shared
 * socket with the real provider, confirmed with the app's own confirmation
 * (renderer/sync/confirmation.ts), and following the rules renderer/sync/sync-client.ts and
 * renderer/sync/session.ts follow:
 * - a record counts as confirmed only when the server's snapshot holds its whole local state, and only
 *   for the changes made before that instant;
 * - a record the server no longer lists or refuses is removed only if it holds no unconfirmed change;
 *   otherwise it is kept and flagged (held back);
 * - a wipe is refused while anything is unconfirmed.
 * (The app's Dexie/IndexedDB storage is not available in Node; its gating is the same few rules.)
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { confirmUntil } from '../../../../renderer/sync/confirmation.ts';
import { clientActionFor } from '../../../../shared/protocol.ts';
import { readRecord } from '../../../../shared/ydoc/read-record.ts';
import { PROFILE_MAP } from '../../../../shared/ydoc/schema.ts';

/**
 * `ws` with an error listener: a socket closed while still connecting (a wipe, the end of a run)
 * reports an error event, which is expected here.
 */
class QuietWebSocket extends WebSocket {
  constructor(...args: ConstructorParameters<typeof WebSocket>) {
    super(...args);
    this.on('error', () => undefined);
  }
}

interface Held {
  readonly doc: Y.Doc;
  provider: HocuspocusProvider | null;
  /** Local changes so far; a confirmation covers those made before it. */
  generation: number;
  unconfirmed: boolean;
  /** Refused by the server while holding unconfirmed changes: kept, flagged, not synced. */
  heldBack: boolean;
}

export class Laptop {
  readonly name: string;
  private readonly syncUrl: string;
  private readonly token: string;
  private socket: HocuspocusProviderWebsocket;
  private readonly held = new Map<string, Held>();
  private stopped = false;
  /** Records removed because the server no longer listed them (all confirmed). */
  forgotten = 0;
  wipes = 0;
  refusedWipes = 0;

  constructor(name: string, syncUrl: string, token: string) {
    this.name = name;
    this.syncUrl = syncUrl;
    this.token = token;
    this.socket = this.newSocket();
  }

  private newSocket(): HocuspocusProviderWebsocket {
    return new HocuspocusProviderWebsocket({
      url: this.syncUrl,
      WebSocketPolyfill: QuietWebSocket,
      delay: 50,
      minDelay: 50,
      maxDelay: 300,
      maxAttempts: 0,
      // A stalled connection shows as one that stops answering.
      messageReconnectTimeout: 3000,
    });
  }

  /** Record docs this laptop holds, by doc name. */
  docNames(): string[] {
    return [...this.held.keys()];
  }

  doc(name: string): Y.Doc | undefined {
    return this.held.get(name)?.doc;
  }

  isUnconfirmed(name: string): boolean {
    return this.held.get(name)?.unconfirmed ?? false;
  }

  isHeldBack(name: string): boolean {
    return this.held.get(name)?.heldBack ?? false;
  }

  /** Records still waiting for a confirmation (not held back). */
  waiting(): string[] {
    return [...this.held].filter(([, h]) => h.unconfirmed && !h.heldBack).map(([name]) => name);
  }

  /** What each waiting record's sync is doing, for a failure message (names and states only). */
  describeWaiting(): string[] {
    return this.waiting().map((name) => {
      const held = this.held.get(name);
      const provider = held?.provider;
      const state = provider
        ? `synced=${String(provider.isSynced)} unsynced=${provider.unsyncedChanges} authenticated=${String(provider.isAuthenticated)}`
        : 'no provider';
      return `${this.name} ${name}: generation ${held?.generation ?? '?'}, ${state}`;
    });
  }

  /** An edit by the PA: `change` writes into the doc; the record is unconfirmed from now on. */
  edit(name: string, change: (doc: Y.Doc) => void): boolean {
    const held = this.held.get(name);
    if (!held || held.heldBack) return false;
    change(held.doc);
    held.generation += 1;
    held.unconfirmed = true;
    return true;
  }

  /**
   * A sync round: `listed` are the records the server lists for this PA now. New ones are fetched;
   * those no longer listed are removed if confirmed, kept (and tried, so the server can refuse them)
   * if not.
   */
  round(listed: readonly string[]): void {
    const listedSet = new Set(listed);
    for (const name of listed) {
      const held = this.held.get(name);
      if (!held) this.hold(name, new Y.Doc());
      else if (held.heldBack) {
        // Given back to this PA (the handover): its kept changes are sent and confirmed.
        this.held.delete(name);
        this.hold(name, held.doc, held);
      }
    }
    for (const [name, held] of [...this.held]) {
      if (listedSet.has(name) || held.heldBack) continue;
      if (!held.unconfirmed) this.forget(name);
    }
  }

  /**
   * Wipes the laptop and signs in again (fetching `listed` afresh) — only when nothing is unconfirmed,
   * as the app refuses otherwise without an explicit choice. Returns whether it wiped.
   */
  wipe(listed: readonly string[]): boolean {
    if ([...this.held.values()].some((h) => h.unconfirmed)) {
      this.refusedWipes += 1;
      return false;
    }
    for (const name of [...this.held.keys()]) this.forget(name);
    this.socket.destroy();
    this.socket = this.newSocket();
    this.wipes += 1;
    this.round(listed);
    return true;
  }

  stop(): void {
    this.stopped = true;
    for (const held of this.held.values()) held.provider?.destroy();
    this.socket.destroy();
  }

  /** Whether a held record's content has arrived. */
  hasContent(name: string): boolean {
    const doc = this.doc(name);
    return doc !== undefined && doc.getMap(PROFILE_MAP).size > 0;
  }

  /** Contact ids in a held record (none while its content has not arrived). */
  contactIds(name: string): Set<string> {
    const doc = this.doc(name);
    if (!doc || !this.hasContent(name)) return new Set();
    return new Set(readRecord(doc).contacts.map((c) => c.id));
  }

  private hold(name: string, doc: Y.Doc, previous?: Held): void {
    const held: Held = {
      doc,
      provider: null,
      generation: previous?.generation ?? 0,
      unconfirmed: previous?.unconfirmed ?? false,
      heldBack: false,
    };
    this.held.set(name, held);
    const provider = new HocuspocusProvider({
      websocketProvider: this.socket,
      name,
      document: doc,
      token: this.token,
      onAuthenticationFailed: ({ reason }) => this.refused(name, reason),
      onClose: ({ event }) => {
        if (event.reason) this.refused(name, event.reason);
      },
    });
    held.provider = provider;
    provider.attach();
    void this.confirmLoop(name, held, provider);
  }

  private refused(name: string, reason: string): void {
    if (clientActionFor(reason) !== 'close-document') return;
    const held = this.held.get(name);
    if (!held) return;
    if (held.unconfirmed) {
      held.heldBack = true;
      held.provider?.destroy();
      held.provider = null;
    } else {
      this.forget(name);
    }
  }

  private forget(name: string): void {
    const held = this.held.get(name);
    if (!held) return;
    if (held.unconfirmed) throw new Error(`${this.name} would forget ${name} with unconfirmed changes`);
    held.provider?.destroy();
    held.provider = null;
    this.held.delete(name);
    this.forgotten += 1;
  }

  private async confirmLoop(name: string, held: Held, provider: HocuspocusProvider): Promise<void> {
    while (!this.stopped && this.held.get(name) === held && held.provider === provider) {
      let requested = 0;
      let at: number | null = null;
      await confirmUntil(provider, held.doc, {
        timeoutMs: 5000,
        retryDelayMs: 50,
        isStopped: () => this.stopped || held.provider !== provider,
        onRequest: () => {
          requested = held.generation;
        },
        onConfirmed: () => {
          at = requested;
        },
      });
      if (at !== null && at === held.generation) held.unconfirmed = false;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
