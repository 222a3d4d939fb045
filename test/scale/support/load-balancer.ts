/**
 * A small loopback TCP load balancer for the multi-instance tests: it spreads new connections over the
 * backends round-robin (no stickiness: any connection may land on any instance), can be told to send
 * the next connections to one backend (`prefer`) and to avoid a dead one (`markDown`). A connection to a
 * backend that refuses is retried on the next live backend, as a real balancer's passive check does.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';

export interface LoadBalancer {
  readonly port: number;
  /** ws://127.0.0.1:port/sync */
  readonly syncUrl: string;
  /** How many connections each backend received, by backend index. */
  readonly counts: number[];
  /** New connections go to this backend (while it is up); null: round-robin again. */
  prefer(index: number | null): void;
  /** Stop sending new connections to a backend (and cut the ones open to it). */
  markDown(index: number): void;
  markUp(index: number): void;
  close(): Promise<void>;
}

export async function startLoadBalancer(backendPorts: readonly number[]): Promise<LoadBalancer> {
  const down = new Set<number>();
  const open = new Map<number, Set<Socket>>(backendPorts.map((_, i) => [i, new Set()]));
  const counts = backendPorts.map(() => 0);
  let next = 0;
  let preferred: number | null = null;

  const pick = (tried: ReadonlySet<number>): number | null => {
    if (preferred !== null && !down.has(preferred) && !tried.has(preferred)) return preferred;
    for (let step = 0; step < backendPorts.length; step += 1) {
      const index = (next + step) % backendPorts.length;
      if (!down.has(index) && !tried.has(index)) {
        next = index + 1;
        return index;
      }
    }
    return null;
  };

  const forward = (client: Socket, tried: Set<number>): void => {
    const index = pick(tried);
    const port = index === null ? undefined : backendPorts[index];
    if (index === null || port === undefined) {
      client.destroy();
      return;
    }
    tried.add(index);
    const upstream = connect(port, '127.0.0.1');
    let connected = false;
    upstream.once('connect', () => {
      connected = true;
      counts[index] = (counts[index] ?? 0) + 1;
      open.get(index)?.add(client);
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
    });
    upstream.on('error', () => {
      if (!connected) {
        forward(client, tried);
        return;
      }
      client.destroy();
    });
    upstream.on('close', () => {
      if (connected) client.destroy();
    });
    client.on('close', () => {
      open.get(index)?.delete(client);
      upstream.destroy();
    });
  };

  const server: Server = createServer({ pauseOnConnect: true }, (client) => {
    client.on('error', () => client.destroy());
    forward(client, new Set());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('load balancer has no TCP address');
  const port = address.port;
  return {
    port,
    syncUrl: `ws://127.0.0.1:${port}/sync`,
    counts,
    prefer(index) {
      preferred = index;
    },
    markDown(index) {
      down.add(index);
      for (const socket of open.get(index) ?? []) socket.destroy();
    },
    markUp(index) {
      down.delete(index);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const sockets of open.values()) for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
