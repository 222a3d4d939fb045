/**
 * The address a request really came from. Behind the TLS-terminating proxy (docs/operations.md) every
 * connection's peer is the proxy, so per-address limits would be organisation-wide. `X-Forwarded-For`
 * is believed only when the peer is a configured trusted proxy (WAYMARK_TRUSTED_PROXIES); from anyone
 * else it is ignored, because any client can write it. With a chain of trusted proxies, the client is
 * the right-most address that is not itself a trusted proxy.
 */
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

/** `::ffff:10.0.0.1` → `10.0.0.1`; lower-case IPv6. */
export function normaliseAddress(address: string): string {
  const lower = address.trim().toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  return mapped?.[1] ?? lower;
}

/** Splits `WAYMARK_TRUSTED_PROXIES` (comma-separated IP addresses); throws on anything else. */
export function parseTrustedProxies(value: string): string[] {
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  for (const entry of entries) {
    if (isIP(entry) === 0) {
      throw new Error(
        `WAYMARK_TRUSTED_PROXIES: ${JSON.stringify(entry)} is not an IP address (list the proxy's addresses, comma-separated)`,
      );
    }
  }
  return entries.map(normaliseAddress);
}

export class ClientAddressResolver {
  private readonly trusted: ReadonlySet<string>;

  constructor(trustedProxies: readonly string[] = []) {
    this.trusted = new Set(trustedProxies.map(normaliseAddress));
  }

  get trustsProxies(): boolean {
    return this.trusted.size > 0;
  }

  /** The client's address: the socket peer, or (from a trusted proxy) what X-Forwarded-For names. */
  addressOf(request: IncomingMessage): string {
    const peer = normaliseAddress(request.socket.remoteAddress ?? 'unknown');
    if (!this.trusted.has(peer)) return peer;
    const header = request.headers['x-forwarded-for'];
    if (header === undefined) return peer;
    const hops = (Array.isArray(header) ? header.join(',') : header).split(',').map(normaliseAddress);
    for (let i = hops.length - 1; i >= 0; i--) {
      const hop = hops[i] ?? '';
      if (this.trusted.has(hop)) continue;
      // A malformed hop from a trusted proxy: fall back to the proxy itself rather than invent an address.
      return isIP(hop) === 0 ? peer : hop;
    }
    return peer;
  }
}
