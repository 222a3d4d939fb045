/** A refused sign-in, refresh or session check: the HTTP status and the protocol reason to answer with. */
import type { ServerReason } from '../../shared/protocol.ts';

export class AuthRefusal extends Error {
  readonly status: number;
  readonly reason: ServerReason;
  constructor(status: number, reason: ServerReason, message: string) {
    super(message);
    this.status = status;
    this.reason = reason;
  }
}
