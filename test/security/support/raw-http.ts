/**
 * Raw HTTP over a TCP socket, for requests `fetch` refuses to send (a malformed Host, an absolute-form
 * target, a header block over the limit, a broken body): writes the bytes, reads the status line.
 */
import { connect } from 'node:net';

export interface RawAnswer {
  /** The status code, or null when the server closed the connection without an answer. */
  readonly status: number | null;
  /** The status line and headers (lower-case names). */
  readonly headers: Readonly<Record<string, string>>;
}

export function rawRequest(port: number, request: string | Buffer, timeoutMs = 10_000): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = Buffer.alloc(0);
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const text = received.toString('latin1');
      const headEnd = text.indexOf('\r\n\r\n');
      const head = headEnd >= 0 ? text.slice(0, headEnd) : text;
      const [statusLine = '', ...lines] = head.split('\r\n');
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine);
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(':');
        if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({ status: match?.[1] ? Number(match[1]) : null, headers });
    };
    const timer = setTimeout(() => {
      if (received.length > 0) finish();
      else {
        done = true;
        socket.destroy();
        reject(
          new Error(`no answer within ${timeoutMs} ms to ${JSON.stringify(String(request).slice(0, 80))}`),
        );
      }
    }, timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      // An answer's head is all these tests need; a 101 keeps the socket open, so stop at the head.
      if (received.includes('\r\n\r\n')) finish();
    });
    socket.on('error', () => finish());
    socket.on('close', () => finish());
    socket.write(request);
  });
}

/** A websocket upgrade request for `target`, with `Host` and extra header lines as given. */
export function upgradeRequest(target: string, host: string, extraHeaders: readonly string[] = []): string {
  return [
    `GET ${target} HTTP/1.1`,
    `Host: ${host}`,
    'Connection: Upgrade',
    'Upgrade: websocket',
    'Sec-WebSocket-Version: 13',
    'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
    ...extraHeaders,
    '',
    '',
  ].join('\r\n');
}
