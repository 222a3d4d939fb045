/**
 * Single-use, short-lived challenges for device proofs. A challenge is `<nonce>.<expiry ms>.<HMAC>`
 * under a per-process key, so issuing one stores nothing (an unauthenticated caller cannot fill memory
 * by asking); a presented challenge is remembered until it expires, so it is accepted once only.
 * A restart forgets the key: outstanding challenges stop working and clients ask for a new one.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const CHALLENGE_TTL_MS = 60_000;

export class DeviceChallenges {
  private readonly key = randomBytes(32);
  private readonly ttlMs: number;
  /** Presented challenges (nonce → expiry ms), kept until they expire. */
  private readonly used = new Map<string, number>();

  constructor(ttlMs: number = CHALLENGE_TTL_MS) {
    this.ttlMs = ttlMs;
  }

  issue(now: number = Date.now()): { challenge: string; expiresAt: string } {
    const nonce = randomBytes(24).toString('base64url');
    const expires = now + this.ttlMs;
    return {
      challenge: `${nonce}.${expires}.${this.mac(nonce, expires)}`,
      expiresAt: new Date(expires).toISOString(),
    };
  }

  /** True once for a challenge this process issued that has not expired; false otherwise. */
  consume(challenge: string, now: number = Date.now()): boolean {
    const match = /^([A-Za-z0-9_-]{32})\.(\d{13,15})\.([A-Za-z0-9_-]{43})$/.exec(challenge);
    if (!match?.[1] || !match[2] || !match[3]) return false;
    const [, nonce, expiresText, mac] = match;
    const expires = Number(expiresText);
    const expected = Buffer.from(this.mac(nonce, expires));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return false;
    if (expires <= now) return false;
    this.prune(now);
    if (this.used.has(nonce)) return false;
    this.used.set(nonce, expires);
    return true;
  }

  private mac(nonce: string, expires: number): string {
    return createHmac('sha256', this.key).update(`${nonce}.${expires}`).digest('base64url');
  }

  private prune(now: number): void {
    // Insertion order is expiry order (one TTL), so the expired ones are at the front.
    for (const [nonce, expires] of this.used) {
      if (expires > now) break;
      this.used.delete(nonce);
    }
  }
}
