import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CommandRunner, FileReader } from './command-runner.ts';
import { parsePlistXml, PlistParseError } from './plist-xml.ts';
import { readLinuxPolicy, LINUX_POLICY_PATH } from './policy-linux.ts';
import { MAC_POLICY_PATH, readMacPolicy } from './policy-macos.ts';
import { formatPolicyProblems, resolvePolicy } from './policy-schema.ts';
import type { RawPolicySource } from './policy-schema.ts';
import { readManagedPolicySources } from './policy-sources.ts';
import { readUserPolicySettings } from './policy-user.ts';
import { parseRegQueryOutput, readWindowsPolicy } from './policy-windows.ts';

const fixture = (name: string): string =>
  readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8');

const missing = (): Error => Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT' });

/** A file reader over an in-memory map; anything else is missing. */
function filesReader(files: Record<string, string>): FileReader & { readonly reads: string[] } {
  const reads: string[] = [];
  const reader = async (filePath: string): Promise<Uint8Array> => {
    reads.push(filePath);
    const text = files[filePath];
    if (text === undefined) throw missing();
    return new TextEncoder().encode(text);
  };
  return Object.assign(reader, { reads });
}

const REG_MISSING = 'ERROR: The system was unable to find the specified registry key or value.\r\n';

/** A fake reg.exe: stdout per key, or "key missing" (exit 1) for keys not given. */
function fakeReg(outputs: Record<string, string>): CommandRunner & { readonly calls: string[][] } {
  const calls: string[][] = [];
  const run: CommandRunner = async (file, args) => {
    calls.push([file, ...args]);
    const key = args[1] ?? '';
    const stdout = outputs[key];
    return stdout === undefined
      ? { exitCode: 1, stdout: '', stderr: REG_MISSING }
      : { exitCode: 0, stdout, stderr: '' };
  };
  return Object.assign(run, { calls });
}

