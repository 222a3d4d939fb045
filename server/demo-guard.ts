/**
 * The demo accounts share one published password (seed-demo.ts), so demo mode (`WAYMARK_DEMO`, the
 * `seedDemo` option) may listen only on this machine's loopback interface: a server reachable from the
 * network with known passwords would be open to anyone.
 */
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', '::1', 'localhost']);

export function isLoopbackHost(host: string): boolean {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  return LOOPBACK_HOSTS.has(bare.toLowerCase()) || /^127(\.\d{1,3}){3}$/.test(bare);
}

/** Throws a clear error when demo mode is asked to listen beyond loopback. */
export function assertDemoOnLoopback(host: string): void {
  if (!isLoopbackHost(host)) {
    throw new Error(
      `Demo mode (WAYMARK_DEMO) refuses to listen on ${JSON.stringify(host)}: the demo accounts have a published ` +
        'password, so it runs only on 127.0.0.1, ::1 or localhost. Unset WAYMARK_DEMO or WAYMARK_HOST.',
    );
  }
}
