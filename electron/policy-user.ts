/**
 * The user's own settings for policy-controlled values, from `<userData>/settings.json` (optional). Managed
 * policy beats these; they beat the defaults. A broken file is reported and ignored.
 */
import type { FileReader } from './command-runner.ts';
import { isMissingFileError } from './command-runner.ts';
import type { PolicyProblem, UserPolicySettings } from './policy-schema.ts';

const FIELDS = ['syncServerUrl', 'idleLockMinutes', 'updateChannel', 'updateUrl'] as const;

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
  for (const field of FIELDS) {
    if (Object.hasOwn(parsed, field)) settings[field] = (parsed as Record<string, unknown>)[field];
  }
  return { settings, problems: [] };
}
