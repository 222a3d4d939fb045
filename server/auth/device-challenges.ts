/**
 * Single-use, short-lived challenges for device proofs. A challenge is `<nonce>.<expiry ms>.<HMAC>`
 * under a per-process key, so issuing one stores nothing (an unauthenticated caller cannot fill memory
 * by asking); a presented challenge is remembered until it expires, so it is accepted once only.
 * A restart forgets the key: outstanding challenges stop working and clients ask for a new one.
 *
 * Several instances behind a load balancer (server/cluster) share the key (derived from the token
 * secret) and a ledger of used nonces in Redis, so a challenge issued by one instance is accepted once
 * by any of them.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const CHALLENGE_TTL_MS = 60_000;

/** Where presented nonces are remembered across instances: true the first time a nonce is claimed. */
export type SharedChallengeLedger = (nonce: string, ttlMs: number) => Promise<boolean>;

export interface SharedChallenges {
  /** The HMAC key every instance uses (≥ 32 bytes). */
  readonly key: Uint8Array;
  readonly ledger: SharedChallengeLedger;
}

export class DeviceChallenges {
  private readonly key: Uint8Array;
  private readonly ttlMs: number;
  private readonly ledger: SharedChallengeLedger | null;
  /** Presented challenges (nonce → expiry ms), kept until they expire. */
  private readonly used = new Map<string, number>();

  constructor(ttlMs: number = CHALLENGE_TTL_MS, shared?: SharedChallenges) {
    this.ttlMs = ttlMs;
    if (shared && shared.key.byteLength < 32)
      throw new Error('a shared challenge key needs at least 32 bytes');
    this.key = shared ? shared.key : randomBytes(32);
    this.ledger = shared?.ledger ?? null;
  }

  issue(now: number = Date.now()): { challenge: string; expiresAt: string } {
    const nonce = randomBytes(24).toString('base64url');
    const expires = now + this.ttlMs;
    return {
      challenge: `${nonce}.${expires}.${this.mac(nonce, expires)}`,
      expiresAt: new Date(expires).toISOString(),
    };
  }

  /**
   * True once for a challenge issued under this key that has not expired; false otherwise. With a
   * shared ledger, "once" holds across every instance.
   */
  async claim(challenge: string, now: number = Date.now()): Promise<boolean> {
    if (!this.ledger) return this.consume(challenge, now);
    const checked = this.check(challenge, now);
    return checked ? this.ledger(checked.nonce, checked.expires - now) : false;
  }

  /** True once for a challenge this process issued that has not expired; false otherwise. */
  consume(challenge: string, now: number = Date.now()): boolean {
    const checked = this.check(challenge, now);
    if (!checked) return false;
    this.prune(now);
    if (this.used.has(checked.nonce)) return false;
    this.used.set(checked.nonce, checked.expires);
    return true;
  }

  /** The nonce and expiry of a well-formed, authentic, unexpired challenge; null otherwise. */
  private check(challenge: string, now: number): { nonce: string; expires: number } | null {
    const match = /^([A-Za-z0-9_-]{32})\.(\d{13,15})\.([A-Za-z0-9_-]{43})$/.exec(challenge);
    if (!match?.[1] || !match[2] || !match[3]) return null;
    const [, nonce, expiresText, mac] = match;
    const expires = Number(expiresText);
    const expected = Buffer.from(this.mac(nonce, expires));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    if (expires <= now) return null;
    return { nonce, expires };
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
