/**
 * Bulk first sync (issue 17): a laptop that holds none (or few) of its records asks for their stored
 * states in a few large streamed responses instead of one Yjs handshake per record.
 *
 * `POST /api/records/states` with a Bearer access token and `{ "ids": [<youngPersonId>, …] }` (1 to
 * BULK_STATES_MAX_IDS distinct ids; optionally `"rows": { "today": "2026-07-05", "settings": {…} }`, the
 * laptop's day and team settings, to get each record's caseload row too) answers `200 application/octet-stream`: a stream of frames, each
 *
 *   kind (1 byte) · id length (1 byte) · id (ASCII) · body length (4 bytes, big-endian) · body
 *
 * - `state` (1): the record's whole stored state on the server (every appended update merged, deletions
 *   included) as one Yjs update. The server vouches that it holds exactly this.
 * - `row` (4): the record's caseload row (shared/ydoc/projection.ts ProjectionRow, JSON in UTF-8), sent
 *   just before its `state` frame when the request asks for rows and the server keeps a summary of the
 *   stored state (server/store/record-summary.ts). It is the row the laptop computes from that state
 *   as of `rows.today` under `rows.settings`, so the laptop lists the record without decoding its state.
 *   A state sent without a row frame is read by the laptop itself.
 * - `skipped` (2): not sent — not the caller's to sync (access decided as on the socket,
 *   server/sync/access.ts) or not stored. Body empty. The per-record protocol decides what happens.
 * - `end` (3): the stream is complete; id empty, body the number of frames sent before it (4 bytes).
 *   A stream without it was cut short: the frames before it are whole and may be used.
 *
 * Access is checked per record when the response is made; live and incremental sync stays on the
 * per-record Yjs protocol over the websocket.
 */
import { z } from 'zod';
import { isoDateSchema } from './domain/schemas.ts';
import { teamSettingsSchema } from './domain/settings.ts';
import { youngPersonIdSchema, YOUNG_PERSON_ID_PATTERN } from './protocol.ts';

export const BULK_STATES_PATH = '/api/records/states';

/** Most ids in one request: the body stays small (64 KiB cap) and a response stays a few hundred MB at most. */
export const BULK_STATES_MAX_IDS = 1000;

/** Largest body a frame may announce (above the server's record size cap, which is 8 MiB). */
export const BULK_FRAME_MAX_BODY_BYTES = 64 * 1024 * 1024;

export const bulkStatesRequestSchema = z
  .object({
    ids: z
      .array(youngPersonIdSchema)
      .min(1, 'ids must list at least one young person')
      .max(BULK_STATES_MAX_IDS, `ids may list at most ${BULK_STATES_MAX_IDS} young people`)
      .refine((ids) => new Set(ids).size === ids.length, 'ids must not repeat'),
    /** Asks for each record's caseload row as of the laptop's `today` under its team `settings`. */
    rows: z.object({ today: isoDateSchema, settings: teamSettingsSchema }).strict().optional(),
  })
  .strict();
export type BulkStatesRequest = z.infer<typeof bulkStatesRequestSchema>;

export const BULK_FRAME_KINDS = { state: 1, skipped: 2, end: 3, row: 4 } as const;

export type BulkFrame =
  | { readonly kind: 'state'; readonly id: string; readonly state: Uint8Array }
  /** `row`: the JSON text of the record's caseload row; the reader checks only that it is UTF-8. */
  | { readonly kind: 'row'; readonly id: string; readonly row: string }
  | { readonly kind: 'skipped'; readonly id: string }
  | { readonly kind: 'end'; readonly frames: number };

const HEADER_BYTES = 2;
const ROW_TEXT = new TextDecoder('utf-8', { fatal: true });
const LENGTH_BYTES = 4;

/** A frame's bytes before its body: a sender may write the body after it without copying it. */
export function encodeFrameHeader(kind: number, id: string, bodyLength: number): Uint8Array {
  if (id.length > 255) throw new Error('bulk frame id too long');
  const out = new Uint8Array(HEADER_BYTES + id.length + LENGTH_BYTES);
  out[0] = kind;
  out[1] = id.length;
  for (let i = 0; i < id.length; i++) out[HEADER_BYTES + i] = id.charCodeAt(i);
  new DataView(out.buffer).setUint32(HEADER_BYTES + id.length, bodyLength);
  return out;
}

function frameBytes(kind: number, id: string, body: Uint8Array): Uint8Array {
  const header = encodeFrameHeader(kind, id, body.byteLength);
  const out = new Uint8Array(header.byteLength + body.byteLength);
  out.set(header);
  out.set(body, header.byteLength);
  return out;
}

export function encodeStateFrame(id: string, state: Uint8Array): Uint8Array {
  return frameBytes(BULK_FRAME_KINDS.state, id, state);
}

