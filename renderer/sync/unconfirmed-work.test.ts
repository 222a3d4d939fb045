import { describe, expect, it } from 'vitest';
import { UnconfirmedWorkError, describeUnconfirmedRecord, recordsHave } from './unconfirmed-work.ts';

describe('what a wipe or another sign-in would lose, in plain English', () => {
  const never = { id: 'yp-1', name: 'Ada Example', lastSyncedAt: null, heldBack: false };
  const since = { id: 'yp-2', name: 'Ben Example', lastSyncedAt: '2026-07-05T09:30:00.000Z', heldBack: true };

  it('names each record and since when its changes are not on the server', () => {
    expect(describeUnconfirmedRecord(never)).toBe('Ada Example (never on the server)');
    expect(describeUnconfirmedRecord(since)).toBe('Ben Example (changes made since 5 Jul 2026)');
    expect(recordsHave(1)).toBe('1 record has');
    expect(recordsHave(2)).toBe('2 records have');
  });

  it('says how many records would lose what, and carries them for the choice', () => {
    const error = new UnconfirmedWorkError([never, since], 'removing Waymark data from this laptop');
    expect(error.message).toBe(
      '2 records have changes not yet on the sync server, which removing Waymark data from this laptop ' +
        'would delete: Ada Example (never on the server), Ben Example (changes made since 5 Jul 2026).',
    );
    expect(error.records).toHaveLength(2);
    expect(error.message).not.toContain('yp-');
  });
});
