/**
 * The signed-in session's tokens, kept in the host's token store (shared/bridge.ts), and the one place
 * that refreshes them. A refresh token is single use (the server ends the whole session when one comes
 * back), so every caller in the app (sync, the team pages) shares one refresh at a time.
 */
import { z } from 'zod';
import type { WaymarkBridge } from '../../shared/bridge.ts';
import type { LoginResponse } from '../../shared/protocol.ts';
import { deviceProof, loadDeviceIdentity } from './device-key.ts';
import { challenge, refresh, SyncApiError } from './sync-api.ts';

const storedTokensSchema = z.object({
  token: z.string(),
  expiresAt: z.string(),
  /** Single use: each refresh returns the next one. */
  refreshToken: z.string(),
  /** The session's absolute end: after it the user signs in again. */
  sessionExpiresAt: z.string(),
});
export type StoredTokens = Readonly<z.infer<typeof storedTokensSchema>>;

/** Refresh the access token this long before it expires. */
export const REFRESH_MARGIN_MS = 60_000;

/** The saved tokens, or null when there are none (or they predate server-side sessions). */
export async function loadTokens(bridge: WaymarkBridge): Promise<StoredTokens | null> {
  const saved = await bridge.tokens.load();
  if (!saved) return null;
  try {
    const parsed = storedTokensSchema.safeParse(JSON.parse(saved));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export async function saveTokens(bridge: WaymarkBridge, answer: LoginResponse): Promise<StoredTokens> {
  const tokens: StoredTokens = {
    token: answer.token,
    expiresAt: answer.expiresAt,
    refreshToken: answer.refreshToken,
    sessionExpiresAt: answer.sessionExpiresAt,
  };
  await bridge.tokens.save(JSON.stringify(tokens));
  return tokens;
}

let refreshing: Promise<StoredTokens> | null = null;

/**
 * Tokens whose access token is good for at least another minute: refreshed (device proof over a fresh
 * challenge, refresh token rotated) when needed. Throws SyncApiError: `invalid-token` when not signed
 * in, `session-expired` after the session's time limit, or the server's reason.
 */
export async function freshTokens(bridge: WaymarkBridge, serverUrl: string): Promise<StoredTokens> {
  const current = await loadTokens(bridge);
  if (!current) throw new SyncApiError('invalid-token', 'Not signed in.', 401);
  if (Date.parse(current.expiresAt) - Date.now() > REFRESH_MARGIN_MS) return current;
  refreshing ??= refreshNow(bridge, serverUrl, current).finally(() => {
    refreshing = null;
  });
  return refreshing;
}

async function refreshNow(
  bridge: WaymarkBridge,
  serverUrl: string,
  current: StoredTokens,
): Promise<StoredTokens> {
  if (Date.parse(current.sessionExpiresAt) <= Date.now())
    throw new SyncApiError('session-expired', 'Please sign in again.', 401);
  const identity = await loadDeviceIdentity();
  if (!identity) throw new SyncApiError('session-ended', 'Please sign in again.', 401);
  const proof = await deviceProof(identity, 'refresh', await challenge(serverUrl));
  const answer = await refresh(serverUrl, { refreshToken: current.refreshToken, proof });
  // Signed out (or signed in afresh) meanwhile: keep what is saved now.
  if ((await loadTokens(bridge))?.refreshToken !== current.refreshToken) return current;
  return saveTokens(bridge, answer);
}
