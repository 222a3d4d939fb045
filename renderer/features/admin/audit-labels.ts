/**
 * Plain-English names for audit log events and reason codes (server/store/types.ts AUDIT_EVENTS), and who
 * did it: for the administrator's audit search and the team manager's "who has seen or changed this record".
 */
import type { AuditViewRow } from '../../../shared/admin-api.ts';

const EVENTS: Readonly<Record<string, string>> = {
  'login.ok': 'Signed in',
  'login.failed': 'Sign-in refused',
  'login.rate-limited': 'Sign-in attempts slowed down',
  'token.refreshed': 'Session renewed',
  'doc.load': 'Opened a record',
  'doc.change': 'Changed a record',
  'doc.refused': 'Change to a record refused',
  'doc.late-change': 'Late change from the former personal adviser stored',
  'doc.encoding-migrated': 'Record stored in the newer, smaller format',
  'access.denied': 'Access to a record refused',
  'access.closed': 'Record closed by the server',
  'assignment.auto': 'New record allocated to its creator',
  'assignment.set': 'Young person allocated',
  'device.revoked': 'Device removed',
  'device.enrolled': 'New device signed in',
  'user.created': 'Account added',
  'user.password-set': 'Password set',
  'user.disabled': 'Account disabled',
  'user.enabled': 'Account enabled',
  'user.updated': 'Account changed',
  'user.reinstated': 'Sign-in allowed again',
  'team.created': 'Team added',
  'team.renamed': 'Team renamed',
  'session.ended': 'Sessions ended',
  'token.reused': 'Old sign-in token reused (session ended)',
  'oidc.linked': 'Linked to the council sign-in',
  'import.bulk': 'Caseload imported',
  'export.bulk': 'Work exported',
  'audit.searched': 'Audit log searched',
  'audit.verified': 'Audit log checked',
  'team.settings-changed': 'Team settings changed',
};

const REASONS: Readonly<Record<string, string>> = {
  'bad-password': 'wrong password',
  'unknown-user': 'unknown username',
  'account-disabled': 'account disabled',
  'password-reset-required': 'needs a new password',
  'password-changed': 'password changed',
  'account-changed': 'role or team changed',
  'device-revoked': 'device removed',
  'signed-out': 'signed out',
  'refresh-token-reused': 'old token reused',
  forbidden: 'not theirs to open',
  'invalid-token': 'sign-in expired or not valid',
  'token-expired': 'sign-in expired',
  password: 'with a password',
  oidc: 'with the council sign-in',
  revoked: 'removed',
  intact: 'intact',
  // The first word of the server's short details (server/admin-audit.ts keeps it as the reason).
  bulk: 'several at once, as the laptop synced',
  'ecdsa-p256': 'with its own device key',
  former: 'by the former personal adviser, within the handover period',
  too: 'too many failed attempts',
  'app-update-required': 'Waymark on that laptop is out of date',
};

/** The events named above (test/unit/audit-labels.test.ts checks every event the server writes is). */
export const LABELLED_AUDIT_EVENTS: readonly string[] = Object.keys(EVENTS);

export function auditEventLabel(event: string): string {
  return EVENTS[event] ?? 'Other event';
}

/** A reason code in words; an unknown code is shown with its dashes as spaces. */
export function auditReasonLabel(reason: string | null): string {
  if (reason === null) return '';
  return REASONS[reason] ?? reason.replace(/-/g, ' ');
}

/** Who did what a row records: a person by name, the admin command line, or the server. */
export function auditActorName(row: AuditViewRow): string {
  if (row.actor) return row.actor.displayName;
  return row.via === 'admin-cli' ? 'An operator (admin command line)' : 'The server or an unknown name';
}

/** What a row records, in words: "Sign-in refused: wrong password". */
export function auditWhat(row: AuditViewRow): string {
  return `${auditEventLabel(row.event)}${row.reason ? `: ${auditReasonLabel(row.reason)}` : ''}`;
}

/**
 * What a row about one record says, with no "About" column beside it: an allocation names the personal
 * adviser it was to ("Young person allocated to Sam Example").
 */
export function auditWhatForRecord(row: AuditViewRow): string {
  const to = row.about?.displayName;
  if (to && row.event === 'assignment.set') return `Young person allocated to ${to}`;
  if (to && row.event === 'assignment.auto') return `New record allocated to its creator, ${to}`;
  return auditWhat(row);
}
