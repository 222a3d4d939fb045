/**
 * A TCP proxy between clients and the sync server that misbehaves at random (seeded): it delays
 * each chunk (order kept, as TCP does), refuses some new connections outright, stalls some (forwards
 * nothing, then cuts them) and cuts the others after a random time. `heal()` stops the faults: stalled
 * connections are cut, the other open ones carry on undisturbed, new ones are forwarded as they are.
 * It starts healthy; `harm()` starts the faults.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { Rng } from '../../../../shared/synthetic/random.ts';

export interface FaultyProxyOptions {
  readonly upstreamPort: number;
  readonly rng: Rng;
  /** Chance that a new connection is refused (closed at once). */
  readonly refuse: number;
  /** Chance that a connection stalls (nothing forwarded) until it is cut. */
  readonly stall: number;
  /** Each chunk waits 0..maxDelayMs before it is forwarded. */
  readonly maxDelayMs: number;
  /** Each connection is cut after minLifeMs..maxLifeMs. */
  readonly minLifeMs: number;
  readonly maxLifeMs: number;
}

export interface FaultyProxy {
  readonly port: number;
  /** What the proxy did so far. */
  readonly counts: { connections: number; refused: number; stalled: number; cut: number };
  /** Faults from now on (the proxy starts healthy). */
  harm(): void;
  /** No more faults: new connections are forwarded as they are, open ones are no longer cut. */
  heal(): void;
  /** Cuts every open connection now (as a network drop would). */
  cutAll(): void;
  close(): Promise<void>;
}

export async function startFaultyProxy(options: FaultyProxyOptions): Promise<FaultyProxy> {
  const { rng } = options;
  let healed = true;
  const open = new Set<{
    stalled: boolean;
    cut: () => void;
    timer: ReturnType<typeof setTimeout> | null;
  }>();
  const counts = { connections: 0, refused: 0, stalled: 0, cut: 0 };

  const server: Server = createServer((client: Socket) => {
    counts.connections += 1;
    if (!healed && rng.chance(options.refuse)) {
      counts.refused += 1;
      client.destroy();
      return;
    }
    const stalled = !healed && rng.chance(options.stall);
    if (stalled) counts.stalled += 1;
    const upstream = connect(options.upstreamPort, '127.0.0.1');
    const entry = {
      stalled,
      cut: () => {
        counts.cut += 1;
        client.destroy();
        upstream.destroy();
      },
      timer: null as ReturnType<typeof setTimeout> | null,
    };
    open.add(entry);
    const forget = () => {
      if (entry.timer) clearTimeout(entry.timer);
      open.delete(entry);
    };
    client.on('close', () => {
      upstream.destroy();
      forget();
    });
    upstream.on('close', () => {
      client.destroy();
      forget();
    });
    client.on('error', () => undefined);
    upstream.on('error', () => undefined);
    // One chain per direction keeps the order of chunks, each held back a random while.
    const forward = (from: Socket, to: Socket) => {
      let chain = Promise.resolve();
      from.on('data', (chunk: Buffer) => {
        // A stalled connection forwards nothing, ever (dropping bytes mid-stream would corrupt it).
        if (stalled) return;
        const delay = healed ? 0 : rng.int(0, options.maxDelayMs);
        chain = chain.then(
          () =>
            new Promise<void>((resolve) =>
              setTimeout(() => {
                if (!to.destroyed) to.write(chunk);
                resolve();
              }, delay),
            ),
        );
      });
    };
    forward(client, upstream);
    forward(upstream, client);
    if (!healed) {
      entry.timer = setTimeout(entry.cut, rng.int(options.minLifeMs, options.maxLifeMs));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    counts,
    harm() {
      healed = false;
      // Connections opened while healthy are cut too, at random times.
      for (const entry of open) {
        entry.timer ??= setTimeout(entry.cut, rng.int(options.minLifeMs, options.maxLifeMs));
      }
    },
    heal() {
      healed = true;
      for (const entry of [...open]) {
        if (entry.stalled) {
          entry.cut();
          continue;
        }
        if (entry.timer) clearTimeout(entry.timer);
        entry.timer = null;
      }
    },
    cutAll() {
      for (const entry of [...open]) entry.cut();
    },
    close() {
      for (const entry of [...open]) entry.cut();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
