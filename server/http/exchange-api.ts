/**
 * The data-exchange routes of the HTTP API (paths and shapes in shared/exchange/exchange-api.ts): a team
 * manager previews and confirms an import of the council's SSDA903 and people files for their own team,
 * and exports the team's recorded work. Wired into api.ts, which authenticates; this module answers its
 * own errors and leaves authentication errors to api.ts.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { formatIsoDate } from '../../shared/domain/dates.ts';
import { CsvFileError } from '../../shared/exchange/csv-table.ts';
import {
  EXCHANGE_API_PATHS,
  MAX_IMPORT_BODY_BYTES,
  exportRequestSchema,
  importConfirmSchema,
  importRequestSchema,
  type ExportResponse,
  type ImportConfirmResponse,
  type ImportPreviewResponse,
} from '../../shared/exchange/exchange-api.ts';
import { PeopleMappingError } from '../../shared/exchange/people-file.ts';
import type { ImportPlan } from '../../shared/exchange/plan-import.ts';
import { SERVER_REASONS, type ApiError, type ServerReason } from '../../shared/protocol.ts';
import { ExportError, exportTeamWork } from '../exchange/export-service.ts';
import {
  confirmImport,
  ImportHasRefusalsError,
  previewImport,
  type ImportRequest,
} from '../exchange/import-service.ts';
import type { Store, User } from '../store/types.ts';

export interface ExchangeRouteDeps {
  readonly store: Store;
  readonly recheckAccess: () => Promise<void>;
  readonly publish?: ((docName: string, update: Uint8Array) => void) | undefined;
  readonly requireTeamManager: (
    request: IncomingMessage,
  ) => Promise<{ user: User & { teamId: string }; deviceId: string }>;
  /** The client's address as the API resolves it (behind a trusted proxy, the forwarded one). */
  readonly clientIp: (request: IncomingMessage) => string;
  /** Today's date (injectable for tests). */
  readonly today?: () => string;
}

class ExchangeHttpError extends Error {
  readonly status: number;
  readonly reason: ServerReason;
  readonly extra: Record<string, unknown>;
  constructor(status: number, reason: ServerReason, message: string, extra: Record<string, unknown> = {}) {
    super(message);
    this.status = status;
    this.reason = reason;
    this.extra = extra;
  }
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  response.end(JSON.stringify(body));
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  if (!(request.headers['content-type'] ?? '').startsWith('application/json'))
    throw new ExchangeHttpError(415, SERVER_REASONS.badRequest, 'content-type must be application/json');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_IMPORT_BODY_BYTES)
      throw new ExchangeHttpError(413, SERVER_REASONS.badRequest, 'request body too large');
    chunks.push(buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new ExchangeHttpError(400, SERVER_REASONS.badRequest, 'request body is not valid JSON');
  }
}

function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  const result = schema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ExchangeHttpError(
      400,
      SERVER_REASONS.badRequest,
      `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`,
    );
  }
  return result.data;
}

function todayUtc(): string {
  const now = new Date();
  return formatIsoDate(now.getUTCFullYear(), now.getUTCMonth() + 1, now.getUTCDate());
}

/** The preview without the records themselves: counts, refusals, differences, and one line per person. */
export function previewResponse(plan: ImportPlan): ImportPreviewResponse {
  return {
    counts: plan.counts,
    refusals: [...plan.refusals],
    differences: [...plan.differences],
    outOfScope: [...plan.outOfScope],
    people: plan.people.map((p) => ({
      child: p.child,
      youngPersonId: p.youngPersonId,
      action: p.action,
      changes: [...p.changes],
    })),
  };
}

/** Returns a handler answering the exchange routes; it resolves false for any other path. */
export function createExchangeRoutes(
  deps: ExchangeRouteDeps,
): (request: IncomingMessage, response: ServerResponse, method: string, path: string) => Promise<boolean> {
  const today = deps.today ?? todayUtc;

  async function importRequest(
    request: IncomingMessage,
    confirm: boolean,
  ): Promise<{ body: ImportRequest; skipRefused: boolean }> {
    const parsed = confirm
      ? parseBody(importConfirmSchema, await readJson(request))
      : { ...parseBody(importRequestSchema, await readJson(request)), skipRefused: false };
    return {
      body: {
        files: { ...parsed.files, peopleMapping: parsed.peopleMapping },
        yearEnding: parsed.yearEnding,
        today: today(),
        scopeTeamId: null,
      },
      skipRefused: parsed.skipRefused,
    };
  }

  async function handle(request: IncomingMessage, response: ServerResponse, path: string): Promise<void> {
    const manager = await deps.requireTeamManager(request);
    const actor = {
      userId: manager.user.id,
      deviceId: manager.deviceId,
      ip: deps.clientIp(request),
    };
    if (path === EXCHANGE_API_PATHS.export) {
      const body = parseBody(exportRequestSchema, await readJson(request));
      const result = await exportTeamWork(
        deps.store,
        { teamId: manager.user.teamId, ...body, today: today() },
        actor,
      );
      send(response, 200, {
        range: result.range,
        counts: result.counts,
        files: result.files,
      } satisfies ExportResponse);
      return;
    }
    const { body, skipRefused } = await importRequest(request, path === EXCHANGE_API_PATHS.importConfirm);
    const scoped: ImportRequest = { ...body, scopeTeamId: manager.user.teamId };
    if (path === EXCHANGE_API_PATHS.importPreview) {
      send(response, 200, previewResponse(await previewImport(deps.store, scoped)));
      return;
    }
    const result = await confirmImport(deps.store, scoped, actor, { skipRefused, publish: deps.publish });
    await deps.recheckAccess();
    send(response, 200, {
      counts: result.counts,
      failed: [...result.failed],
    } satisfies ImportConfirmResponse);
  }

  const paths: ReadonlySet<string> = new Set(Object.values(EXCHANGE_API_PATHS));
  return async (request, response, method, path) => {
    if (method !== 'POST' || !paths.has(path)) return false;
    try {
      await handle(request, response, path);
    } catch (error) {
      const known =
        error instanceof ExchangeHttpError
          ? error
          : error instanceof ImportHasRefusalsError
            ? new ExchangeHttpError(409, SERVER_REASONS.badRequest, error.message, {
                preview: previewResponse(error.plan),
              })
            : error instanceof CsvFileError ||
                error instanceof PeopleMappingError ||
                error instanceof ExportError
              ? new ExchangeHttpError(400, SERVER_REASONS.badRequest, error.message)
              : null;
      if (known === null) throw error;
      send(response, known.status, {
        error: known.reason,
        message: known.message,
        ...known.extra,
      } satisfies ApiError & Record<string, unknown>);
    }
    return true;
  };
}