describe('Windows registry policy', () => {
  it('parses reg query output: strings, hex DWORDs, skipping the default value and subkeys', () => {
    expect(parseRegQueryOutput(fixture('reg-query-hklm.txt'))).toEqual([
      { name: 'SyncServerUrl', type: 'REG_SZ', data: 'wss://sync.council.example/sync' },
      { name: 'IdleLockMinutes', type: 'REG_DWORD', data: 10 },
      { name: 'UpdateChannel', type: 'REG_SZ', data: 'stable' },
      { name: 'UpdateUrl', type: 'REG_SZ', data: 'https://updates.council.example/waymark/' },
    ]);
  });

  it('keeps empty REG_SZ values and names with spaces', () => {
    expect(parseRegQueryOutput('    UpdateUrl    REG_SZ    \r\n    Odd Name    REG_SZ    a  b')).toEqual([
      { name: 'UpdateUrl', type: 'REG_SZ', data: '' },
      { name: 'Odd Name', type: 'REG_SZ', data: 'a  b' },
    ]);
  });

  it('reads HKLM then HKCU with the given reg.exe and locks every valid HKLM value', async () => {
    const run = fakeReg({ 'HKLM\\Software\\Policies\\Waymark': fixture('reg-query-hklm.txt') });
    const sources = await readWindowsPolicy(run, 'C:\\Windows\\System32\\reg.exe');
    expect(run.calls).toEqual([
      ['C:\\Windows\\System32\\reg.exe', 'query', 'HKLM\\Software\\Policies\\Waymark'],
      ['C:\\Windows\\System32\\reg.exe', 'query', 'HKCU\\Software\\Policies\\Waymark'],
    ]);
    const { policy, problems } = resolvePolicy(sources, {
      idleLockMinutes: 60,
      syncServerUrl: 'wss://mine.example/',
    });
    expect(problems).toEqual([]);
    expect(policy).toEqual({
      syncServerUrl: { value: 'wss://sync.council.example/sync', locked: true },
      idleLockMinutes: { value: 10, locked: true },
      updateChannel: { value: 'stable', locked: true },
      updateUrl: { value: 'https://updates.council.example/waymark/', locked: true },
      unlockFailureAction: { value: 'sign-in', locked: false },
    });
  });

  it('treats a missing key as no policy, without problems', async () => {
    const sources = await readWindowsPolicy(fakeReg({}));
    const { policy, problems } = resolvePolicy(sources);
    expect(problems).toEqual([]);
    expect(policy.idleLockMinutes).toEqual({ value: 15, locked: false });
    expect(policy.syncServerUrl).toEqual({ value: null, locked: false });
  });

  it('reports invalid HKCU values and unsupported types, ignores them, and HKLM still wins', async () => {
    const sources = await readWindowsPolicy(
      fakeReg({
        'HKLM\\Software\\Policies\\Waymark': '    UpdateChannel    REG_SZ    stable\r\n',
        'HKCU\\Software\\Policies\\Waymark': fixture('reg-query-hkcu-invalid.txt'),
      }),
    );
    const { policy, problems } = resolvePolicy(sources, { idleLockMinutes: 30 });
    expect(policy.updateChannel).toEqual({ value: 'stable', locked: true });
    // HKCU's 0 minutes is invalid, so the user's own setting applies, unlocked.
    expect(policy.idleLockMinutes).toEqual({ value: 30, locked: false });
    expect(problems).toContainEqual({
      source: 'HKCU\\Software\\Policies\\Waymark',
      key: 'IdleLockMinutes',
      message: 'IdleLockMinutes must be at least 1 minute; value ignored',
    });
    expect(problems).toContainEqual({
      source: 'HKCU\\Software\\Policies\\Waymark',
      key: 'Legacy Flag',
      message: 'unsupported registry type REG_BINARY; value ignored',
    });
  });

  it('reports a failing reg.exe clearly instead of throwing', async () => {
    const run: CommandRunner = async () => ({ exitCode: 5, stdout: '', stderr: 'ERROR: Access is denied.' });
    const { problems } = resolvePolicy(await readWindowsPolicy(run));
    expect(formatPolicyProblems(problems)[0]).toBe(
      'policy: HKLM\\Software\\Policies\\Waymark: reg.exe query failed: ERROR: Access is denied.',
    );
    const throwing: CommandRunner = async () => {
      throw new Error('spawn reg.exe ENOENT');
    };
    const second = resolvePolicy(await readWindowsPolicy(throwing));
    expect(second.problems[0]?.message).toBe('could not run reg.exe: spawn reg.exe ENOENT');
    expect(second.policy.updateUrl).toEqual({ value: null, locked: false });
  });
});

