/**
 * The raw-transfer limit for sync.bench.ts: a plain `ws` server on loopback in its own process (as the
 * sync server is). A client says `expect <n>` (text), sends n binary messages, and gets `done <bytes>`
 * back once all n have arrived. Reports its URL over IPC.
 */
import { WebSocketServer } from 'ws';

const wss = new WebSocketServer({
  host: '127.0.0.1',
  port: 0,
  perMessageDeflate: false,
  maxPayload: 64 * 1024 * 1024,
});
wss.on('connection', (ws) => {
  let expected = Number.POSITIVE_INFINITY;
  let received = 0;
  let bytes = 0;
  ws.on('message', (data: Buffer, isBinary) => {
    if (!isBinary) {
      expected = Number(data.toString().split(' ')[1]);
      return;
    }
    received += 1;
    bytes += data.length;
    if (received === expected) ws.send(`done ${bytes}`);
  });
});
wss.on('listening', () => {
  const address = wss.address();
  if (typeof address === 'object' && address) process.send?.({ url: `ws://127.0.0.1:${address.port}` });
});
process.on('disconnect', () => process.exit(0));
