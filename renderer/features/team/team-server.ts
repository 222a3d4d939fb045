/**
 * Calls to the team manager's part of the sync server's HTTP API (shared/team-api.ts), with the signed-in
 * user's access token from the host's token store, refreshed when it is about to expire.
 */
import type { ZodType } from 'zod';
import type { WaymarkBridge } from '../../../shared/bridge.ts';
import { auditSearchResponseSchema, type AuditSearchResponse } from '../../../shared/admin-api.ts';
import { apiErrorSchema } from '../../../shared/protocol.ts';
import {
  TEAM_API_PATHS,
  lateChangesResponseSchema,
  teamAssignResponseSchema,
  teamMembersResponseSchema,
  type LateChangesResponse,
  type TeamAssignResponse,
  type TeamMembersResponse,
} from '../../../shared/team-api.ts';
import { freshTokens } from '../../sync/access-token.ts';
import { SyncApiError, jsonPost } from '../../sync/sync-api.ts';

/** A plain-English problem with a call to the sync server. */
export class TeamServerError extends Error {
  readonly reason: string;
  constructor(reason: string, message: string) {
    super(message);
    this.name = 'TeamServerError';
    this.reason = reason;
  }
}

/** The access token, refreshed when about to expire (one refresh at a time across the app). */
async function accessToken(bridge: WaymarkBridge, serverUrl: string): Promise<string> {
  try {
    return (await freshTokens(bridge, serverUrl)).token;
  } catch (error) {
    if (error instanceof SyncApiError && error.reason === 'invalid-token')
      throw new TeamServerError('not-signed-in', 'Sign in to the sync server first.');
    if (error instanceof SyncApiError) throw new TeamServerError(error.reason, error.message);
    throw error;
  }
}

export async function call(
  bridge: WaymarkBridge,
  serverUrl: string,
  path: string,
  init: RequestInit,
): Promise<unknown> {
  const token = await accessToken(bridge, serverUrl);
  let response: Response;
  try {
    response = await fetch(new URL(path, serverUrl), {
      ...init,
      headers: { ...(init.headers as Record<string, string> | undefined), authorization: `Bearer ${token}` },
    });
  } catch {
    throw new TeamServerError(
      'unreachable',
      'The sync server cannot be reached. Check the connection and try again.',
    );
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const parsed = apiErrorSchema.safeParse(body);
    throw parsed.success
      ? new TeamServerError(parsed.data.error, `The sync server refused: ${parsed.data.message}.`)
      : new TeamServerError('internal-error', `The sync server answered ${response.status}.`);
  }
  return body;
}

/**
 * Calls the server and checks its answer against `schema`: a GET without `body`, a JSON POST with one.
 */
export async function callParsed<T>(
  bridge: WaymarkBridge,
  serverUrl: string,
  path: string,
  schema: ZodType<T>,
  body?: unknown,
): Promise<T> {
  const init: RequestInit = body === undefined ? { method: 'GET' } : jsonPost(body);
  return schema.parse(await call(bridge, serverUrl, path, init));
}

export function fetchTeamMembers(bridge: WaymarkBridge, serverUrl: string): Promise<TeamMembersResponse> {
  return callParsed(bridge, serverUrl, TEAM_API_PATHS.members, teamMembersResponseSchema);
}

export function reassignOnServer(
  bridge: WaymarkBridge,
  serverUrl: string,
  youngPersonId: string,
  paUsername: string,
): Promise<TeamAssignResponse> {
  return callParsed(bridge, serverUrl, TEAM_API_PATHS.assignments, teamAssignResponseSchema, {
    youngPersonId,
    paUsername,
  });
}

/** Late changes from former PAs to the team's young people (shared/team-api.ts). */
export function fetchLateChanges(bridge: WaymarkBridge, serverUrl: string): Promise<LateChangesResponse> {
  return callParsed(bridge, serverUrl, TEAM_API_PATHS.lateChanges, lateChangesResponseSchema);
}

/** Who has opened or changed one record of the manager's team, a page at a time (shared/team-api.ts). */
export function fetchRecordAudit(
  bridge: WaymarkBridge,
  serverUrl: string,
  youngPersonId: string,
  before?: number,
): Promise<AuditSearchResponse> {
  const query = new URLSearchParams({ record: youngPersonId, ...(before ? { before: String(before) } : {}) });
  return callParsed(
    bridge,
    serverUrl,
    `${TEAM_API_PATHS.recordAudit}?${query.toString()}`,
    auditSearchResponseSchema,
  );
}
