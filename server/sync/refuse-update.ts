/**
 * Runs the update checks (update-validation.ts) for one incoming update and, when it is refused,
 * records why in the audit log (the rule and where, never a value) and tells the client with a
 * stateless `UpdateRefusalMessage`; the caller then closes the document with
 * `SERVER_REASONS.updateRefused`, so the update is neither applied nor acknowledged.
 */
import type { Connection, Document } from '@hocuspocus/server';
import { parseDocName, type UpdateRefusalMessage } from '../../shared/protocol.ts';
import type { Store } from '../store/types.ts';
import type { UpdateValidator } from './update-validation.ts';

interface RefusalContext {
  readonly ip: string;
  readonly userId?: string;
  readonly deviceId?: string;
}

/** The rule that refused the update (the refusal recorded and sent), or null when it may be stored. */
export async function refuseUpdate(
  store: Store,
  validator: UpdateValidator,
  connection: Connection<RefusalContext>,
  document: Document,
  update: Uint8Array,
): Promise<string | null> {
  const context = connection.context;
  const youngPersonId = parseDocName(document.name)?.youngPersonId;
  if (!youngPersonId || !context.userId) return null;
  const refusal = validator.check(document.name, document, update, {
    youngPersonId,
    userId: context.userId,
    today: new Date().toISOString().slice(0, 10),
  });
  if (!refusal) return null;
  await store.appendAudit({
    event: 'doc.refused',
    userId: context.userId,
    deviceId: context.deviceId ?? null,
    docName: document.name,
    ip: context.ip,
    detail: `rule=${refusal.rule} at=${refusal.path}`.slice(0, 300),
  });
  const message: UpdateRefusalMessage = {
    type: 'update-refused',
    rule: refusal.rule,
    message: refusal.message,
  };
  connection.sendStateless(JSON.stringify(message));
  return refusal.rule;
}
