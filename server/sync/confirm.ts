/**
 * Answers a client's confirm request (shared/protocol.ts, "Confirmation") with the snapshot of the
 * server's document: everything stored of the record, deletions included.
 *
 * Why the answer can be trusted: Hocuspocus handles the messages of one connection strictly one after
 * another (`Connection.processMessages` awaits each message, `beforeSync` included, before reading
 * the next), and SyncEngine.beforeSync appends every update to the store before Hocuspocus applies it
 * to the document. So when a confirm request is handled, every update sent before it on that
 * connection is stored, and the document holds nothing the store does not (it is loaded from the store
 * and only ever changed by appended updates). The snapshot is taken when the request is handled; a
 * later snapshot would only hold more stored updates.
 */
import type { Connection, Document } from '@hocuspocus/server';
import { toBase64 } from 'lib0/buffer';
import * as Y from 'yjs';
import { confirmAnswerPayload, parseConfirmRequest } from '../../shared/protocol.ts';

export interface StatelessMessage {
  readonly connection: Connection;
  readonly document: Document;
  readonly payload: string;
}

/**
 * Answers a confirm request; returns whether the payload was one. Anything else (another stateless
 * message, a malformed request) is left alone: it never throws.
 */
export function answerConfirmRequest({ connection, document, payload }: StatelessMessage): boolean {
  const request = parseConfirmRequest(payload);
  if (!request) return false;
  const snapshot = Y.encodeSnapshot(Y.snapshot(document));
  connection.sendStateless(confirmAnswerPayload(request.nonce, toBase64(snapshot)));
  return true;
}
