import { webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deviceProofMessage, newDeviceKeys, signDeviceProof } from '../../shared/device-proof.ts';
import { verifyDeviceSignature } from './device-keys.ts';

describe('device keys made and used through the shared helpers', () => {
  it('sign a proof the server verifies, for that purpose, device and challenge only', async () => {
    const keys = await newDeviceKeys(webcrypto.subtle);
    expect(keys.publicKey).toMatchObject({ kty: 'EC', crv: 'P-256' });
    const signature = await signDeviceProof(webcrypto.subtle, keys.privateKey, {
      purpose: 'sign-in',
      deviceId: 'device-1',
      challenge: 'c1',
    });
    const verify = (message: string) => verifyDeviceSignature(keys.publicKey, message, signature);
    expect(await verify(deviceProofMessage('sign-in', 'device-1', 'c1'))).toBe(true);
    expect(await verify(deviceProofMessage('refresh', 'device-1', 'c1'))).toBe(false);
    expect(await verify(deviceProofMessage('sign-in', 'device-2', 'c1'))).toBe(false);
    expect(await verify(deviceProofMessage('sign-in', 'device-1', 'c2'))).toBe(false);
    const other = await newDeviceKeys(webcrypto.subtle);
    expect(
      await verifyDeviceSignature(
        other.publicKey,
        deviceProofMessage('sign-in', 'device-1', 'c1'),
        signature,
      ),
    ).toBe(false);
  });

  it('keep the private key out of reach (not extractable)', async () => {
    const keys = await newDeviceKeys(webcrypto.subtle);
    expect(keys.privateKey.extractable).toBe(false);
    await expect(webcrypto.subtle.exportKey('jwk', keys.privateKey)).rejects.toThrow();
  });
});
