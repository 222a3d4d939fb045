/**
 * Per-request identifiers for log lines: a request id (the caller's `X-Request-Id` when it looks like
 * one — a load balancer's —, else a new UUID; echoed in the answer) and, once the API has
 * authenticated the caller, their user id. Nothing else about a request is kept.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

interface RequestContext {
  readonly id: string;
  userId?: string;
}

const contexts = new WeakMap<IncomingMessage, RequestContext>();
const REQUEST_ID = /^[A-Za-z0-9._:-]{8,64}$/;

/** Gives the request its id (once) and returns it. */
export function beginRequest(request: IncomingMessage): string {
  const known = contexts.get(request);
  if (known) return known.id;
  const given = request.headers['x-request-id'];
  const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  contexts.set(request, { id });
  return id;
}

export function requestIdOf(request: IncomingMessage): string | undefined {
  return contexts.get(request)?.id;
}

/** Records who the request authenticated as (server/http/api.ts), for its log line. */
export function noteRequestUser(request: IncomingMessage, userId: string): void {
  const context = contexts.get(request);
  if (context) context.userId = userId;
}

export function requestUserOf(request: IncomingMessage): string | undefined {
  return contexts.get(request)?.userId;
}
