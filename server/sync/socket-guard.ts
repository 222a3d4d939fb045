/**
 * Guards on websockets before and around authentication (issue 13 finding 7: 5,000 bad-token frames
 * wrote 5,000 audit rows and left the socket open; 2,050 idle unauthenticated sockets were held 120 s):
 *  - a global cap on sockets that have not authenticated any document yet (refused at the upgrade);
 *  - a deadline to authenticate (10 s by default), after which the socket is closed;
 *  - the socket is closed after a few tokens that were not accepted;
 *  - denial audit rows are aggregated: the first few are written as they happen, the rest are counted
 *    and written as one summary row when the socket closes.
 */
import { SERVER_REASONS, type ServerReason } from '../../shared/protocol.ts';

export interface SocketGuardLimits {
  /** Sockets open at once that have not authenticated a document yet (all addresses together). */
  readonly maxUnauthenticatedSockets: number;
  /** Close a socket that has not authenticated any document within this long, ms. */
  readonly authDeadlineMs: number;
  /** Close a socket after this many tokens that were not accepted. */
  readonly maxAuthFailuresPerSocket: number;
  /** Denial rows written one by one per socket; later denials go into one summary row. */
  readonly maxDenialRowsPerSocket: number;
}

export const DEFAULT_SOCKET_GUARD: SocketGuardLimits = {
  maxUnauthenticatedSockets: 200,
  authDeadlineMs: 10_000,
  maxAuthFailuresPerSocket: 5,
  maxDenialRowsPerSocket: 3,
};

/** Refusals that mean "this token is no good" (as opposed to "this user may not open that record"). */
const TOKEN_FAILURES: ReadonlySet<ServerReason> = new Set([
  SERVER_REASONS.invalidToken,
  SERVER_REASONS.tokenExpired,
  SERVER_REASONS.deviceRevoked,
  SERVER_REASONS.accountDisabled,
]);

/** What to do with one denial on a socket. */
export interface DenialVerdict {
  /** Write this denial's own audit row (otherwise it is counted into the summary). */
  readonly audit: boolean;
  /** Close the whole socket (too many token failures). */
  readonly close: boolean;
}

/** The state of one socket. */
export class SocketGuard {
  private authenticatedOnce = false;
  private failures = 0;
  private rows = 0;
  private readonly suppressed = new Map<string, number>();
  private releaseSlot: (() => void) | null;
  private readonly limits: SocketGuardLimits;

  constructor(limits: SocketGuardLimits, releaseSlot: () => void) {
    this.limits = limits;
    this.releaseSlot = releaseSlot;
  }

  get authenticated(): boolean {
    return this.authenticatedOnce;
  }

  /** A document authenticated: the socket no longer counts against the unauthenticated cap. */
  markAuthenticated(): void {
    this.authenticatedOnce = true;
    this.release();
  }

  /** The socket closed. */
  release(): void {
    const release = this.releaseSlot;
    this.releaseSlot = null;
    release?.();
  }

  denied(reason: ServerReason): DenialVerdict {
    if (TOKEN_FAILURES.has(reason)) this.failures += 1;
    const close = this.failures >= this.limits.maxAuthFailuresPerSocket;
    if (this.rows < this.limits.maxDenialRowsPerSocket) {
      this.rows += 1;
      return { audit: true, close };
    }
    this.suppressed.set(reason, (this.suppressed.get(reason) ?? 0) + 1);
    return { audit: false, close };
  }

  /** The summary of denials not written one by one (for the close-time row), or null. */
  suppressedSummary(): string | null {
    if (this.suppressed.size === 0) return null;
    const total = [...this.suppressed.values()].reduce((a, b) => a + b, 0);
    const reasons = [...this.suppressed].map(([reason, n]) => `${reason}=${n}`).join(' ');
    return `suppressed=${total} ${reasons}`;
  }
}

/** The global count of unauthenticated sockets. */
export class UnauthenticatedSlots {
  private open = 0;
  private readonly max: number;

  constructor(max: number) {
    this.max = max;
  }

  get count(): number {
    return this.open;
  }

  /** Takes a slot for a new socket, or null when the cap is reached. The release runs once. */
  take(): (() => void) | null {
    if (this.open >= this.max) return null;
    this.open += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.open -= 1;
    };
  }
}
