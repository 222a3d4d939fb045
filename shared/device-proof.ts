/**
 * Device binding: each installation holds an ECDSA P-256 key pair (WebCrypto, private key not
 * extractable). At sign-in and at every refresh the client signs a fresh, single-use server challenge
 * (`POST /api/challenge`) with it; the server checks the signature against the public key it stored
 * when the device was enrolled (its first sign-in). A device id alone therefore proves nothing.
 *
 * Pure TypeScript (zod only): runs in the browser, Electron and Node.
 */
import { z } from 'zod';

/** What a proof is for: the server refuses a proof made for one purpose when presented for another. */
export const DEVICE_PROOF_PURPOSES = ['sign-in', 'refresh'] as const;
export type DeviceProofPurpose = (typeof DEVICE_PROOF_PURPOSES)[number];

/** Signature and key parameters (WebCrypto names). Signatures are IEEE P1363 (r ‖ s, 64 bytes). */
export const DEVICE_KEY_ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;
export const DEVICE_SIGNATURE_ALGORITHM = { name: 'ECDSA', hash: 'SHA-256' } as const;

const base64url = (max: number, what: string) =>
  z
    .string()
    .min(1, `${what} is required`)
    .max(max, `${what} is too long`)
    .regex(/^[A-Za-z0-9_-]+$/, `${what} must be base64url`);

/** The public half of a device key as a JWK (only the members the server keeps). */
export const devicePublicKeySchema = z.object({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: base64url(64, 'publicKey.x'),
  y: base64url(64, 'publicKey.y'),
});
export type DevicePublicKey = z.infer<typeof devicePublicKeySchema>;

/** `POST /api/challenge` answer: an opaque single-use value, good until `expiresAt` (ISO 8601). */
export const challengeResponseSchema = z.object({
  challenge: z.string().min(1).max(512),
  expiresAt: z.string(),
});
export type ChallengeResponse = z.infer<typeof challengeResponseSchema>;

/**
 * The proof sent with sign-in and refresh. `publicKey` is sent at enrolment (the first sign-in of a
 * device id); the server ignores nothing: a key that differs from the enrolled one is refused.
 */
export const deviceProofSchema = z.object({
  challenge: z.string().min(1, 'proof.challenge is required').max(512, 'proof.challenge is too long'),
  signature: base64url(200, 'proof.signature'),
  publicKey: devicePublicKeySchema.optional(),
});
export type DeviceProof = z.infer<typeof deviceProofSchema>;

/** The exact text that is signed: versioned, bound to the purpose, the device id and the challenge. */
export function deviceProofMessage(purpose: DeviceProofPurpose, deviceId: string, challenge: string): string {
  return `waymark-device-proof/v1\n${purpose}\n${deviceId}\n${challenge}`;
}

/**
 * The part of WebCrypto's `crypto.subtle` a device key needs: the browser's and Node's both fit, each
 * with its own key type.
 */
export interface DeviceKeyCrypto<Key> {
  generateKey(
    algorithm: typeof DEVICE_KEY_ALGORITHM,
    extractable: false,
    usages: ['sign', 'verify'],
  ): Promise<{ privateKey: Key; publicKey: Key }>;
  exportKey(format: 'jwk', key: Key): Promise<unknown>;
  sign(
    algorithm: typeof DEVICE_SIGNATURE_ALGORITHM,
    key: Key,
    data: Uint8Array<ArrayBuffer>,
  ): Promise<ArrayBuffer>;
}

/** A new device key pair: the private key not extractable, the public key as the JWK the server keeps. */
export async function newDeviceKeys<Key>(
  subtle: DeviceKeyCrypto<Key>,
): Promise<{ privateKey: Key; publicKey: DevicePublicKey }> {
  const pair = await subtle.generateKey(DEVICE_KEY_ALGORITHM, false, ['sign', 'verify']);
  const publicKey = devicePublicKeySchema.parse(await subtle.exportKey('jwk', pair.publicKey));
  return { privateKey: pair.privateKey, publicKey };
}

/** The signature (base64url P1363) of the proof message for `purpose`, `deviceId` and `challenge`. */
export async function signDeviceProof<Key>(
  subtle: DeviceKeyCrypto<Key>,
  privateKey: Key,
  proof: { purpose: DeviceProofPurpose; deviceId: string; challenge: string },
): Promise<string> {
  const text = deviceProofMessage(proof.purpose, proof.deviceId, proof.challenge);
  // A copy over its own ArrayBuffer: what WebCrypto's sign takes.
  const message = new Uint8Array(new TextEncoder().encode(text));
  return toBase64url(new Uint8Array(await subtle.sign(DEVICE_SIGNATURE_ALGORITHM, privateKey, message)));
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Bytes to base64url without padding (for signatures). */
export function toBase64url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let c = 0; c < chars; c++) out += ALPHABET[(n >> (18 - 6 * c)) & 63];
  }
  return out;
}

/** base64url (no padding) to bytes; throws on a character outside the alphabet. */
export function fromBase64url(text: string): Uint8Array {
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const ch of text) {
    const value = ALPHABET.indexOf(ch);
    if (value < 0) throw new Error('not base64url');
    buffer = ((buffer << 6) | value) & 0xffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
    }
  }
  return Uint8Array.from(bytes);
}
