/**
 * Every audit event the server writes has words in the administrator's audit search and the manager's
 * "who has seen or changed this record" (never a raw code such as `doc.encoding-migrated`).
 */
import { describe, expect, it } from 'vitest';
import { AUDIT_EVENTS } from '../../server/store/types.ts';
import { auditEventLabel, LABELLED_AUDIT_EVENTS } from '../../renderer/features/admin/audit-labels.ts';

describe('audit event labels', () => {
  it('names every event the server writes, and nothing it does not', () => {
    expect([...LABELLED_AUDIT_EVENTS].sort()).toEqual([...AUDIT_EVENTS].sort());
    for (const event of AUDIT_EVENTS) expect(auditEventLabel(event)).not.toBe('Other event');
  });
});
