/**
 * macOS managed preferences: an MDM profile (Jamf, Intune, Kandji…) with a Custom Settings payload for the
 * preference domain `uk.gov.waymark` is written by macOS to
 * `/Library/Managed Preferences/uk.gov.waymark.plist` (root-owned). That file may be an XML or a binary
 * plist; binary ones are converted with `plutil -convert xml1 -o - <file>` (injected runner), then parsed.
 */
import type { CommandRunner, FileReader } from './command-runner.ts';
import { isMissingFileError } from './command-runner.ts';
import { parsePlistXml } from './plist-xml.ts';
import type { RawPolicySource } from './policy-schema.ts';

export const MAC_POLICY_DOMAIN = 'uk.gov.waymark';
export const MAC_POLICY_PATH = `/Library/Managed Preferences/${MAC_POLICY_DOMAIN}.plist`;

const BINARY_PLIST_MAGIC = 'bplist';

export interface MacPolicyDeps {
  readonly readFile: FileReader;
  readonly run: CommandRunner;
  readonly filePath?: string;
  readonly plutil?: string;
}

export async function readMacPolicy(deps: MacPolicyDeps): Promise<RawPolicySource> {
  const source = deps.filePath ?? MAC_POLICY_PATH;
  const fail = (message: string): RawPolicySource => ({
    source,
    values: {},
    problems: [{ source, key: null, message }],
  });
  let bytes: Uint8Array;
  try {
    bytes = await deps.readFile(source);
  } catch (error) {
    if (isMissingFileError(error)) return { source, values: {}, problems: [] };
    return fail(
      `could not read the managed preferences: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  let xml = Buffer.from(bytes).toString('utf8');
  if (xml.startsWith(BINARY_PLIST_MAGIC)) {
    let result;
    try {
      result = await deps.run(deps.plutil ?? '/usr/bin/plutil', ['-convert', 'xml1', '-o', '-', source]);
    } catch (error) {
      return fail(`could not run plutil: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (result.exitCode !== 0)
      return fail(`plutil could not convert the binary plist: ${result.stderr.trim()}`);
    xml = result.stdout;
  }
  let parsed;
  try {
    parsed = parsePlistXml(xml);
  } catch (error) {
    return fail(`not a valid property list: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (
    typeof parsed !== 'object' ||
    parsed === null ||
    Array.isArray(parsed) ||
    parsed instanceof Date ||
    parsed instanceof Uint8Array
  ) {
    return fail('the property list is not a dictionary');
  }
  return { source, values: { ...parsed }, problems: [] };
}