describe('macOS managed preferences', () => {
  it('reads the XML plist and treats an empty UpdateUrl as "updates off", locked', async () => {
    const readFile = filesReader({ [MAC_POLICY_PATH]: fixture('managed-preferences.plist') });
    const run: CommandRunner = async () => {
      throw new Error('plutil must not run for an XML plist');
    };
    const source = await readMacPolicy({ readFile, run });
    const { policy, problems } = resolvePolicy([source], { updateUrl: 'https://mine.example/' });
    expect(readFile.reads).toEqual(['/Library/Managed Preferences/uk.gov.waymark.plist']);
    expect(policy).toEqual({
      syncServerUrl: { value: 'wss://sync.council.example/sync?team=a&b', locked: true },
      idleLockMinutes: { value: 20, locked: true },
      updateChannel: { value: 'stable', locked: true },
      updateUrl: { value: null, locked: true },
      unlockFailureAction: { value: 'sign-in', locked: false },
    });
    // MDM adds its own Payload* keys; they are reported as unknown, not fatal.
    expect(problems).toEqual([
      {
        source: MAC_POLICY_PATH,
        key: 'PayloadUUID',
        message: 'unknown policy key "PayloadUUID" ignored',
      },
    ]);
  });

  it('converts a binary plist with plutil', async () => {
    const readFile = filesReader({ [MAC_POLICY_PATH]: 'bplist00\u0000\u0001binary' });
    const calls: string[][] = [];
    const run: CommandRunner = async (file, args) => {
      calls.push([file, ...args]);
      return { exitCode: 0, stdout: fixture('managed-preferences.plist'), stderr: '' };
    };
    const { policy } = resolvePolicy([await readMacPolicy({ readFile, run })]);
    expect(calls).toEqual([['/usr/bin/plutil', '-convert', 'xml1', '-o', '-', MAC_POLICY_PATH]]);
    expect(policy.idleLockMinutes).toEqual({ value: 20, locked: true });
  });

  it('reports a failing plutil instead of throwing', async () => {
    const readFile = filesReader({ [MAC_POLICY_PATH]: 'bplist00' });
    const failing = await readMacPolicy({
      readFile,
      run: async () => ({ exitCode: 1, stdout: '', stderr: 'bad' }),
    });
    expect(failing.problems[0]?.message).toBe('plutil could not convert the binary plist: bad');
    const missing: CommandRunner = async () => {
      throw new Error('spawn /usr/bin/plutil ENOENT');
    };
    const thrown = await readMacPolicy({ readFile, run: missing });
    expect(thrown.problems[0]?.message).toBe('could not run plutil: spawn /usr/bin/plutil ENOENT');
  });

  it('reports every invalid value and falls back to defaults', async () => {
    const readFile = filesReader({ [MAC_POLICY_PATH]: fixture('managed-preferences-invalid.plist') });
    const source = await readMacPolicy({ readFile, run: fakeReg({}) });
    const { policy, problems } = resolvePolicy([source]);
    expect(policy).toEqual({
      syncServerUrl: { value: null, locked: false },
      idleLockMinutes: { value: 15, locked: false },
      updateChannel: { value: 'stable', locked: false },
      updateUrl: { value: null, locked: false },
      unlockFailureAction: { value: 'sign-in', locked: false },
    });
    expect(problems.map((p) => p.key)).toEqual(['SyncServerUrl', 'IdleLockMinutes', 'UpdateChannel']);
    expect(problems[0]?.message).toBe(
      'SyncServerUrl must be an https:// or wss:// URL (http:// and ws:// are allowed only for localhost); value ignored',
    );
    expect(problems[1]?.message).toBe('IdleLockMinutes must be a whole number; value ignored');
  });

  it('reports a corrupt plist as a problem with the whole source', async () => {
    const readFile = filesReader({ [MAC_POLICY_PATH]: '<plist><dict><key>A</key></plist>' });
    const source = await readMacPolicy({ readFile, run: fakeReg({}) });
    expect(source.values).toEqual({});
    expect(source.problems[0]?.message).toMatch(/^not a valid property list: /);
  });

  it('treats a missing managed-preferences file as no policy', async () => {
    const source = await readMacPolicy({ readFile: filesReader({}), run: fakeReg({}) });
    expect(source).toEqual({ source: MAC_POLICY_PATH, values: {}, problems: [] });
  });
});

describe('plist XML parser', () => {
  it('parses nested values, entities and empty elements', () => {
    const xml =
      '<?xml version="1.0"?><plist version="1.0"><dict><key>a</key><array><integer>-3</integer><real>1.5</real>' +
      '<true/><false/><string/><string>x &lt;&#65;&#x42;&gt;</string><data>AQID</data><date>2025-01-02T03:04:05Z</date>' +
      '</array><key>b</key><dict/></dict></plist>';
    expect(parsePlistXml(xml)).toEqual({
      a: [-3, 1.5, true, false, '', 'x <AB>', new Uint8Array([1, 2, 3]), new Date('2025-01-02T03:04:05Z')],
      b: {},
    });
  });

  it('rejects unknown entities, bad integers and non-plist documents', () => {
    expect(() => parsePlistXml('<plist><string>&xxe;</string></plist>')).toThrow(PlistParseError);
    expect(() => parsePlistXml('<plist><integer>1.5</integer></plist>')).toThrow('invalid <integer> "1.5"');
    expect(() => parsePlistXml('<html></html>')).toThrow('document is not a <plist>');
  });
});

