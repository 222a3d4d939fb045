/**
 * Asking the sync server whether it has stored everything this laptop holds of a record (see
 * "Confirmation" in shared/protocol.ts). The provider's own acknowledgement counter is not used: it is
 * reset on every reconnect and can reach zero while updates are still in flight.
 */
import type { HocuspocusProvider } from '@hocuspocus/provider';
import { fromBase64 } from 'lib0/buffer';
import * as Y from 'yjs';
import { confirmRequestPayload, parseConfirmAnswer } from '../../shared/protocol.ts';

/**
 * True when the server's snapshot holds the whole local state of the doc: every item and every
 * deletion. False for an unreadable snapshot.
 */
export function serverHolds(snapshot: Uint8Array, doc: Y.Doc): boolean {
  return serverHoldsUpdate(snapshot, Y.encodeStateAsUpdate(doc));
}

/** True when the server's snapshot holds a whole local state (`Y.encodeStateAsUpdate`). */
export function serverHoldsUpdate(snapshot: Uint8Array, state: Uint8Array): boolean {
  let decoded: Y.Snapshot;
  try {
    decoded = Y.decodeSnapshot(snapshot);
  } catch {
    return false;
  }
  try {
    return Y.snapshotContainsUpdate(decoded, state);
  } catch {
    return false;
  }
}

/** How one confirmation ended: confirmed, not (yet) confirmed, or no answer. */
export type ConfirmationResult = 'confirmed' | 'behind' | 'no-answer';

/** Callbacks around one confirmation, both called synchronously. */
export interface ConfirmationHooks {
  /** The local state is taken now, as the request is sent: a confirmation covers exactly it. */
  readonly onRequest?: () => void;
  /** The server holds the local state taken at the matching request. */
  readonly onConfirmed?: () => void;
}

/**
 * Sends a confirm request on the provider's connection and resolves with the answer, checked against
 * the doc's local state as it was when the request was sent (so changes made while the answer is on
 * its way do not hold back the confirmation of the earlier ones). Resolves 'no-answer' when the
 * connection closes, the provider is destroyed or refused, or no answer comes within `timeoutMs`.
 */
export function requestConfirmation(
  provider: HocuspocusProvider,
  doc: Y.Doc,
  timeoutMs: number,
  hooks: ConfirmationHooks = {},
): Promise<ConfirmationResult> {
  const nonce = crypto.randomUUID();
  const local = Y.encodeStateAsUpdate(doc);
  hooks.onRequest?.();
  const answered = firstOf<ConfirmationResult>(provider, timeoutMs, 'no-answer', (finish) => {
    const noAnswer = (): void => finish('no-answer');
    const onStateless = ({ payload }: { payload: string }): void => {
      const answer = parseConfirmAnswer(payload);
      if (!answer || answer.nonce !== nonce) return;
      let snapshot: Uint8Array;
      try {
        snapshot = fromBase64(answer.snapshot);
      } catch {
        finish('no-answer');
        return;
      }
      if (serverHoldsUpdate(snapshot, local)) {
        hooks.onConfirmed?.();
        finish('confirmed');
      } else finish('behind');
    };
    return { stateless: onStateless, close: noAnswer, destroy: noAnswer, authenticationFailed: noAnswer };
  });
  provider.sendStateless(confirmRequestPayload(nonce));
  return answered;
}

export interface ConfirmUntilOptions {
  /** Give up (unconfirmed) after this long. */
  readonly timeoutMs: number;
  /** Wait between a 'behind' answer and the next request, ms. */
  readonly retryDelayMs?: number;
  readonly isStopped?: () => boolean;
  /** Called synchronously when a request takes the local state it asks about. */
  readonly onRequest?: () => void;
  /** Called synchronously when the server holds the state taken at the latest `onRequest`. */
  readonly onConfirmed?: () => void;
}

/**
 * Brings one attached record to a confirmed state: waits for the provider's handshake, asks the server
 * (one request at a time, so `onConfirmed` always answers the latest `onRequest`),
 * and while the server is behind (updates still in flight or lost with a dropped connection) asks the
 * provider to resend what the server lacks (a fresh sync step 1) and asks again. Resolves true once
 * confirmed, false when time runs out or the provider goes away.
 */
export async function confirmUntil(
  provider: HocuspocusProvider,
  doc: Y.Doc,
  options: ConfirmUntilOptions,
): Promise<boolean> {
  const deadline = Date.now() + options.timeoutMs;
  const retryDelayMs = options.retryDelayMs ?? 100;
  let destroyed = false;
  const onDestroy = (): void => {
    destroyed = true;
  };
  provider.on('destroy', onDestroy);
  try {
    while (!destroyed && !options.isStopped?.()) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      if (!provider.isSynced) {
        if (!(await whenSynced(provider, left))) return false;
        if (!provider.isSynced) await new Promise((resolve) => setTimeout(resolve, retryDelayMs));
        continue;
      }
      const result = await requestConfirmation(provider, doc, Math.min(left, 10_000), {
        ...(options.onRequest ? { onRequest: options.onRequest } : {}),
        ...(options.onConfirmed ? { onConfirmed: options.onConfirmed } : {}),
      });
      if (result === 'confirmed') return true;
      if (result === 'behind' && provider.isSynced) provider.forceSync();
      await new Promise((resolve) => setTimeout(resolve, Math.min(retryDelayMs, Math.max(0, left))));
    }
    return false;
  } finally {
    provider.off('destroy', onDestroy);
  }
}

/**
 * Resolves true once the provider's handshake with the server is done or the connection closed (the
 * caller looks again), false on timeout, refusal or destruction.
 */
function whenSynced(provider: HocuspocusProvider, timeoutMs: number): Promise<boolean> {
  if (provider.isSynced) return Promise.resolve(true);
  return firstOf<boolean>(provider, timeoutMs, false, (finish) => {
    const done = (): void => finish(true);
    const failed = (): void => finish(false);
    return { synced: done, close: done, destroy: failed, authenticationFailed: failed };
  });
}

type ProviderHandlers = Readonly<Record<string, (data: { payload: string }) => void>>;

/**
 * Listens with the handlers `handlersFor` makes and resolves with the first result they pass to
 * `finish`, or `timedOut` after `timeoutMs`; either way the timer is cleared and the handlers removed.
 */
function firstOf<T>(
  provider: HocuspocusProvider,
  timeoutMs: number,
  timedOut: T,
  handlersFor: (finish: (result: T) => void) => ProviderHandlers,
): Promise<T> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: T): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      stop();
      resolve(result);
    };
    const timer = setTimeout(() => finish(timedOut), timeoutMs);
    const stop = listen(provider, handlersFor(finish));
  });
}

/** Listens to provider events until the returned function is called. */
function listen(provider: HocuspocusProvider, handlers: ProviderHandlers): () => void {
  const entries = Object.entries(handlers);
  for (const [event, handler] of entries) provider.on(event, handler);
  return () => {
    for (const [event, handler] of entries) provider.off(event, handler);
  };
}
