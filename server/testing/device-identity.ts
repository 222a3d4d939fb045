/**
 * A device identity for tests and benchmarks in Node, as the renderer keeps one in the browser
 * (renderer/sync/device-key.ts): an ECDSA P-256 key pair from node:crypto's WebCrypto (private key not
 * extractable) and helpers that sign a fresh server challenge for sign-in and refresh.
 */
import { randomUUID, webcrypto } from 'node:crypto';
import {
  challengeResponseSchema,
  newDeviceKeys,
  signDeviceProof,
  type DeviceProof,
  type DeviceProofPurpose,
  type DevicePublicKey,
} from '../../shared/device-proof.ts';
import { API_PATHS, loginResponseSchema, type LoginResponse } from '../../shared/protocol.ts';
import { SCHEMA_VERSION } from '../../shared/domain/schema-version.ts';

export class TestDevice {
  readonly id: string;
  readonly publicKey: DevicePublicKey;
  private readonly privateKey: webcrypto.CryptoKey;

  private constructor(id: string, privateKey: webcrypto.CryptoKey, publicKey: DevicePublicKey) {
    this.id = id;
    this.privateKey = privateKey;
    this.publicKey = publicKey;
  }

  static async create(id: string = `dev-${randomUUID()}`): Promise<TestDevice> {
    const keys = await newDeviceKeys(webcrypto.subtle);
    return new TestDevice(id, keys.privateKey, keys.publicKey);
  }

  /** Signs `challenge` for `purpose` (base64url P1363 signature). */
  async sign(purpose: DeviceProofPurpose, challenge: string, deviceId: string = this.id): Promise<string> {
    return signDeviceProof(webcrypto.subtle, this.privateKey, { purpose, deviceId, challenge });
  }

  /** A proof over a fresh challenge from the server (with the public key: enrols on first sign-in). */
  async proof(serverUrl: string, purpose: DeviceProofPurpose): Promise<DeviceProof> {
    const challenge = await fetchChallenge(serverUrl);
    return { challenge, signature: await this.sign(purpose, challenge), publicKey: this.publicKey };
  }
}

export async function fetchChallenge(serverUrl: string): Promise<string> {
  const response = await fetch(serverUrl + API_PATHS.challenge, { method: 'POST' });
  if (!response.ok) throw new Error(`challenge failed: ${response.status}`);
  return challengeResponseSchema.parse(await response.json()).challenge;
}

/** Test devices by id, so a test that names a device id keeps one key for it. */
const devices = new Map<string, Promise<TestDevice>>();

export function deviceFor(deviceId: string): Promise<TestDevice> {
  let device = devices.get(deviceId);
  if (!device) {
    device = TestDevice.create(deviceId);
    devices.set(deviceId, device);
  }
  return device;
}

async function post(url: string, body: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

/** Signs in with a password and a device proof; throws with the server's answer when refused. */
export async function signIn(
  serverUrl: string,
  username: string,
  password: string,
  device: TestDevice,
): Promise<LoginResponse> {
  const proof = await device.proof(serverUrl, 'sign-in');
  const res = await post(serverUrl + API_PATHS.login, {
    username,
    password,
    deviceId: device.id,
    proof,
    recordEncoding: SCHEMA_VERSION,
  });
  if (res.status !== 200)
    throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return loginResponseSchema.parse(res.body);
}

/** Rotates a refresh token with a device proof; returns the raw answer (tests check refusals). */
export async function refreshWith(
  serverUrl: string,
  refreshToken: string,
  device: TestDevice,
): Promise<{ status: number; body: unknown }> {
  const challenge = await fetchChallenge(serverUrl);
  return post(serverUrl + API_PATHS.refresh, {
    refreshToken,
    proof: { challenge, signature: await device.sign('refresh', challenge) },
    recordEncoding: SCHEMA_VERSION,
  });
}