/** A `row` frame: the caseload row as JSON text. */
export function encodeRowFrame(id: string, rowJson: string): Uint8Array {
  return frameBytes(BULK_FRAME_KINDS.row, id, new TextEncoder().encode(rowJson));
}

export function encodeSkippedFrame(id: string): Uint8Array {
  return frameBytes(BULK_FRAME_KINDS.skipped, id, new Uint8Array(0));
}

export function encodeEndFrame(frames: number): Uint8Array {
  const body = new Uint8Array(4);
  new DataView(body.buffer).setUint32(0, frames);
  return frameBytes(BULK_FRAME_KINDS.end, '', body);
}

/** A stream that does not follow the frame format above. */
export class BulkFrameError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BulkFrameError';
  }
}

/**
 * Reads frames from a byte stream delivered in chunks of any size. `push` returns the frames completed
 * by the chunk; `finish` says whether the stream ended with a valid end frame.
 */
export class BulkFrameReader {
  private buffered: Uint8Array[] = [];
  private bufferedBytes = 0;
  /** Bytes the next frame needs before it can be read (so a large frame is joined once, not per chunk). */
  private needed = HEADER_BYTES;
  private frames = 0;
  private ended = false;

  push(chunk: Uint8Array): BulkFrame[] {
    if (chunk.byteLength === 0) return [];
    if (this.ended) throw new BulkFrameError('bytes after the end frame');
    this.buffered.push(chunk);
    this.bufferedBytes += chunk.byteLength;
    const out: BulkFrame[] = [];
    if (this.bufferedBytes < this.needed) return out;
    let bytes = this.take();
    let at = 0;
    while (bytes.byteLength - at >= HEADER_BYTES) {
      const kind = bytes[at] ?? 0;
      const idLength = bytes[at + 1] ?? 0;
      const lengthAt = at + HEADER_BYTES + idLength;
      this.needed = lengthAt + LENGTH_BYTES - at;
      if (bytes.byteLength < lengthAt + LENGTH_BYTES) break;
      const bodyLength = new DataView(bytes.buffer, bytes.byteOffset).getUint32(lengthAt);
      if (bodyLength > BULK_FRAME_MAX_BODY_BYTES) throw new BulkFrameError('bulk frame too large');
      const bodyAt = lengthAt + LENGTH_BYTES;
      this.needed = bodyAt + bodyLength - at;
      if (bytes.byteLength < bodyAt + bodyLength) break;
      const id = String.fromCharCode(...bytes.subarray(at + HEADER_BYTES, lengthAt));
      const body = bytes.subarray(bodyAt, bodyAt + bodyLength);
      at = bodyAt + bodyLength;
      this.needed = HEADER_BYTES;
      out.push(this.frame(kind, id, body));
    }
    bytes = bytes.subarray(at);
    this.buffered = bytes.byteLength > 0 ? [bytes] : [];
    this.bufferedBytes = bytes.byteLength;
    return out;
  }

  /** True when the stream ended exactly after a valid end frame. */
  finish(): boolean {
    return this.ended && this.bufferedBytes === 0;
  }

  private take(): Uint8Array {
    if (this.buffered.length === 1) return this.buffered[0] ?? new Uint8Array(0);
    const all = new Uint8Array(this.bufferedBytes);
    let offset = 0;
    for (const part of this.buffered) {
      all.set(part, offset);
      offset += part.byteLength;
    }
    return all;
  }

  private frame(kind: number, id: string, body: Uint8Array): BulkFrame {
    if (this.ended) throw new BulkFrameError('frame after the end frame');
    if (kind === BULK_FRAME_KINDS.end) {
      if (id !== '' || body.byteLength !== 4) throw new BulkFrameError('malformed end frame');
      const frames = new DataView(body.buffer, body.byteOffset).getUint32(0);
      if (frames !== this.frames) throw new BulkFrameError('end frame does not match the frames sent');
      this.ended = true;
      return { kind: 'end', frames };
    }
    if (!YOUNG_PERSON_ID_PATTERN.test(id)) throw new BulkFrameError('bulk frame with an invalid id');
    this.frames += 1;
    if (kind === BULK_FRAME_KINDS.state) {
      if (body.byteLength === 0) throw new BulkFrameError('empty state frame');
      // A copy: the chunk it came from may be reused by the stream.
      return { kind: 'state', id, state: body.slice() };
    }
    if (kind === BULK_FRAME_KINDS.row) {
      if (body.byteLength === 0) throw new BulkFrameError('empty row frame');
      try {
        return { kind: 'row', id, row: ROW_TEXT.decode(body) };
      } catch {
        throw new BulkFrameError('row frame that is not UTF-8 text');
      }
    }
    if (kind === BULK_FRAME_KINDS.skipped) {
      if (body.byteLength !== 0) throw new BulkFrameError('skipped frame with a body');
      return { kind: 'skipped', id };
    }
    throw new BulkFrameError(`unknown bulk frame kind ${kind}`);
  }
}
