/** Linux managed policy: `/etc/waymark/policy.json`, a JSON object with the same keys as the registry. */
import type { FileReader } from './command-runner.ts';
import { isMissingFileError } from './command-runner.ts';
import type { RawPolicySource } from './policy-schema.ts';

export const LINUX_POLICY_PATH = '/etc/waymark/policy.json';

export async function readLinuxPolicy(
  readFile: FileReader,
  filePath = LINUX_POLICY_PATH,
): Promise<RawPolicySource> {
  const fail = (message: string): RawPolicySource => ({
    source: filePath,
    values: {},
    problems: [{ source: filePath, key: null, message }],
  });
  let text: string;
  try {
    text = Buffer.from(await readFile(filePath)).toString('utf8');
  } catch (error) {
    if (isMissingFileError(error)) return { source: filePath, values: {}, problems: [] };
    return fail(`could not read the policy file: ${error instanceof Error ? error.message : String(error)}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return fail(
      `not valid JSON (${error instanceof Error ? error.message : String(error)}); whole file ignored`,
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return fail('must contain a JSON object; whole file ignored');
  }
  return { source: filePath, values: { ...(parsed as Record<string, unknown>) }, problems: [] };
}
