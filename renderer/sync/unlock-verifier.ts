/**
 * A local check of the user's password, so the idle lock can be lifted offline: at sign-in the app
 * keeps PBKDF2-SHA-256 of the password (random salt, OWASP-recommended 600,000 iterations), never
 * the password. Unlocking derives again and compares.
 */
const ITERATIONS = 600_000;

export interface UnlockVerifier {
  readonly salt: string;
  readonly hash: string;
  readonly iterations: number;
}

const toHex = (bytes: ArrayBuffer | Uint8Array) =>
  [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');

const fromHex = (hex: string) => new Uint8Array((hex.match(/../g) ?? []).map((h) => parseInt(h, 16)));

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<string> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
    key,
    256,
  );
  return toHex(bits);
}

export async function createVerifier(password: string): Promise<UnlockVerifier> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return { salt: toHex(salt), hash: await derive(password, salt, ITERATIONS), iterations: ITERATIONS };
}

export async function checkPassword(verifier: UnlockVerifier, password: string): Promise<boolean> {
  const hash = await derive(password, fromHex(verifier.salt), verifier.iterations);
  // Constant-time comparison of the two hex strings.
  let difference = hash.length ^ verifier.hash.length;
  for (let i = 0; i < hash.length; i += 1)
    difference |= hash.charCodeAt(i) ^ (verifier.hash.charCodeAt(i) || 0);
  return difference === 0;
}
