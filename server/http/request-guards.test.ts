/** Request targets, Host headers, origins and client addresses: the parsing behind test/security. */
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { ClientAddressResolver, parseTrustedProxies } from './client-address.ts';
import { OriginPolicy, parseAllowedOrigins } from './origins.ts';
import { isValidHost, parseRequestTarget } from './request-target.ts';

describe('request targets', () => {
  it('accepts origin-form targets and refuses everything else without throwing', () => {
    expect(parseRequestTarget('/sync?x=1')).toMatchObject({ pathname: '/sync', search: '?x=1' });
    for (const bad of [
      undefined,
      '',
      '*',
      'http://[/sync',
      'http://localhost/sync',
      '//evil/sync',
      'sync',
      `/${'a'.repeat(5000)}`,
    ])
      expect(parseRequestTarget(bad)).toBeNull();
  });
});

describe('Host headers', () => {
  it('accepts names, IPv4 and bracketed IPv6 with a port up to 65535', () => {
    for (const good of [
      undefined,
      'localhost',
      'localhost:1234',
      '127.0.0.1:65535',
      '[::1]:80',
      'sync.council.example',
    ])
      expect(isValidHost(good)).toBe(true);
    for (const bad of ['x:99999999', '[', 'a b', 'exa%mple', '', 'x:-1', 'a/b', 'host:80:80', '[::1'])
      expect(isValidHost(bad)).toBe(false);
  });
});

describe('origins', () => {
  it('allows the app origin and loopback by default, nothing else', () => {
    const policy = new OriginPolicy();
    expect(policy.check(undefined)).toEqual({ allowed: true, echo: null });
    expect(policy.check('app://waymark')).toEqual({ allowed: true, echo: 'app://waymark' });
    expect(policy.check('http://localhost:4300').allowed).toBe(true);
    expect(policy.check('http://[::1]:5173').allowed).toBe(true);
    for (const bad of [
      'https://evil.example',
      'null',
      'http://localhost.evil',
      'http://localhost:4300/x',
      'app://waymark2',
    ])
      expect(policy.check(bad).allowed).toBe(false);
    expect(policy.check(['app://waymark', 'app://waymark']).allowed).toBe(false);
  });

  it('parses the configured list and names a bad entry', () => {
    expect(parseAllowedOrigins('app://waymark, https://w.council.example')).toEqual([
      'app://waymark',
      'https://w.council.example',
    ]);
    expect(() => parseAllowedOrigins('https://w.council.example/')).toThrow(/not an origin/);
  });
});

describe('client addresses', () => {
  const request = (peer: string, forwarded?: string): IncomingMessage =>
    ({
      socket: { remoteAddress: peer },
      headers: forwarded ? { 'x-forwarded-for': forwarded } : {},
    }) as unknown as IncomingMessage;

  it('believes X-Forwarded-For only from a trusted proxy, right-most untrusted hop first', () => {
    const resolver = new ClientAddressResolver(parseTrustedProxies('10.0.0.5, ::ffff:10.0.0.6'));
    expect(resolver.addressOf(request('::ffff:192.0.2.1', '203.0.113.9'))).toBe('192.0.2.1');
    expect(resolver.addressOf(request('10.0.0.5', '198.51.100.1, 203.0.113.9'))).toBe('203.0.113.9');
    expect(resolver.addressOf(request('10.0.0.5', '203.0.113.9, 10.0.0.6'))).toBe('203.0.113.9');
    expect(resolver.addressOf(request('10.0.0.5', 'junk'))).toBe('10.0.0.5');
    expect(resolver.addressOf(request('10.0.0.5'))).toBe('10.0.0.5');
    expect(() => parseTrustedProxies('proxy.council.example')).toThrow(/not an IP address/);
  });
});
