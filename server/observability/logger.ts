/**
 * The sync server's one logger: structured JSON lines (pino) on stdout, one object per event, with a
 * level, a message and allowed identifiers only — a request id, a user id, a device id, a record id
 * (document name), a protocol reason or rule. Never record contents, passwords or tokens: nothing in
 * the server logs a request body or an update, and REDACTED_KEYS below censors those fields by name
 * wherever they appear, in case someone passes one by mistake (test: observability.test.ts).
 *
 * Level: WAYMARK_LOG_LEVEL (fatal, error, warn, info — the default —, debug, trace, silent).
 */
import { pino, type Logger, type DestinationStream, type LevelWithSilent } from 'pino';

export type ServerLogger = Logger;

/** Field names whose values never reach a log line, at the top level or one or two levels down. */
export const REDACTED_KEYS = [
  'password',
  'newPassword',
  'passwordHash',
  'token',
  'accessToken',
  'refreshToken',
  'idToken',
  'authorization',
  'cookie',
  'secret',
  'proof',
  'signature',
  'body',
  'update',
  'payload',
  'value',
  'values',
  'content',
  'record',
] as const;

const REDACT_PATHS = REDACTED_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]);

const LEVELS: readonly LevelWithSilent[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function parseLogLevel(text: string | undefined): LevelWithSilent {
  if (text === undefined || text === '') return 'info';
  const level = LEVELS.find((l) => l === text.trim().toLowerCase());
  if (!level)
    throw new Error(`WAYMARK_LOG_LEVEL must be one of ${LEVELS.join(', ')} (got ${JSON.stringify(text)})`);
  return level;
}

/** The server logger; `destination` defaults to stdout (synchronous, so nothing is lost at exit). */
export function createLogger(
  options: { level?: LevelWithSilent; destination?: DestinationStream } = {},
): ServerLogger {
  return pino(
    {
      name: 'waymark-server',
      level: options.level ?? 'info',
      base: { pid: process.pid },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

/**
 * A logger that hands each line's message to `log` (callers of startServer that pass `log`, e.g. tests
 * silencing the server with `() => undefined`).
 */
export function loggerForCallback(log: (message: string) => void): ServerLogger {
  return createLogger({
    level: 'info',
    destination: {
      write(line: string): void {
        try {
          const parsed = JSON.parse(line) as { msg?: unknown };
          log(typeof parsed.msg === 'string' ? parsed.msg : line);
        } catch {
          log(line);
        }
      },
    },
  });
}

/** The message of a thrown value, for a log line (never the value's own fields). */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