describe('Linux /etc/waymark/policy.json', () => {
  it('reads the JSON policy and locks its values over user settings', async () => {
    const readFile = filesReader({ [LINUX_POLICY_PATH]: fixture('policy.json') });
    const { policy, problems } = resolvePolicy([await readLinuxPolicy(readFile)], {
      syncServerUrl: 'wss://mine.example/',
      idleLockMinutes: 45,
      updateChannel: 'stable',
    });
    expect(problems).toEqual([]);
    expect(policy).toEqual({
      syncServerUrl: { value: 'wss://sync.council.example/sync', locked: true },
      idleLockMinutes: { value: 5, locked: true },
      updateChannel: { value: 'beta', locked: true },
      updateUrl: { value: 'https://updates.council.example/waymark/', locked: true },
      unlockFailureAction: { value: 'sign-in', locked: false },
    });
  });

  it('ignores invalid values (credentials in URLs, http, out of range) and reports each, plus typos', async () => {
    const readFile = filesReader({ [LINUX_POLICY_PATH]: fixture('policy-invalid.json') });
    const { policy, problems } = resolvePolicy([await readLinuxPolicy(readFile)], { idleLockMinutes: 25 });
    expect(policy.syncServerUrl).toEqual({ value: null, locked: false });
    expect(policy.idleLockMinutes).toEqual({ value: 25, locked: false });
    expect(policy.updateChannel).toEqual({ value: 'stable', locked: false });
    expect(policy.updateUrl).toEqual({ value: null, locked: false });
    expect(formatPolicyProblems(problems)).toEqual([
      'policy: /etc/waymark/policy.json SyncServerURL: unknown policy key "SyncServerURL" ignored',
      'policy: /etc/waymark/policy.json SyncServerUrl: SyncServerUrl must not contain a user name or password; value ignored',
      'policy: /etc/waymark/policy.json IdleLockMinutes: IdleLockMinutes must be at most 480 minutes (8 hours); value ignored',
      'policy: /etc/waymark/policy.json UpdateChannel: UpdateChannel must be a lower-case channel name such as "stable" or "beta"; value ignored',
      'policy: /etc/waymark/policy.json UpdateUrl: UpdateUrl must be an https:// URL; value ignored',
    ]);
  });

  it('reports broken JSON and a non-object without crashing', async () => {
    const broken = await readLinuxPolicy(filesReader({ [LINUX_POLICY_PATH]: '{ "IdleLockMinutes": ' }));
    expect(broken.problems[0]?.message).toMatch(/^not valid JSON .*whole file ignored$/);
    const array = await readLinuxPolicy(filesReader({ [LINUX_POLICY_PATH]: '[1]' }));
    expect(array.problems[0]?.message).toBe('must contain a JSON object; whole file ignored');
    expect(resolvePolicy([broken, array]).policy.idleLockMinutes).toEqual({ value: 15, locked: false });
  });
});

describe('precedence', () => {
  const machine: RawPolicySource = { source: 'machine', values: { IdleLockMinutes: 'x' }, problems: [] };
  const userLevel: RawPolicySource = {
    source: 'user-policy',
    values: { IdleLockMinutes: '12' },
    problems: [],
  };

  it('managed policy beats user settings, user settings beat defaults', () => {
    expect(resolvePolicy([userLevel], { idleLockMinutes: 3 }).policy.idleLockMinutes).toEqual({
      value: 12,
      locked: true,
    });
    expect(resolvePolicy([], { idleLockMinutes: 3 }).policy.idleLockMinutes).toEqual({
      value: 3,
      locked: false,
    });
    expect(resolvePolicy([]).policy.idleLockMinutes).toEqual({ value: 15, locked: false });
  });

  it('an invalid higher-precedence value falls through to the next valid managed value', () => {
    const { policy, problems } = resolvePolicy([machine, userLevel], { idleLockMinutes: 3 });
    expect(policy.idleLockMinutes).toEqual({ value: 12, locked: true });
    expect(problems).toEqual([
      {
        source: 'machine',
        key: 'IdleLockMinutes',
        message: 'IdleLockMinutes must be a whole number; value ignored',
      },
    ]);
  });

  it('invalid user settings are reported and ignored', () => {
    const { policy, problems } = resolvePolicy(
      [],
      { syncServerUrl: 'ws://not-loopback.example/sync' },
      'settings.json',
    );
    expect(policy.syncServerUrl).toEqual({ value: null, locked: false });
    expect(problems).toEqual([
      {
        source: 'settings.json',
        key: 'syncServerUrl',
        message:
          'syncServerUrl must be an https:// or wss:// URL (http:// and ws:// are allowed only for localhost); value ignored',
      },
    ]);
  });

  it('allows ws:// only for localhost', () => {
    expect(resolvePolicy([], { syncServerUrl: 'ws://localhost:1234' }).policy.syncServerUrl.value).toBe(
      'ws://localhost:1234',
    );
    expect(resolvePolicy([], { syncServerUrl: 'ws://sync.example' }).policy.syncServerUrl.value).toBeNull();
  });
});

