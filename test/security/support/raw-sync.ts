/**
 * A raw websocket client for the sync endpoint (the `ws` package, no provider): sends hand-made
 * Hocuspocus frames (test/unit/reliability/support/frames.ts) and waits for the server's answers —
 * authenticated / permission denied, SyncStatus acknowledgements, a document's Close message with its
 * reason, or the socket closing.
 */
import WebSocket from 'ws';
import { AUTH, MESSAGE, readFrameHead, varUint } from '../../unit/reliability/support/frames.ts';

export interface Closed {
  readonly code: number;
  readonly reason: string;
}

/** The reason string after the head of an auth (permission denied) or close frame. */
function trailingString(frame: Uint8Array): string {
  // The head is `docName, type[, subtype]`; the reason is the last varString: decode from the end is
  // awkward, so decode forwards past the head.
  let at = 0;
  const readUint = (): number => {
    let value = 0;
    let scale = 1;
    for (;;) {
      const byte = frame[at++] ?? 0;
      value += (byte & 0x7f) * scale;
      if (byte < 0x80 || at >= frame.length) return value;
      scale *= 128;
    }
  };
  const docLength = readUint();
  at += docLength;
  const type = readUint();
  if (type === MESSAGE.auth) readUint();
  const length = readUint();
  return new TextDecoder().decode(frame.subarray(at, at + length));
}

export class RawSync {
  readonly ws: WebSocket;
  readonly received: Uint8Array[] = [];
  readonly closed: Promise<Closed>;
  private readonly waiters = new Set<() => void>();

  private constructor(ws: WebSocket) {
    this.ws = ws;
    this.closed = new Promise((resolve) =>
      ws.once('close', (code, reason) => {
        resolve({ code, reason: reason.toString() });
        for (const wake of this.waiters) wake();
      }),
    );
    // Writes racing a server-side close (a refused oversize frame) end in EPIPE/ECONNRESET: expected.
    ws.on('error', () => undefined);
    ws.on('message', (data: Buffer) => {
      this.received.push(new Uint8Array(data));
      for (const wake of this.waiters) wake();
    });
  }

  /** Opens a socket; rejects with the HTTP status when the upgrade is refused. */
  static open(url: string, headers: Record<string, string> = {}): Promise<RawSync> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { headers });
      const client = new RawSync(ws);
      ws.once('open', () => resolve(client));
      ws.once('unexpected-response', (_request, response) => {
        reject(new Error(`upgrade refused: ${response.statusCode ?? 0}`));
        ws.terminate();
      });
      ws.once('error', (error) => reject(error));
    });
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  send(frame: Uint8Array): void {
    this.ws.send(frame);
  }

  /** Waits for a received frame (from index `from`) that `match` accepts; null if the socket closed first. */
  async next(
    match: (frame: Uint8Array) => boolean,
    from = 0,
    timeoutMs = 30_000,
  ): Promise<Uint8Array | null> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received.slice(from).find(match);
      if (found) return found;
      if (this.ws.readyState === WebSocket.CLOSED) return null;
      if (Date.now() > deadline) throw new Error('no matching frame from the server in time');
      await new Promise<void>((resolve) => {
        const wake = (): void => {
          clearTimeout(timer);
          this.waiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, 250);
        this.waiters.add(wake);
      });
    }
  }

  /** Authenticated (true) or denied (the reason), or null when the socket closed first. */
  async authAnswer(doc: string, from = 0): Promise<true | string | null> {
    const frame = await this.next((f) => {
      const head = readFrameHead(f);
      return head?.doc === doc && head.type === MESSAGE.auth;
    }, from);
    if (!frame) return null;
    const head = readFrameHead(frame);
    return head?.subtype === AUTH.authenticated ? true : trailingString(frame);
  }

  /** The reason of a Close message for `doc`, or null when the socket closed without one. */
  async documentClosed(doc: string, from = 0): Promise<string | null> {
    const frame = await this.next((f) => {
      const head = readFrameHead(f);
      return head?.doc === doc && head.type === MESSAGE.close;
    }, from);
    return frame ? trailingString(frame) : null;
  }

  /** Counts SyncStatus acknowledgements received for `doc`. */
  acknowledgements(doc: string): number {
    const saved = [...varUint(MESSAGE.syncStatus), 1];
    return this.received.filter((f) => {
      const head = readFrameHead(f);
      if (head?.doc !== doc || head.type !== MESSAGE.syncStatus) return false;
      return f[f.length - 1] === saved[saved.length - 1];
    }).length;
  }

  close(): void {
    this.ws.close();
  }
}
