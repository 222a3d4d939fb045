/**
 * The HS256 signing secret: WAYMARK_TOKEN_SECRET (base64, ≥ 32 bytes) if set, else `token-secret` in the
 * data directory, generated with 32 random bytes on first run (mode 0600). Never in the repository.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function loadOrCreateTokenSecret(dataDir: string, fromEnv?: string): Uint8Array {
  if (fromEnv) {
    const secret = Buffer.from(fromEnv, 'base64');
    if (secret.length < 32) throw new Error('WAYMARK_TOKEN_SECRET must be at least 32 bytes, base64-encoded');
    return new Uint8Array(secret);
  }
  const file = join(dataDir, 'token-secret');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  }
  chmodSync(file, 0o600);
  const secret = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (secret.length < 32) throw new Error(`${file} holds fewer than 32 bytes; delete it to regenerate`);
  return new Uint8Array(secret);
}
