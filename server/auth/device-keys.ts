/**
 * Device binding on the server: a device id is only as good as the key enrolled with it. At a
 * device's first sign-in its public key is stored with it (after the signature over a fresh challenge
 * proves the client holds the private key); every later sign-in and refresh must be signed by that
 * key. A device enrolled by one user is never used by, or moved to, another user.
 */
import { webcrypto } from 'node:crypto';
import {
  DEVICE_KEY_ALGORITHM,
  DEVICE_SIGNATURE_ALGORITHM,
  deviceProofMessage,
  devicePublicKeySchema,
  fromBase64url,
  type DeviceProof,
  type DeviceProofPurpose,
  type DevicePublicKey,
} from '../../shared/device-proof.ts';
import { SERVER_REASONS } from '../../shared/protocol.ts';
import type { Store, User } from '../store/types.ts';
import { AuthRefusal } from './auth-refusal.ts';
import type { DeviceChallenges } from './device-challenges.ts';

/** True if `signature` (base64url, P1363) is the key's ECDSA P-256 / SHA-256 signature of `message`. */
export async function verifyDeviceSignature(
  publicKey: DevicePublicKey,
  message: string,
  signature: string,
): Promise<boolean> {
  try {
    const key = await webcrypto.subtle.importKey(
      'jwk',
      { kty: publicKey.kty, crv: publicKey.crv, x: publicKey.x, y: publicKey.y },
      DEVICE_KEY_ALGORITHM,
      false,
      ['verify'],
    );
    return await webcrypto.subtle.verify(
      DEVICE_SIGNATURE_ALGORITHM,
      key,
      fromBase64url(signature),
      new TextEncoder().encode(message),
    );
  } catch {
    return false; // not a point on the curve, malformed signature
  }
}

/** The canonical JSON kept for a public key (members in a fixed order, nothing else). */
export function publicKeyText(publicKey: DevicePublicKey): string {
  return JSON.stringify({ kty: publicKey.kty, crv: publicKey.crv, x: publicKey.x, y: publicKey.y });
}

function parseStoredKey(text: string): DevicePublicKey {
  return devicePublicKeySchema.parse(JSON.parse(text));
}

export interface DeviceAdmission {
  /** The device is enrolled to this user and its key signed the challenge. */
  readonly deviceId: string;
  /** True when this sign-in enrolled the device's key. */
  readonly enrolled: boolean;
}

const proofRefused = (message: string): AuthRefusal =>
  new AuthRefusal(401, SERVER_REASONS.deviceProofInvalid, message);

export class DeviceGate {
  private readonly store: Store;
  private readonly challenges: DeviceChallenges;

  constructor(store: Store, challenges: DeviceChallenges) {
    this.store = store;
    this.challenges = challenges;
  }

  /** Checks the challenge (single use) and the signature against `publicKey`. */
  private async checkProof(
    proof: DeviceProof,
    purpose: DeviceProofPurpose,
    deviceId: string,
    publicKey: DevicePublicKey,
  ): Promise<void> {
    if (!(await this.challenges.claim(proof.challenge)))
      throw proofRefused('the challenge is unknown, used or expired: ask for a new one');
    const message = deviceProofMessage(purpose, deviceId, proof.challenge);
    if (!(await verifyDeviceSignature(publicKey, message, proof.signature)))
      throw proofRefused('the device signature does not match this device');
  }

  /**
   * Admits `deviceId` for `user` at sign-in: refuses revoked devices, devices enrolled by another user
   * and proofs that are missing, stale or signed by another key; enrols the key of a new device (and of
   * a device registered before keys existed, once, by its own user).
   */
  async admitSignIn(user: User, deviceId: string, proof: DeviceProof | undefined): Promise<DeviceAdmission> {
    const device = await this.store.getDevice(deviceId);
    if (device?.revokedAt)
      throw new AuthRefusal(
        403,
        SERVER_REASONS.deviceRevoked,
        'this device has been revoked: wipe local data',
      );
    if (device && device.userId !== user.id)
      throw new AuthRefusal(
        409,
        SERVER_REASONS.deviceInUse,
        'this device id belongs to another account: enrol a new device',
      );
    if (!proof) throw proofRefused('proof: a device signature over a fresh challenge is required');
    const existing = await this.store.auth.getDeviceKey(deviceId);
    if (existing) {
      if (existing.userId !== user.id)
        throw new AuthRefusal(
          409,
          SERVER_REASONS.deviceInUse,
          'this device id belongs to another account: enrol a new device',
        );
      const enrolledKey = parseStoredKey(existing.publicKey);
      if (proof.publicKey && publicKeyText(proof.publicKey) !== publicKeyText(enrolledKey))
        throw proofRefused('this device is enrolled with another key');
      await this.checkProof(proof, 'sign-in', deviceId, enrolledKey);
      await this.touch(user, deviceId);
      return { deviceId, enrolled: false };
    }
    if (!proof.publicKey) throw proofRefused('proof.publicKey: this device has no key yet, enrol one');
    await this.checkProof(proof, 'sign-in', deviceId, proof.publicKey);
    const key = await this.store.auth.enrolDeviceKey(deviceId, user.id, publicKeyText(proof.publicKey));
    if (key.userId !== user.id || key.publicKey !== publicKeyText(proof.publicKey))
      throw new AuthRefusal(
        409,
        SERVER_REASONS.deviceInUse,
        'this device id was enrolled at the same moment by another sign-in',
      );
    await this.touch(user, deviceId);
    return { deviceId, enrolled: true };
  }

  /** Registers or touches the device row; refuses if it turns out to belong to someone else (a race). */
  private async touch(user: User, deviceId: string): Promise<void> {
    const row = await this.store.touchDevice(deviceId, user.id);
    if (row.userId !== user.id)
      throw new AuthRefusal(
        409,
        SERVER_REASONS.deviceInUse,
        'this device id belongs to another account: enrol a new device',
      );
    if (row.revokedAt)
      throw new AuthRefusal(
        403,
        SERVER_REASONS.deviceRevoked,
        'this device has been revoked: wipe local data',
      );
  }

  /** Checks a refresh proof against the key enrolled for the session's device. */
  async checkRefresh(userId: string, deviceId: string, proof: DeviceProof): Promise<void> {
    const device = await this.store.getDevice(deviceId);
    if (!device || device.revokedAt)
      throw new AuthRefusal(
        403,
        SERVER_REASONS.deviceRevoked,
        'this device has been revoked: wipe local data',
      );
    const key = await this.store.auth.getDeviceKey(deviceId);
    if (!key || key.userId !== userId) throw proofRefused('this device has no key enrolled: sign in again');
    await this.checkProof(proof, 'refresh', deviceId, parseStoredKey(key.publicKey));
  }
}
