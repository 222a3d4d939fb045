/** Reads the managed policy sources for the running OS, highest precedence first. */
import type { CommandRunner, FileReader } from './command-runner.ts';
import { readLinuxPolicy } from './policy-linux.ts';
import { readMacPolicy } from './policy-macos.ts';
import type { RawPolicySource } from './policy-schema.ts';
import { readWindowsPolicy } from './policy-windows.ts';

export interface PolicySourceDeps {
  readonly platform: string;
  readonly run: CommandRunner;
  readonly readFile: FileReader;
  /** Full path of reg.exe on Windows (avoid PATH lookups). */
  readonly regExe?: string;
}

export async function readManagedPolicySources(deps: PolicySourceDeps): Promise<RawPolicySource[]> {
  switch (deps.platform) {
    case 'win32':
      return readWindowsPolicy(deps.run, deps.regExe);
    case 'darwin':
      return [await readMacPolicy({ readFile: deps.readFile, run: deps.run })];
    case 'linux':
      return [await readLinuxPolicy(deps.readFile)];
    default:
      return [];
  }
}
