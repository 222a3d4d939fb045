/**
 * The user's own settings for policy-controlled values, from `<userData>/settings.json` (optional). Managed
 * policy beats these; they beat the defaults. A broken file is reported and ignored, and so is a field only
 * managed policy may set (MANAGED_ONLY_FIELDS: the update server, the lock screen's failure action).
 */
import type { FileReader } from './command-runner.ts';
import { isMissingFileError } from './command-runner.ts';
import { MANAGED_ONLY_FIELDS, POLICY_KEYS, type PolicyField } from './policy-schema.ts';
import type { PolicyProblem, UserPolicySettings } from './policy-schema.ts';

const FIELDS = Object.keys(POLICY_KEYS) as PolicyField[];

export async function readUserPolicySettings(
  readFile: FileReader,
  filePath: string,
): Promise<{ readonly settings: UserPolicySettings; readonly problems: readonly PolicyProblem[] }> {
  const fail = (message: string) => ({ settings: {}, problems: [{ source: filePath, key: null, message }] });
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(await readFile(filePath)).toString('utf8'));
  } catch (error) {
    if (isMissingFileError(error)) return { settings: {}, problems: [] };
    return fail(`user settings ignored: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return fail('user settings ignored: the file must contain a JSON object');
  }
  const settings: Record<string, unknown> = {};
  const problems: PolicyProblem[] = [];
  for (const field of FIELDS) {
    if (!Object.hasOwn(parsed, field)) continue;
    if (MANAGED_ONLY_FIELDS.has(field)) {
      problems.push({
        source: filePath,
        key: field,
        message: `${field} can be set only by managed policy; value ignored`,
      });
    } else {
      settings[field] = (parsed as Record<string, unknown>)[field];
    }
  }
  return { settings, problems };
}
