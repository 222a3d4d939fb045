/** An injected way to run an OS command (execFile, no shell), so policy readers are testable. */
export interface CommandResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export type CommandRunner = (file: string, args: readonly string[]) => Promise<CommandResult>;

/** An injected file reader; rejects with an error whose `code` is 'ENOENT' when the file is missing. */
export type FileReader = (filePath: string) => Promise<Uint8Array>;

export function isMissingFileError(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    (error.code === 'ENOENT' || error.code === 'ENOTDIR')
  );
}
