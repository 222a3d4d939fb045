/** Node implementations of the injected OS seams (commands, files) used by main.ts. */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CommandResult, CommandRunner, FileReader } from './command-runner.ts';
import type { TokenFileSystem } from './token-store.ts';

/** execFile without a shell, with a timeout; a non-zero exit is a result, not a rejection. */
export const runCommand: CommandRunner = (file, args) =>
  new Promise<CommandResult>((resolve, reject) => {
    execFile(
      file,
      [...args],
      { timeout: 10_000, windowsHide: true, encoding: 'utf8', maxBuffer: 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error !== null && typeof error.code !== 'number') {
          reject(error);
          return;
        }
        resolve({ exitCode: error === null ? 0 : Number(error.code), stdout, stderr });
      },
    );
  });

export const readFileBytes: FileReader = async (filePath) => new Uint8Array(await readFile(filePath));

export function fileExists(filePath: string): boolean {
  return existsSync(filePath);
}

/** Write to a temporary sibling with mode 0600, then rename over the target (atomic on one volume). */
export async function writeFileAtomic(filePath: string, data: Uint8Array): Promise<void> {
  await mkdir(path.dirname(filePath), { recursive: true, mode: 0o700 });
  const temporary = `${filePath}.${process.pid}.${Date.now()}.tmp`;
  try {
    await writeFile(temporary, data, { mode: 0o600 });
    await rename(temporary, filePath);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

export const tokenFileSystem: TokenFileSystem = {
  readFile: readFileBytes,
  writeFileAtomic,
  remove: (filePath) => rm(filePath, { force: true }),
};
