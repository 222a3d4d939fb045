/**
 * The administrator's audit search (server/http/admin-api.ts): rows of the audit log filtered by record,
 * by who did it and by date, turned into who / what / when with people named. A row never carries record
 * contents (types.ts: audit details are short metadata), and this view drops the raw detail too: only a
 * short reason code, the person an action was about, and the record's reference (never its id) leave the
 * server. A team manager's "who has seen or changed this record" is the same search for one record.
 */
import { AUDIT_PAGE_SIZE, type AuditSearchResponse, type AuditViewRow } from '../shared/admin-api.ts';
import { docNameFor, parseDocName } from '../shared/protocol.ts';
import { recordReference } from '../shared/record-reference.ts';
import { actorDetail, type Actor } from './admin-ops.ts';
import type { AuditRow, Device, Store, User } from './store/types.ts';

export interface AuditSearch {
  /** A young person's record id (found by its reference, shared/record-reference.ts). */
  readonly record?: string;
  /** Who did it. */
  readonly user?: User;
  /** ISO 8601 instants: from (inclusive) and to (exclusive). */
  readonly from?: string;
  readonly to?: string;
  /** The next page: rows older than this sequence number. */
  readonly before?: number;
}

const REASON = /^[a-z][a-z0-9-]{0,40}$/;
const ABOUT_USER = /(?:^| )(?:user|pa)=([A-Za-z0-9_-]{1,64})(?: |$)/;
const DEVICE_EVENTS = new Set(['device.revoked', 'device.enrolled']);

function person(user: User | undefined): AuditViewRow['actor'] {
  return user ? { username: user.username, displayName: user.displayName } : null;
}

/** The reference of the record a row is about (never the id, which people are never shown). */
function recordOf(docName: string | null): string | null {
  const youngPersonId = docName ? parseDocName(docName)?.youngPersonId : undefined;
  return youngPersonId === undefined ? null : recordReference(youngPersonId);
}

function viewRow(row: AuditRow, users: Map<string, User>, devices: Map<string, Device>): AuditViewRow {
  const first = (row.detail ?? '').split(' ')[0] ?? '';
  const aboutId =
    ABOUT_USER.exec(row.detail ?? '')?.[1] ??
    (DEVICE_EVENTS.has(row.event) && row.deviceId ? devices.get(row.deviceId)?.userId : undefined);
  const actor = row.userId ? users.get(row.userId) : undefined;
  return {
    seq: row.seq,
    at: row.at,
    event: row.event,
    actor: person(actor),
    via: row.ip === 'admin-cli' ? 'admin-cli' : actor ? 'app' : 'server',
    record: recordOf(row.docName),
    about: aboutId ? person(users.get(aboutId)) : null,
    reason: REASON.test(first) ? first : null,
  };
}

/** One page of the search, newest first; the search itself is audited (what was looked for, by whom). */
export async function searchAudit(
  store: Store,
  search: AuditSearch,
  actor: Actor,
): Promise<AuditSearchResponse> {
  const docName = search.record === undefined ? undefined : docNameFor(search.record);
  const rows = await store.queryAudit({
    limit: AUDIT_PAGE_SIZE,
    ...(docName ? { docName } : {}),
    ...(search.user ? { userId: search.user.id } : {}),
    ...(search.from ? { from: search.from } : {}),
    ...(search.to ? { to: search.to } : {}),
    ...(search.before !== undefined ? { beforeSeq: search.before } : {}),
  });
  const users = new Map((await store.listUsers()).map((u) => [u.id, u]));
  const devices = new Map((await store.listDevices()).map((d) => [d.id, d]));
  const filters = [
    search.user ? `user=${search.user.id}` : '',
    search.from ? `from=${search.from.slice(0, 10)}` : '',
    search.to ? `to=${search.to.slice(0, 10)}` : '',
  ].filter(Boolean);
  await store.appendAudit({
    event: 'audit.searched',
    userId: actor.userId,
    deviceId: actor.deviceId ?? null,
    ip: actor.ip ?? null,
    docName: docName ?? null,
    detail: actorDetail(actor, filters.join(' ') || 'filters=none'),
  });
  const last = rows[rows.length - 1];
  return {
    rows: rows.map((row) => viewRow(row, users, devices)),
    nextBefore: rows.length === AUDIT_PAGE_SIZE && last ? last.seq : null,
  };
}
