import { describe, expect, it } from 'vitest';
import { hashRefreshToken, parseRefreshToken } from './sessions.ts';

describe('refresh tokens', () => {
  it('parse as <session id>.<secret> only', () => {
    const id = '3f1c2a9e-8d4b-4c1a-9f2e-1a2b3c4d5e6f';
    const secret = 'A'.repeat(43);
    expect(parseRefreshToken(`${id}.${secret}`)).toEqual({ sessionId: id, secret });
    for (const bad of ['', id, `${id}.`, `${id}.${secret}x`, `${id}.${secret}.x`, `x${id}.${secret}`])
      expect(parseRefreshToken(bad)).toBeNull();
  });

  it('are stored as a SHA-256, never as themselves', () => {
    expect(hashRefreshToken('secret')).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRefreshToken('secret')).not.toBe(hashRefreshToken('secret2'));
  });
});
