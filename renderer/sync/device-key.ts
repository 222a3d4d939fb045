/**
 * This installation's device identity: a device id and an ECDSA P-256 key pair made with WebCrypto.
 * The private key is created non-extractable and kept in IndexedDB as a CryptoKey object (the
 * browser stores the key material itself; script can use it to sign but never read it out). The
 * server stores the public key at the first sign-in and wants a signature over a fresh challenge at
 * every sign-in and refresh (shared/device-proof.ts), so a copied device id or token is not enough.
 *
 * It lives in its own small database, so the record store's schema is untouched; wiping local data
 * deletes it with everything else (a wiped or revoked laptop enrols a new identity).
 * (Electron could later wrap the key with safeStorage/OS keychain; see docs/operations.md.)
 */
import {
  devicePublicKeySchema,
  newDeviceKeys,
  signDeviceProof,
  type DeviceProof,
  type DeviceProofPurpose,
  type DevicePublicKey,
} from '../../shared/device-proof.ts';

export interface DeviceIdentity {
  readonly deviceId: string;
  readonly privateKey: CryptoKey;
  readonly publicKey: DevicePublicKey;
}

const DB_NAME = 'waymark-device';
const STORE = 'identity';
const RECORD = 'current';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

async function withStore<T>(
  mode: IDBTransactionMode,
  fn: (store: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  const open = indexedDB.open(DB_NAME, 1);
  open.onupgradeneeded = () => open.result.createObjectStore(STORE);
  const db = await request(open);
  try {
    const tx = db.transaction(STORE, mode);
    const result = await request(fn(tx.objectStore(STORE)));
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    });
    return result;
  } finally {
    db.close();
  }
}

function isIdentity(value: unknown): value is DeviceIdentity {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v['deviceId'] === 'string' &&
    v['privateKey'] instanceof CryptoKey &&
    devicePublicKeySchema.safeParse(v['publicKey']).success
  );
}

/** The stored identity, or null when this installation has none yet (or it was wiped). */
export async function loadDeviceIdentity(): Promise<DeviceIdentity | null> {
  const value: unknown = await withStore('readonly', (store) => store.get(RECORD));
  return isIdentity(value) ? value : null;
}

export async function saveDeviceIdentity(identity: DeviceIdentity): Promise<void> {
  await withStore('readwrite', (store) => store.put(identity, RECORD));
}

/** A new identity (not yet stored): a fresh key pair, and `deviceId` or a new random one. */
export async function createDeviceIdentity(deviceId: string = crypto.randomUUID()): Promise<DeviceIdentity> {
  const { privateKey, publicKey } = await newDeviceKeys(crypto.subtle);
  return { deviceId, privateKey, publicKey };
}

/** The proof for `challenge`: the signature, plus the public key (which enrols it on first sign-in). */
export async function deviceProof(
  identity: DeviceIdentity,
  purpose: DeviceProofPurpose,
  challenge: string,
): Promise<DeviceProof> {
  const { deviceId, privateKey, publicKey } = identity;
  const signature = await signDeviceProof(crypto.subtle, privateKey, { purpose, deviceId, challenge });
  return { challenge, signature, publicKey };
}
