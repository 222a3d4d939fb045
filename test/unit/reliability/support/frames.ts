/**
 * The Hocuspocus wire format, small enough to read (lib0 varuint / varstring / varuint8array): every
 * frame is `docName, messageType, …`. Used by raw load clients (bench/) and the protocol fuzz.
 */

export const MESSAGE = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
  syncReply: 4,
  stateless: 5,
  broadcastStateless: 6,
  close: 7,
  syncStatus: 8,
  ping: 9,
  pong: 10,
} as const;

export const SYNC = { step1: 0, step2: 1, update: 2 } as const;
export const AUTH = { token: 0, permissionDenied: 1, authenticated: 2 } as const;

export function varUint(n: number): number[] {
  const out: number[] = [];
  let rest = n;
  while (rest > 0x7f) {
    out.push(0x80 | (rest & 0x7f));
    rest = Math.floor(rest / 128);
  }
  out.push(rest);
  return out;
}

export function varBytes(bytes: Uint8Array): number[] {
  return [...varUint(bytes.length), ...bytes];
}

export function varString(text: string): number[] {
  return varBytes(new TextEncoder().encode(text));
}

export function authFrame(doc: string, token: string): Uint8Array {
  return new Uint8Array([...varString(doc), MESSAGE.auth, AUTH.token, ...varString(token)]);
}

/** Sync step 1 with a state vector (the encoded empty vector is `[0]`). */
export function step1Frame(doc: string, stateVector: Uint8Array = new Uint8Array([0])): Uint8Array {
  return new Uint8Array([...varString(doc), MESSAGE.sync, SYNC.step1, ...varBytes(stateVector)]);
}

export function step2Frame(doc: string, update: Uint8Array): Uint8Array {
  return new Uint8Array([...varString(doc), MESSAGE.sync, SYNC.step2, ...varBytes(update)]);
}

export function updateFrame(doc: string, update: Uint8Array): Uint8Array {
  return new Uint8Array([...varString(doc), MESSAGE.sync, SYNC.update, ...varBytes(update)]);
}

/** Reads the head of a frame: document name, message type and (for sync and auth) the subtype. */
export interface FrameHead {
  readonly doc: string;
  readonly type: number;
  readonly subtype: number | null;
}

export function readFrameHead(frame: Uint8Array): FrameHead | null {
  let at = 0;
  const readUint = (): number | null => {
    let value = 0;
    let scale = 1;
    while (at < frame.length) {
      const byte = frame[at++] ?? 0;
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 128;
      if (scale > 2 ** 53) return null;
    }
    return null;
  };
  const length = readUint();
  if (length === null || at + length > frame.length) return null;
  const doc = new TextDecoder().decode(frame.subarray(at, at + length));
  at += length;
  const type = readUint();
  if (type === null) return null;
  const subtype = type === MESSAGE.sync || type === MESSAGE.auth ? readUint() : null;
  return { doc, type, subtype };
}
