/**
 * `POST /api/records/states` (shared/bulk-states.ts): streams the stored states of the records a
 * laptop asks for, for its first sync. Wired into api.ts, which authenticates the caller (live session,
 * device not revoked, account enabled) and parses the body; access is then checked per record as the
 * websocket does (server/sync/access.ts `mayAccess`: a PA their own caseload, a team manager their team,
 * an administrator nothing), and an unassigned record is never claimed here (only the socket claims a
 * new record). Each record sent is audited as a `doc.load`, like a document opened on the socket.
 *
 * When the request asks for rows, each record whose stored state has a summary (compacted, current
 * format: server/store/record-summary.ts) gets a `row` frame before its `state` frame: its caseload row
 * computed by the shared projection (shared/ydoc/projection.ts projectRecord) as of the laptop's day
 * under its settings, from the summary, so neither side decodes Yjs for it.
 */
import type { ServerResponse } from 'node:http';
import {
  BULK_FRAME_KINDS,
  encodeEndFrame,
  encodeFrameHeader,
  encodeRowFrame,
  encodeSkippedFrame,
  type BulkStatesRequest,
} from '../../shared/bulk-states.ts';
import { docNameFor } from '../../shared/protocol.ts';
import { rowKeyOf, summaryRow, type StoredDocWithSummary } from '../store/record-summary.ts';
import type { Store, User } from '../store/types.ts';
import { mayAccess } from '../sync/access.ts';

export interface BulkStatesCaller {
  readonly user: User;
  readonly deviceId: string;
  readonly ip: string;
}

/** Records read (and audited, in one store transaction) together before they are sent. */
const BATCH = 64;

type Loaded = { readonly id: string; readonly stored: StoredDocWithSummary | null };

async function loadOne(store: Store, user: User, id: string, rowKey: string | null): Promise<Loaded> {
  const assignment = await store.getAssignment(id);
  if (!mayAccess(user, assignment)) return { id, stored: null };
  const name = docNameFor(id);
  if (rowKey !== null) return { id, stored: await store.loadDocWithSummary(name, rowKey) };
  const state = await store.loadDoc(name);
  return { id, stored: state ? { state, summary: null } : null };
}

/** The `row` frame of a record, or null when none is asked for or no summary describes its state. */
function rowFrame(request: BulkStatesRequest, loaded: Loaded): Uint8Array | null {
  const summary = loaded.stored?.summary;
  if (!request.rows || !summary) return null;
  try {
    return encodeRowFrame(loaded.id, summaryRow(summary, request.rows.today, request.rows.settings));
  } catch {
    return null; // the laptop reads the state itself, as it would without a summary
  }
}

/** Waits until the response can take more (backpressure); false when the client went away. */
function drained(response: ServerResponse): Promise<boolean> {
  if (response.destroyed) return Promise.resolve(false);
  return new Promise((resolve) => {
    const done = (ok: boolean) => () => {
      response.off('drain', onDrain);
      response.off('close', onClose);
      resolve(ok);
    };
    const onDrain = done(true);
    const onClose = done(false);
    response.once('drain', onDrain);
    response.once('close', onClose);
  });
}

/**
 * Writes the frames of one request to `response` (headers included). Returns the number of states
 * sent; stops early, without an end frame, if the client goes away.
 */
export async function streamRecordStates(
  store: Store,
  caller: BulkStatesCaller,
  request: BulkStatesRequest,
  response: ServerResponse,
): Promise<number> {
  response.writeHead(200, {
    'content-type': 'application/octet-stream',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  const { user } = caller;
  const ids = user.role === 'admin' || user.disabled ? [] : request.ids;
  const rowKey = request.rows ? rowKeyOf(request.rows.today, request.rows.settings) : null;
  let sent = 0;
  let frames = 0;
  for (let at = 0; at < ids.length; at += BATCH) {
    const batch = await Promise.all(ids.slice(at, at + BATCH).map((id) => loadOne(store, user, id, rowKey)));
    // Audited (committed) before anything of the batch is sent, as the socket audits before it syncs.
    await Promise.all(
      batch
        .filter((loaded) => loaded.stored)
        .map((loaded) =>
          store.appendAudit({
            event: 'doc.load',
            userId: user.id,
            deviceId: caller.deviceId,
            docName: docNameFor(loaded.id),
            ip: caller.ip,
            detail: 'bulk first sync',
          }),
        ),
    );
    // One write to the socket per batch rather than three per record.
    response.cork();
    for (const loaded of batch) {
      const state = loaded.stored?.state;
      if (!state) {
        response.write(encodeSkippedFrame(loaded.id));
        frames += 1;
        continue;
      }
      const row = rowFrame(request, loaded);
      if (row) {
        response.write(row);
        frames += 1;
      }
      // The state is written as it was read, not copied into a frame.
      response.write(encodeFrameHeader(BULK_FRAME_KINDS.state, loaded.id, state.byteLength));
      response.write(state);
      frames += 1;
      sent += 1;
    }
    response.uncork();
    if (response.writableNeedDrain && !(await drained(response))) return sent;
  }
  response.end(encodeEndFrame(frames));
  return sent;
}
