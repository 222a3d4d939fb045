import { describe, expect, it } from 'vitest';
import { resolvePolicy } from './policy-schema.ts';
import { withDevelopmentSyncUrl } from './development-sync-url.ts';

const env = { WAYMARK_SYNC_URL: 'http://127.0.0.1:1234' };

describe('WAYMARK_SYNC_URL (the embedded server of npm start)', () => {
  it('is the sync server of a development build when nothing else sets one', () => {
    const { settings, problems } = withDevelopmentSyncUrl({ settings: {}, env, isPackaged: false });
    expect(problems).toEqual([]);
    expect(resolvePolicy([], settings).policy.syncServerUrl).toEqual({
      value: 'http://127.0.0.1:1234',
      locked: false,
    });
  });

  it('loses to the user setting in a development build', () => {
    const { settings } = withDevelopmentSyncUrl({
      settings: { syncServerUrl: 'https://sync.council.example' },
      env,
      isPackaged: false,
    });
    expect(settings.syncServerUrl).toBe('https://sync.council.example');
  });

  it('is ignored, and reported, by a packaged build', () => {
    const { settings, problems } = withDevelopmentSyncUrl({ settings: {}, env, isPackaged: true });
    expect(settings).toEqual({});
    expect(problems).toEqual([
      expect.objectContaining({
        key: 'WAYMARK_SYNC_URL',
        message: expect.stringMatching(/development builds/),
      }),
    ]);
    expect(resolvePolicy([], settings).policy.syncServerUrl).toEqual({ value: null, locked: false });
  });

  it('changes nothing when unset', () => {
    expect(withDevelopmentSyncUrl({ settings: { idleLockMinutes: 5 }, env: {}, isPackaged: true })).toEqual({
      settings: { idleLockMinutes: 5 },
      problems: [],
    });
  });
});
