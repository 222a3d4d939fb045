/**
 * The sync server as production runs it — `node server/main.ts` in its own process, configured by the
 * environment — for tests that need its real signals, exit code and stdout (crash recovery, drain,
 * logs and metrics).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export interface MainProcess {
  readonly process: ChildProcess;
  readonly url: string;
  readonly syncUrl: string;
  /** stdout and stderr as they arrive. */
  readonly output: string[];
  /** stdout only (the JSON log lines). */
  readonly stdout: string[];
}

/** Starts server/main.ts (demo accounts on loopback, a free port) and resolves once it listens. */
export function startMainProcess(env: Record<string, string>): Promise<MainProcess> {
  const child = spawn(process.execPath, ['server/main.ts'], {
    cwd: join(import.meta.dirname, '..', '..'),
    env: { ...process.env, WAYMARK_PORT: '0', WAYMARK_DEMO: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const stdout: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output.join('')}`)), 60_000);
    const onData = (chunk: Buffer): void => {
      output.push(chunk.toString());
      stdout.push(chunk.toString());
      const match = /listening on (http:\/\/[^\s]+)/.exec(stdout.join(''));
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({
          process: child,
          url: match[1],
          syncUrl: `${match[1].replace('http', 'ws')}/sync`,
          output,
          stdout,
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (c: Buffer) => output.push(c.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited early (${code}):\n${output.join('')}`));
    });
  });
}

export function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}
