import * as Y from 'yjs';

/** Origin given to updates that arrive from another tab or window of this app. */
export const TAB_RELAY_ORIGIN = Symbol('waymark-tab-relay');

type RelayMessage =
  | {
      readonly kind: 'state-vector';
      readonly from: string;
      readonly vector: Uint8Array;
      /** True on the answer to an announcement, so the exchange stops after one round each way. */
      readonly answer: boolean;
    }
  | { readonly kind: 'update'; readonly from: string; readonly update: Uint8Array };

/**
 * Keeps one record's Y.Doc in step across the tabs and windows of this app on this device, over a
 * BroadcastChannel (y-indexeddb persists but does not notify other tabs). On open it announces its
 * state vector; peers answer with what it lacks. Returns a function that stops relaying.
 */
export function relayAcrossTabs(doc: Y.Doc, recordId: string): () => void {
  const channel = new BroadcastChannel(`waymark-record-${recordId}`);
  const self = crypto.randomUUID();
  const post = (message: RelayMessage) => channel.postMessage(message);

  const onUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin !== TAB_RELAY_ORIGIN) post({ kind: 'update', from: self, update });
  };
  channel.onmessage = (event: MessageEvent<RelayMessage>) => {
    const message = event.data;
    if (message.from === self) return;
    if (message.kind === 'update') {
      Y.applyUpdate(doc, message.update, TAB_RELAY_ORIGIN);
    } else {
      post({ kind: 'update', from: self, update: Y.encodeStateAsUpdate(doc, message.vector) });
      if (!message.answer) {
        post({ kind: 'state-vector', from: self, vector: Y.encodeStateVector(doc), answer: true });
      }
    }
  };
  doc.on('update', onUpdate);
  post({ kind: 'state-vector', from: self, vector: Y.encodeStateVector(doc), answer: false });
  return () => {
    doc.off('update', onUpdate);
    channel.close();
  };
}
