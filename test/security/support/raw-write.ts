/** Opening a record and writing to it over a raw sync socket (RawSync), for the write-limit tests. */
import { authFrame, updateFrame } from '../../unit/reliability/support/frames.ts';
import { RawSync } from './raw-sync.ts';

/** A raw socket to `syncUrl` with `doc` open as `token`'s user; throws with the reason when refused. */
export async function openRawRecord(syncUrl: string, token: string, doc: string): Promise<RawSync> {
  const client = await RawSync.open(syncUrl);
  client.send(authFrame(doc, token));
  const answer = await client.authAnswer(doc);
  if (answer !== true) throw new Error(`${doc} refused: ${String(answer)}`);
  return client;
}

/** Sends an update; resolves 'ack' when acknowledged, or the reason the server closed the record with. */
export async function write(client: RawSync, doc: string, update: Uint8Array): Promise<'ack' | string> {
  const acks = client.acknowledgements(doc);
  const from = client.received.length;
  client.send(updateFrame(doc, update));
  for (;;) {
    if (client.acknowledgements(doc) > acks) return 'ack';
    const closedWith = await client.next(
      (f) => f !== undefined,
      client.received.length > from ? client.received.length : from,
      30_000,
    );
    if (closedWith === null) return 'socket closed';
    const reason = await Promise.race([
      client.documentClosed(doc, from),
      new Promise<null>((resolve) => setTimeout(() => resolve(null), 50)),
    ]);
    if (reason !== null) return reason;
  }
}
