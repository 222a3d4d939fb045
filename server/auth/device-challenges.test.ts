import { describe, expect, it } from 'vitest';
import { CHALLENGE_TTL_MS, DeviceChallenges } from './device-challenges.ts';

describe('device challenges', () => {
  const now = Date.parse('2026-12-01T10:00:00Z');

  it('accepts a challenge it issued once, before it expires', () => {
    const challenges = new DeviceChallenges();
    const { challenge, expiresAt } = challenges.issue(now);
    expect(Date.parse(expiresAt)).toBe(now + CHALLENGE_TTL_MS);
    expect(challenges.consume(challenge, now + 1000)).toBe(true);
    expect(challenges.consume(challenge, now + 2000)).toBe(false);
  });

  it('refuses expired, altered, foreign and malformed challenges', () => {
    const challenges = new DeviceChallenges();
    const expired = challenges.issue(now).challenge;
    expect(challenges.consume(expired, now + CHALLENGE_TTL_MS)).toBe(false);
    const { challenge } = challenges.issue(now);
    const [nonce, expires, mac] = challenge.split('.');
    expect(challenges.consume(`${nonce}.${Number(expires) + 60_000}.${mac}`, now)).toBe(false);
    expect(challenges.consume(`${'x'.repeat(32)}.${expires}.${mac}`, now)).toBe(false);
    expect(new DeviceChallenges().consume(challenge, now)).toBe(false);
    for (const bad of ['', 'a.b.c', `${challenge}.extra`, challenge.toUpperCase()])
      expect(challenges.consume(bad, now)).toBe(false);
    expect(challenges.consume(challenge, now)).toBe(true);
  });

  it('forgets used challenges once they expire (memory stays bounded by the lifetime)', () => {
    const challenges = new DeviceChallenges();
    const first = challenges.issue(now).challenge;
    expect(challenges.consume(first, now)).toBe(true);
    const later = now + CHALLENGE_TTL_MS + 1;
    const second = challenges.issue(later).challenge;
    expect(challenges.consume(second, later)).toBe(true);
    expect((challenges as unknown as { used: Map<string, number> }).used.size).toBe(1);
    expect(challenges.consume(first, later)).toBe(false); // expired, not replayable either
  });

  it('with a shared key and ledger, a challenge from one instance is accepted once by any instance', async () => {
    const claimed = new Map<string, number>();
    const ledger = async (nonce: string, ttlMs: number): Promise<boolean> => {
      if (claimed.has(nonce)) return false;
      claimed.set(nonce, ttlMs);
      return true;
    };
    const key = new Uint8Array(32).fill(7);
    const a = new DeviceChallenges(CHALLENGE_TTL_MS, { key, ledger });
    const b = new DeviceChallenges(CHALLENGE_TTL_MS, { key, ledger });
    const { challenge } = a.issue(now);
    expect(await b.claim(challenge, now + 1000)).toBe(true);
    expect(await a.claim(challenge, now + 2000)).toBe(false);
    expect([...claimed.values()]).toEqual([CHALLENGE_TTL_MS - 1000]);
    const expired = a.issue(now).challenge;
    expect(await b.claim(expired, now + CHALLENGE_TTL_MS)).toBe(false);
    const foreign = new DeviceChallenges().issue(now).challenge;
    expect(await b.claim(foreign, now + 1000)).toBe(false);
    expect(() => new DeviceChallenges(CHALLENGE_TTL_MS, { key: new Uint8Array(16), ledger })).toThrow(
      /32 bytes/,
    );
  });
});
