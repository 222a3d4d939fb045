import { describe, expect, it } from 'vitest';
import { lastSyncedText } from './ConnectionIndicator.tsx';

describe('"Last synced … ago"', () => {
  const at = '2026-07-05T10:00:00.000Z';
  it('moves on as time passes', () => {
    expect(lastSyncedText(at, new Date('2026-07-05T10:00:20.000Z'))).toBe('less than a minute ago');
    expect(lastSyncedText(at, new Date('2026-07-05T10:03:00.000Z'))).toBe('3 minutes ago');
    expect(lastSyncedText(at, new Date('2026-07-05T12:00:00.000Z'))).toBe('2 hours ago');
  });
  it('treats a laptop clock a little behind the sync time as now', () => {
    expect(lastSyncedText(at, new Date('2026-07-05T09:59:50.000Z'))).toBe('less than a minute ago');
  });
});
