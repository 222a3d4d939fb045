import { describe, expect, it } from 'vitest';
import { describeRedisUrl, redisOptionsFromUrl } from './redis-url.ts';

describe('WAYMARK_REDIS_URL', () => {
  it('reads host, port, database, password and TLS', () => {
    expect(redisOptionsFromUrl('redis://:s%40cret@10.0.0.5:6380/3')).toEqual({
      host: '10.0.0.5',
      port: 6380,
      db: 3,
      password: 's@cret',
    });
    expect(redisOptionsFromUrl('rediss://app:pw@redis.internal')).toEqual({
      host: 'redis.internal',
      port: 6379,
      db: 0,
      username: 'app',
      password: 'pw',
      tls: { servername: 'redis.internal' },
    });
    expect(redisOptionsFromUrl('redis://[::1]:7000').host).toBe('::1');
  });

  it('refuses anything else with a specific message, and never shows the password', () => {
    expect(() => redisOptionsFromUrl('not a url')).toThrow(/must be a URL/);
    expect(() => redisOptionsFromUrl('postgres://h:1/x')).toThrow(/redis:\/\/ or rediss:\/\//);
    expect(() => redisOptionsFromUrl('redis://h:0')).toThrow(/port must be 1–65535/);
    expect(() => redisOptionsFromUrl('redis://h:6379/99')).toThrow(/database must be 0–15/);
    expect(() => redisOptionsFromUrl('redis://h:6379/x')).toThrow(/database/);
    expect(describeRedisUrl('redis://:topsecret@h:6379/1')).toBe('redis://h:6379/1');
  });
});
