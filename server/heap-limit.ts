/**
 * The server's heap limit is set explicitly (issue 13 finding 2): with Node's default, a flood of large
 * updates grew the process to 2.1 GiB before it died. `npm run server` and `npm start` (the embedded
 * server) pass `--max-old-space-size` (package.json); a service started another way sets it in
 * NODE_OPTIONS (docs/operations.md). On start the server logs the limit and whether it was set.
 */
import { getHeapStatistics } from 'node:v8';

export const HEAP_LIMIT_FLAG = '--max-old-space-size';
/** The limit `npm run server` sets, MiB. */
export const SERVER_HEAP_MIB = 1024;

export function heapLimitIsExplicit(execArgv: readonly string[], nodeOptions: string | undefined): boolean {
  const given = [...execArgv, ...(nodeOptions ?? '').split(/\s+/)];
  return given.some((arg) => arg.startsWith(`${HEAP_LIMIT_FLAG}=`) || arg === HEAP_LIMIT_FLAG);
}

/** The log line: the limit in MiB, and whether it was set explicitly. */
export function describeHeapLimit(execArgv: readonly string[], nodeOptions: string | undefined): string {
  const mib = Math.round(getHeapStatistics().heap_size_limit / (1024 * 1024));
  return heapLimitIsExplicit(execArgv, nodeOptions)
    ? `heap limit ${mib} MiB (explicit)`
    : `heap limit ${mib} MiB (Node's default: start with npm run server or set NODE_OPTIONS=${HEAP_LIMIT_FLAG}=${SERVER_HEAP_MIB}, see docs/operations.md)`;
}
