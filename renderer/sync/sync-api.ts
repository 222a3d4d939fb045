import { challengeResponseSchema } from '../../shared/device-proof.ts';
import { SCHEMA_VERSION } from '../../shared/domain/schema-version.ts';
import {
  API_PATHS,
  syncEndpoints,
  apiErrorSchema,
  loginResponseSchema,
  myDocumentsResponseSchema,
  type LoginRequest,
  type LoginResponse,
  type MyDocumentsResponse,
  type RefreshRequest,
} from '../../shared/protocol.ts';

/** An answer from the sync server's HTTP API that was not a success. */
export class SyncApiError extends Error {
  readonly reason: string;
  readonly status: number;
  constructor(reason: string, message: string, status: number) {
    super(message);
    this.name = 'SyncApiError';
    this.reason = reason;
    this.status = status;
  }
}

/** The websocket URL of a sync server, from either form of its address (see shared/protocol.ts). */
export function websocketUrlFor(serverUrl: string): string {
  return syncEndpoints(serverUrl).websocketUrl;
}

async function call(serverUrl: string, path: string, init: RequestInit): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(`${syncEndpoints(serverUrl).apiBase}${path}`, init);
  } catch {
    throw new SyncApiError('unreachable', 'The sync server cannot be reached. Check the connection.', 0);
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const parsed = apiErrorSchema.safeParse(body);
    throw parsed.success
      ? new SyncApiError(parsed.data.error, parsed.data.message, response.status)
      : new SyncApiError('internal-error', `The sync server answered ${response.status}.`, response.status);
  }
  return body;
}

/** A JSON POST request's method, header and body. */
export function jsonPost(body: unknown): RequestInit {
  return { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

/**
 * Every sign-in and refresh names the record encoding this app reads: a server holding a newer one
 * refuses it (`app-update-required`), keeping an out-of-date laptop from syncing what it cannot read.
 */
const APP_ENCODING = { recordEncoding: SCHEMA_VERSION } as const;

export async function login(serverUrl: string, request: LoginRequest): Promise<LoginResponse> {
  const body = await call(serverUrl, API_PATHS.login, jsonPost({ ...request, ...APP_ENCODING }));
  return loginResponseSchema.parse(body);
}

/** A fresh single-use challenge for the device to sign (sign-in and refresh). */
export async function challenge(serverUrl: string): Promise<string> {
  const body = await call(serverUrl, API_PATHS.challenge, { method: 'POST' });
  return challengeResponseSchema.parse(body).challenge;
}

/** Swaps the refresh token (single use) for a new access token and a new refresh token. */
export async function refresh(serverUrl: string, request: RefreshRequest): Promise<LoginResponse> {
  const body = await call(serverUrl, API_PATHS.refresh, jsonPost({ ...request, ...APP_ENCODING }));
  return loginResponseSchema.parse(body);
}

/** Ends the session on the server (by its refresh token, which works even after the access token expired). */
export async function logout(serverUrl: string, refreshToken: string): Promise<void> {
  await call(serverUrl, API_PATHS.logout, {
    ...jsonPost({ refreshToken }),
    signal: AbortSignal.timeout(5000),
  });
}

/**
 * The young people whose records this user may sync (`yp:<id>` names), and with `since` (the cursor of
 * an earlier answer) which of them changed after it.
 */
export async function myDocuments(
  serverUrl: string,
  token: string,
  since: number | null = null,
): Promise<MyDocumentsResponse> {
  const query = since === null ? '' : `?since=${since}`;
  const body = await call(serverUrl, `${API_PATHS.myDocuments}${query}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return myDocumentsResponseSchema.parse(body);
}
