import { describe, expect, it } from 'vitest';
import {
  UnconfirmedWorkError,
  describePausedVisit,
  describeUnconfirmedRecord,
  lastPersonsWork,
  notYetOnServer,
  recordsHave,
} from './unconfirmed-work.ts';

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

  const visit = { recordId: 'yp-3', name: 'Cara Example', startedAt: '2026-07-05T14:00:00.000Z' };
  const another = { recordId: 'yp-4', name: 'Dev Example', startedAt: '2026-07-06T10:00:00.000Z' };

  it('names each paused home visit with whom and when it was started', () => {
    expect(describePausedVisit(visit)).toBe('Paused home visit with Cara Example, started 5 Jul 2026');
  });

  it('counts paused visits beside unconfirmed records, or alone', () => {
    expect(notYetOnServer([never], [visit])).toBe(
      '1 record has changes not yet on the sync server, and 1 paused home visit is kept only on this laptop',
    );
    expect(notYetOnServer([], [visit, another])).toBe('2 paused home visits are kept only on this laptop');
    expect(notYetOnServer([never, since], [])).toBe('2 records have changes not yet on the sync server');
    expect(lastPersonsWork([], [visit])).toBe(
      'The last person to use this laptop left work: 1 paused home visit is kept only on this laptop',
    );
    expect(lastPersonsWork([never], [visit])).toMatch(
      /^1 record has changes that the last person .* and 1 paused home visit is kept only on this laptop$/,
    );
  });

  it('lists paused visits in the refusal, after the records, and carries them for the choice', () => {
    const error = new UnconfirmedWorkError([never], 'signing in as Sam Example', [visit]);
    expect(error.message).toBe(
      '1 record has changes not yet on the sync server, and 1 paused home visit is kept only on this ' +
        'laptop, which signing in as Sam Example would delete: Ada Example (never on the server), ' +
        'Paused home visit with Cara Example, started 5 Jul 2026.',
    );
    expect(error.pausedVisits).toEqual([visit]);
    expect(error.message).not.toContain('yp-');
  });
});
