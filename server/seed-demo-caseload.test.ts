import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { docNameFor } from '../shared/protocol.ts';
import { readRecord } from '../shared/ydoc/read-record.ts';
import { DEMO_CASELOAD_SIZE, demoYoungPersonId } from './seed-demo-caseload.ts';
import { seedDemoWithCaseload } from './seed-demo.ts';
import { SqliteStore } from './store/sqlite-store.ts';

describe('demo caseload (embedded demo mode)', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('writes a readable synthetic record for every demo PA assignment, once', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'waymark-demo-'));
    dirs.push(dir);
    const store = new SqliteStore(path.join(dir, 'demo.sqlite'));
    try {
      await seedDemoWithCaseload(store);
      const alex = await store.getUserByUsername('pa.alex');
      const jo = await store.getUserByUsername('pa.jo');
      if (!alex || !jo) throw new Error('demo users missing');
      const alexCaseload = await store.listAssignmentsForPa(alex.id);
      expect(alexCaseload.length).toBeGreaterThanOrEqual(DEMO_CASELOAD_SIZE - 2);
      // The pinned assignment from the demo accounts is kept.
      expect((await store.getAssignment('demo-yp-005'))?.paUserId).toBe(jo.id);

      const doc = new Y.Doc();
      const state = await store.loadDoc(docNameFor(demoYoungPersonId(0)));
      if (!state) throw new Error('demo record not stored');
      Y.applyUpdate(doc, state);
      const record = readRecord(doc);
      expect(record.profile.id).toBe('demo-yp-001');
      expect(record.profile.allocatedPaId).toBe(alex.id);
      expect(record.contacts.length).toBeGreaterThan(0);
      expect(record.readIssues).toEqual([]);

      // Oversight notes are by the young person's own team manager, a person the app can name.
      const managers = new Map<string, string>();
      for (const user of await store.listUsers())
        if (user.role === 'team_manager' && user.teamId) managers.set(user.teamId, user.id);
      let notes = 0;
      for (const name of await store.listDocNames()) {
        const state = await store.loadDoc(name);
        if (!state) continue;
        const stored = new Y.Doc();
        Y.applyUpdate(stored, state);
        const { profile, oversight } = readRecord(stored);
        for (const note of oversight) expect(note.by).toBe(managers.get(profile.teamId ?? ''));
        notes += oversight.length;
      }
      expect(notes).toBeGreaterThan(0);
      expect(managers.size).toBe(2);

      const names = await store.listDocNames();
      await seedDemoWithCaseload(store); // idempotent
      expect(await store.listDocNames()).toEqual(names);
      expect(names).toHaveLength(DEMO_CASELOAD_SIZE * 3);
    } finally {
      await store.close();
    }
  });
});
