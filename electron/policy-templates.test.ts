import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLinuxPolicy } from './policy-linux.ts';
import { readMacPolicy } from './policy-macos.ts';
import { POLICY_KEYS, resolvePolicy } from './policy-schema.ts';
import { WINDOWS_POLICY_KEYS } from './policy-windows.ts';

const policyDir = path.resolve(import.meta.dirname, '..', 'build', 'policy');
const read = (name: string): string => readFileSync(path.join(policyDir, name), 'utf8');
const reader = (text: string) => async () => new TextEncoder().encode(text);
const noCommands = async () => ({ exitCode: 1, stdout: '', stderr: 'not used' });

describe('policy templates shipped to IT (build/policy)', () => {
  it('the ADMX writes every policy key, and only those, under Software\\Policies\\Waymark', () => {
    const admx = read('waymark.admx');
    const valueNames = [...admx.matchAll(/valueName="([^"]+)"/g)].map((m) => m[1]);
    expect(valueNames.sort()).toEqual(Object.values(POLICY_KEYS).sort());
    const keys = new Set([...admx.matchAll(/ key="([^"]+)"/g)].map((m) => m[1]));
    expect([...keys]).toEqual(['Software\\Policies\\Waymark']);
    expect(WINDOWS_POLICY_KEYS.every((key) => key.endsWith('\\Software\\Policies\\Waymark'))).toBe(true);
  });

  it('every ADMX string and presentation reference is defined in the ADML', () => {
    const admx = read('waymark.admx');
    const adml = read(path.join('en-US', 'waymark.adml'));
    for (const [, id] of admx.matchAll(/\$\(string\.([^)]+)\)/g))
      expect(adml).toContain(`<string id="${id}">`);
    for (const [, id] of admx.matchAll(/\$\(presentation\.([^)]+)\)/g))
      expect(adml).toContain(`<presentation id="${id}">`);
  });

  it('the macOS and Linux examples are valid, locked policy with no problems', async () => {
    const mac = await readMacPolicy({ readFile: reader(read('uk.gov.waymark.plist')), run: noCommands });
    const linux = await readLinuxPolicy(reader(read('policy.example.json')));
    for (const source of [mac, linux]) {
      const { policy, problems } = resolvePolicy([source]);
      expect(problems).toEqual([]);
      expect(Object.values(policy).every((value) => value.locked)).toBe(true);
    }
  });
});
