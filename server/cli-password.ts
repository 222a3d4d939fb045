/**
 * Passwords for the admin CLI, never from the command line (other local users can read a process's
 * arguments, and shells keep them in history): from standard input (`--password-stdin`, first line)
 * or typed at a prompt with no echo.
 */
import type { Readable, Writable } from 'node:stream';

/** The first line of a stream (without its line ending); the rest is ignored. */
export async function readFirstLine(input: Readable): Promise<string> {
  let text = '';
  for await (const chunk of input) {
    text += Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk);
    if (text.includes('\n') || text.length > 4096) break;
  }
  return (text.split('\n')[0] ?? '').replace(/\r$/, '');
}

interface RawInput extends Readable {
  readonly isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
}

/** Asks for a password on a terminal without echoing it. Ctrl-C cancels (rejects). */
export function promptHidden(prompt: string, input: RawInput, output: Writable): Promise<string> {
  return new Promise((resolve, reject) => {
    let typed = '';
    const finish = (error: Error | null): void => {
      input.off('data', onData);
      input.setRawMode?.(false);
      input.pause();
      output.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: Buffer | string): void => {
      for (const ch of typeof chunk === 'string' ? chunk : chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return finish(null);
        if (ch === '\u0003') return finish(new Error('cancelled'));
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
        else if (ch >= ' ') typed += ch;
      }
    };
    output.write(prompt);
    input.setRawMode?.(true);
    input.resume();
    input.on('data', onData);
  });
}