describe('policy sources per platform', () => {
  it('dispatches to the right reader for each OS', async () => {
    const readFile = filesReader({
      [LINUX_POLICY_PATH]: fixture('policy.json'),
      [MAC_POLICY_PATH]: fixture('managed-preferences.plist'),
    });
    const run = fakeReg({ 'HKLM\\Software\\Policies\\Waymark': fixture('reg-query-hklm.txt') });
    const linux = await readManagedPolicySources({ platform: 'linux', run, readFile });
    const mac = await readManagedPolicySources({ platform: 'darwin', run, readFile });
    const windows = await readManagedPolicySources({ platform: 'win32', run, readFile });
    expect(linux.map((s) => s.source)).toEqual([LINUX_POLICY_PATH]);
    expect(mac.map((s) => s.source)).toEqual([MAC_POLICY_PATH]);
    expect(windows.map((s) => s.source)).toEqual([
      'HKLM\\Software\\Policies\\Waymark',
      'HKCU\\Software\\Policies\\Waymark',
    ]);
    expect(await readManagedPolicySources({ platform: 'freebsd', run, readFile })).toEqual([]);
  });

  it('ignores, and reports, a user setting only managed policy may set (update server, unlock failure action)', async () => {
    const readFile = filesReader({
      '/u/settings.json': JSON.stringify({
        updateUrl: 'https://attacker.example/updates/',
        unlockFailureAction: 'sign-in',
        idleLockMinutes: 30,
      }),
    });
    const user = await readUserPolicySettings(readFile, '/u/settings.json');
    expect(user.settings).toEqual({ idleLockMinutes: 30 });
    expect(user.problems.map((p) => [p.key, p.message])).toEqual([
      ['updateUrl', 'updateUrl can be set only by managed policy; value ignored'],
      ['unlockFailureAction', 'unlockFailureAction can be set only by managed policy; value ignored'],
    ]);
    // And resolvePolicy refuses them from the user layer even if a caller passes them on.
    const resolved = resolvePolicy([], { updateUrl: 'https://attacker.example/updates/' }, 'settings.json');
    expect(resolved.policy.updateUrl).toEqual({ value: null, locked: false });
    expect(resolved.problems[0]?.message).toBe('updateUrl can be set only by managed policy; value ignored');
  });

  it('validates UnlockFailureAction from managed policy', () => {
    const source = (value: unknown) => ({
      source: 'machine',
      values: { UnlockFailureAction: value },
      problems: [],
    });
    expect(resolvePolicy([source('wipe')]).policy.unlockFailureAction).toEqual({
      value: 'wipe',
      locked: true,
    });
    const bad = resolvePolicy([source('erase')]);
    expect(bad.policy.unlockFailureAction).toEqual({ value: 'sign-in', locked: false });
    expect(bad.problems[0]?.message).toBe('UnlockFailureAction must be "sign-in" or "wipe"; value ignored');
  });

  it('reads only the known fields from the user settings file', async () => {
    const readFile = filesReader({
      '/u/settings.json': JSON.stringify({ idleLockMinutes: 30, theme: 'dark', updateChannel: 'beta' }),
      '/u/broken.json': 'not json',
    });
    expect(await readUserPolicySettings(readFile, '/u/settings.json')).toEqual({
      settings: { idleLockMinutes: 30, updateChannel: 'beta' },
      problems: [],
    });
    expect(await readUserPolicySettings(readFile, '/u/none.json')).toEqual({ settings: {}, problems: [] });
    const broken = await readUserPolicySettings(readFile, '/u/broken.json');
    expect(broken.settings).toEqual({});
    expect(broken.problems[0]?.message).toMatch(/^user settings ignored: /);
  });
});
