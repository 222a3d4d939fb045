import { describe, expect, it } from 'vitest';
import { deviceProofMessage, deviceProofSchema, fromBase64url, toBase64url } from './device-proof.ts';

describe('device proofs', () => {
  it('round-trips base64url without padding for every length', () => {
    for (let length = 0; length < 70; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 37 + length * 11) % 256);
      const text = toBase64url(bytes);
      expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
      expect(text.length).toBe(Math.ceil((length * 8) / 6));
      expect(Array.from(fromBase64url(text))).toEqual(Array.from(bytes));
    }
    expect(toBase64url(Uint8Array.from([251, 255, 191]))).toBe('-_-_');
    expect(() => fromBase64url('not base64!')).toThrow(/base64url/);
  });

  it('binds the signed text to the purpose, the device and the challenge', () => {
    const base = deviceProofMessage('sign-in', 'device-1', 'c1');
    expect(base).toBe('waymark-device-proof/v1\nsign-in\ndevice-1\nc1');
    expect(deviceProofMessage('refresh', 'device-1', 'c1')).not.toBe(base);
    expect(deviceProofMessage('sign-in', 'device-2', 'c1')).not.toBe(base);
    expect(deviceProofMessage('sign-in', 'device-1', 'c2')).not.toBe(base);
  });

  it('names the failing field of a malformed proof', () => {
    const result = deviceProofSchema.safeParse({ challenge: 'c', signature: 'has spaces' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('proof.signature must be base64url');
    const key = deviceProofSchema.safeParse({
      challenge: 'c',
      signature: 'abc',
      publicKey: { kty: 'RSA', crv: 'P-256', x: 'a', y: 'b' },
    });
    expect(key.success).toBe(false);
  });
});
