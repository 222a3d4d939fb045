/**
 * Windows managed policy: `HKLM\Software\Policies\Waymark` (computer configuration, highest precedence),
 * then `HKCU\Software\Policies\Waymark` (user configuration). Both keys are writable only by
 * administrators / Group Policy, so both count as managed. Read with `reg.exe query` and parsed here.
 */
import type { CommandRunner } from './command-runner.ts';
import type { PolicyProblem, RawPolicySource } from './policy-schema.ts';

export const WINDOWS_POLICY_KEYS: readonly string[] = [
  'HKLM\\Software\\Policies\\Waymark',
  'HKCU\\Software\\Policies\\Waymark',
];

export interface RegistryValue {
  readonly name: string;
  readonly type: string;
  readonly data: string | number;
}

/**
 * Parses `reg query <key>` output: a header line naming the key, then one line per value,
 * `    <name>    <REG_TYPE>    <data>` (four-space separators). Subkeys and the unset default are skipped.
 * REG_DWORD/REG_QWORD data (hex, "0xf") become numbers.
 */
export function parseRegQueryOutput(output: string): RegistryValue[] {
  const values: RegistryValue[] = [];
  for (const line of output.split(/\r?\n/)) {
    const match = /^ {4}(.+?) {4}(REG_[A-Z0-9_]+)(?: {4}(.*))?$/.exec(line);
    if (match === null) continue;
    const [, name = '', type = '', rawData = ''] = match;
    if (name === '(Default)') continue;
    if (type === 'REG_DWORD' || type === 'REG_QWORD') {
      const parsed = /^0x[0-9a-f]+$/i.test(rawData.trim()) ? Number.parseInt(rawData.trim(), 16) : Number.NaN;
      values.push({ name, type, data: Number.isNaN(parsed) ? rawData : parsed });
    } else {
      values.push({ name, type, data: rawData });
    }
  }
  return values;
}

/** reg.exe's message when the key does not exist (exit code 1): not an error, just no policy. */
function isMissingKey(stderr: string): boolean {
  return /unable to find the specified registry key/i.test(stderr);
}

export async function readWindowsPolicySource(
  run: CommandRunner,
  key: string,
  regExe = 'reg.exe',
): Promise<RawPolicySource> {
  const problems: PolicyProblem[] = [];
  let result;
  try {
    result = await run(regExe, ['query', key]);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      source: key,
      values: {},
      problems: [{ source: key, key: null, message: `could not run reg.exe: ${message}` }],
    };
  }
  if (result.exitCode !== 0) {
    if (!isMissingKey(result.stderr)) {
      problems.push({
        source: key,
        key: null,
        message: `reg.exe query failed: ${result.stderr.trim() || `exit code ${result.exitCode}`}`,
      });
    }
    return { source: key, values: {}, problems };
  }
  const values: Record<string, unknown> = {};
  for (const value of parseRegQueryOutput(result.stdout)) {
    if (
      value.type === 'REG_SZ' ||
      value.type === 'REG_EXPAND_SZ' ||
      value.type === 'REG_DWORD' ||
      value.type === 'REG_QWORD'
    ) {
      values[value.name] = value.data;
    } else {
      problems.push({
        source: key,
        key: value.name,
        message: `unsupported registry type ${value.type}; value ignored`,
      });
    }
  }
  return { source: key, values, problems };
}

export async function readWindowsPolicy(run: CommandRunner, regExe?: string): Promise<RawPolicySource[]> {
  return Promise.all(WINDOWS_POLICY_KEYS.map((key) => readWindowsPolicySource(run, key, regExe)));
}
