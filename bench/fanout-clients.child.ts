/**
 * One client process of fanout-instances.bench.ts: it holds whole teams (a writing PA with the real
 * @hocuspocus/provider and full Y.Docs, and team-manager readers that speak the Hocuspocus protocol
 * directly over `ws`, decoding only frame heads), so a write and its deliveries are timed on one clock.
 * Talks to the bench over IPC: `ready` first, then `connect` → `connected`, `write` → `written` (the latencies), `close`.
 */
import pLimit from 'p-limit';
import type WebSocket from 'ws';
import type { ContactEvent } from '../shared/domain/model.ts';
import { addContact } from '../shared/ydoc/write-record.ts';
import type { Attached } from '../test/unit/reliability/support/clients.ts';
import { openReader, openWriter, watchStalls } from './load-clients.ts';

export interface ClientTeam {
  readonly writerUrl: string;
  readonly writerToken: string;
  readonly writerUserId: string;
  /** `cross`: the reader is on another server instance than the writer (deliveries go through Redis). */
  readonly readers: readonly { readonly url: string; readonly token: string; readonly cross: boolean }[];
  readonly docs: readonly { readonly name: string; readonly template: ContactEvent }[];
}

export type ToClients =
  | { readonly type: 'connect'; readonly teams: readonly ClientTeam[] }
  | {
      readonly type: 'write';
      readonly writes: number;
      readonly perSecond: number;
      /** performance.timeOrigin-based epoch ms at which this process writes its first update. */
      readonly startAt: number;
    }
  | { readonly type: 'close' };

export type FromClients =
  /** Sent once the process listens for messages (anything sent before is lost). */
  | { readonly type: 'ready' }
  | { readonly type: 'connected'; readonly ms: number }
  | {
      readonly type: 'written';
      readonly same: number[];
      readonly cross: number[];
      readonly missing: number;
      readonly loopP99Ms: number;
      readonly loopMaxMs: number;
      readonly gcMaxMs: number;
    }
  | { readonly type: 'failed'; readonly message: string };

const TODAY = '2026-03-01';

interface Delivery {
  t0: number;
  readonly waiting: Map<WebSocket, boolean>;
}

const deliveries = new Map<string, Delivery>();
const same: number[] = [];
const cross: number[] = [];
/** Each team's reader sockets, and whether each is on another instance than its writer. */
const teamReaders = new Map<ClientTeam, Map<WebSocket, boolean>>();
const writers: Map<string, Attached>[] = [];
let teams: readonly ClientTeam[] = [];

const send = (message: FromClients): void => {
  process.send?.(message);
};

function openTeamReader(team: ClientTeam, reader: ClientTeam['readers'][number]): Promise<void> {
  const onUpdate = (doc: string, ws: WebSocket, at: number): void => {
    const delivery = deliveries.get(doc);
    if (delivery && delivery.t0 > 0 && delivery.waiting.delete(ws))
      (reader.cross ? cross : same).push(at - delivery.t0);
  };
  const names = team.docs.map((d) => d.name);
  return openReader(reader.url, reader.token, names, onUpdate).then((ws) => {
    const readers = teamReaders.get(team) ?? new Map<WebSocket, boolean>();
    readers.set(ws, reader.cross);
    teamReaders.set(team, readers);
  });
}

function openTeamWriter(team: ClientTeam): Promise<Map<string, Attached>> {
  const names = team.docs.map((d) => d.name);
  return openWriter(team.writerUrl, team.writerToken, names, (doc) => {
    const delivery = deliveries.get(doc);
    if (delivery && delivery.t0 === 0) delivery.t0 = performance.now();
  });
}

async function connectAll(given: readonly ClientTeam[]): Promise<void> {
  teams = given;
  const started = performance.now();
  const limit = pLimit(10);
  await Promise.all(
    teams.flatMap((team, index) => [
      limit(async () => {
        writers[index] = await openTeamWriter(team);
      }),
      ...team.readers.map((reader) => limit(() => openTeamReader(team, reader))),
    ]),
  );
  send({ type: 'connected', ms: performance.now() - started });
}

async function writeAll(writes: number, perSecond: number, startAt: number): Promise<void> {
  const stalls = watchStalls();
  const origin = startAt - performance.timeOrigin;
  for (let k = 0; k < writes; k += 1) {
    const due = origin + (k * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const index = k % teams.length;
    const team = teams[index];
    const doc = team?.docs[Math.floor(k / teams.length) % team.docs.length];
    const attached = doc ? writers[index]?.get(doc.name) : undefined;
    if (!team || !doc || !attached) continue;
    deliveries.set(doc.name, { t0: 0, waiting: new Map(teamReaders.get(team)) });
    addContact(
      attached.doc,
      { ...doc.template, id: `fanout-${process.pid}-${k}` },
      {
        writer: team.writerUserId,
        today: TODAY,
      },
    );
  }
  const drainUntil = performance.now() + 10_000;
  while ([...deliveries.values()].some((d) => d.waiting.size > 0) && performance.now() < drainUntil)
    await new Promise((resolve) => setTimeout(resolve, 20));
  send({
    type: 'written',
    same,
    cross,
    missing: [...deliveries.values()].reduce((sum, d) => sum + d.waiting.size, 0),
    ...stalls.stop(),
  });
}

process.on('message', (message: ToClients) => {
  const run = async (): Promise<void> => {
    if (message.type === 'connect') {
      await connectAll(message.teams);
    } else if (message.type === 'write') {
      await writeAll(message.writes, message.perSecond, message.startAt);
    } else {
      for (const map of writers) for (const a of map?.values() ?? []) a.provider.destroy();
      for (const readers of teamReaders.values()) for (const ws of readers.keys()) ws.close();
      process.exit(0);
    }
  };
  run().catch((error: unknown) =>
    send({ type: 'failed', message: error instanceof Error ? error.message : String(error) }),
  );
});
process.on('disconnect', () => process.exit(0));
send({ type: 'ready' });
