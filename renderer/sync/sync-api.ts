import {
  API_PATHS,
  syncEndpoints,
  apiErrorSchema,
  loginResponseSchema,
  myDocumentsResponseSchema,
  type LoginRequest,
  type LoginResponse,
  type MyDocumentsResponse,
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

export async function login(serverUrl: string, request: LoginRequest): Promise<LoginResponse> {
  const body = await call(serverUrl, API_PATHS.login, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
  return loginResponseSchema.parse(body);
}

export async function refresh(serverUrl: string, token: string): Promise<LoginResponse> {
  const body = await call(serverUrl, API_PATHS.refresh, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  });
  return loginResponseSchema.parse(body);
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
