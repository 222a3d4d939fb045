/** Real Hocuspocus clients in Node (the provider library the app uses), on one shared socket. */
import { createServer } from 'node:net';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { confirmUntil } from '../../../../renderer/sync/confirmation.ts';

export function sharedSocket(syncUrl: string, maxAttempts = 0): HocuspocusProviderWebsocket {
  return new HocuspocusProviderWebsocket({
    url: syncUrl,
    WebSocketPolyfill: WebSocket,
    delay: 50,
    minDelay: 50,
    maxDelay: 250,
    maxAttempts,
  });
}

export interface Attached {
  readonly name: string;
  readonly doc: Y.Doc;
  readonly provider: HocuspocusProvider;
}

/** Attaches a provider for `name` on the socket (providers on a shared socket are attached by hand). */
export function attach(
  socket: HocuspocusProviderWebsocket,
  name: string,
  token: string,
  doc: Y.Doc = new Y.Doc(),
): Attached {
  const provider = new HocuspocusProvider({ websocketProvider: socket, name, document: doc, token });
  provider.attach();
  return { name, doc, provider };
}

/** True when the provider is synced and the server acknowledged every local change. */
export const inStep = (attached: Attached): boolean =>
  attached.provider.isSynced && !attached.provider.hasUnsyncedChanges;

/** Resolves when the provider is in step (as renderer/sync/sync-client.ts waits), or rejects. */
export function whenInStep(attached: Attached, timeoutMs: number): Promise<void> {
  const { provider } = attached;
  if (inStep(attached)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const check = (): void => {
      if (inStep(attached)) finish(null);
    };
    const denied = ({ reason }: { reason: string }): void => finish(new Error(`${attached.name}: ${reason}`));
    const timer = setTimeout(
      () => finish(new Error(`${attached.name} not in step after ${timeoutMs} ms`)),
      timeoutMs,
    );
    const finish = (error: Error | null): void => {
      clearTimeout(timer);
      provider.off('synced', check);
      provider.off('unsyncedChanges', check);
      provider.off('authenticationFailed', denied);
      if (error) reject(error);
      else resolve();
    };
    provider.on('synced', check);
    provider.on('unsyncedChanges', check);
    provider.on('authenticationFailed', denied);
  });
}

export interface ConfirmOptions {
  /** Runs synchronously when a request takes the local state it asks the server about. */
  readonly onRequest?: () => void;
  /** Runs synchronously when the server holds the state taken at the latest `onRequest`. */
  readonly onConfirmed?: () => void;
  /** Stop asking (resolves false). */
  readonly isStopped?: () => boolean;
}

/**
 * Resolves true once the server confirms holding the whole local state of the doc (as the app's sync
 * client confirms a record: renderer/sync/confirmation.ts), false when stopped; rejects when no
 * confirmation comes within `timeoutMs`.
 */
export async function whenConfirmed(
  attached: Attached,
  timeoutMs: number,
  options: ConfirmOptions = {},
): Promise<boolean> {
  const ok = await confirmUntil(attached.provider, attached.doc, { timeoutMs, retryDelayMs: 50, ...options });
  if (!ok && !options.isStopped?.()) {
    throw new Error(`${attached.name} not confirmed by the server after ${timeoutMs} ms`);
  }
  return ok;
}

export async function waitUntil(predicate: () => boolean, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A free TCP port on the loopback address (so a restarted server comes back where clients expect it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
