import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { userDataOverride } from './user-data-path.ts';

describe('userDataOverride', () => {
  it('keeps Windows data in the local (non-roaming) profile', () => {
    expect(
      userDataOverride(
        'win32',
        { LOCALAPPDATA: 'C:\\Users\\pa\\AppData\\Local' },
        'Waymark',
        path.win32.join,
      ),
    ).toBe('C:\\Users\\pa\\AppData\\Local\\Waymark');
  });

  it("keeps Electron's default elsewhere or when LOCALAPPDATA is missing", () => {
    expect(userDataOverride('darwin', { LOCALAPPDATA: 'x' }, 'Waymark', path.join)).toBeNull();
    expect(userDataOverride('linux', {}, 'Waymark', path.join)).toBeNull();
    expect(userDataOverride('win32', { LOCALAPPDATA: ' ' }, 'Waymark', path.win32.join)).toBeNull();
  });
});
