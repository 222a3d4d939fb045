/**
 * Parsing WAYMARK_REDIS_URL (`redis://[:password@]host:port[/db]` or `rediss://…` for TLS) into the
 * options of an ioredis client, with a specific error for anything else. The password never appears in
 * an error or a log line.
 */
import type { RedisOptions } from 'ioredis';

export class RedisUrlError extends Error {}

/** Connection options for `new Redis(options)`, without retry and queue behaviour (cluster.ts adds those). */
export function redisOptionsFromUrl(text: string): RedisOptions {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new RedisUrlError('WAYMARK_REDIS_URL must be a URL such as redis://:password@127.0.0.1:6379');
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:')
    throw new RedisUrlError(
      `WAYMARK_REDIS_URL must start with redis:// or rediss:// (got ${url.protocol}//)`,
    );
  if (!url.hostname) throw new RedisUrlError('WAYMARK_REDIS_URL has no host name');
  const port = url.port === '' ? 6379 : Number(url.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new RedisUrlError(`WAYMARK_REDIS_URL port must be 1–65535 (got ${url.port})`);
  const dbText = url.pathname.replace(/^\//, '');
  const db = dbText === '' ? 0 : Number(dbText);
  if (!Number.isInteger(db) || db < 0 || db > 15)
    throw new RedisUrlError(`WAYMARK_REDIS_URL database must be 0–15 (got ${JSON.stringify(dbText)})`);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return {
    host,
    port,
    db,
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    ...(url.protocol === 'rediss:' ? { tls: { servername: host } } : {}),
  };
}

/** `redis://host:port/db` with any password removed, for log lines. */
export function describeRedisUrl(text: string): string {
  const options = redisOptionsFromUrl(text);
  return `${options.tls ? 'rediss' : 'redis'}://${options.host ?? ''}:${options.port ?? 6379}/${options.db ?? 0}`;
}
