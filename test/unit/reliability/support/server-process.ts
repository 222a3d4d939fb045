/** Starts server-child.ts as its own process (its memory is its own), and talks to it over IPC. */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { StartServerOptions } from '../../../../server/server.ts';
import type { ChildStats } from './server-child.ts';

export interface ServerProcess {
  readonly url: string;
  readonly syncUrl: string;
  readonly port: number;
  readonly pid: number;
  readonly child: ChildProcess;
  /** stdout and stderr of the process. */
  readonly output: string[];
  /** Memory and load of the server; `gc` forces a collection first, `resetLoop` restarts the delay histogram. */
  stats(gc?: boolean, resetLoop?: boolean): Promise<ChildStats>;
  /** Writes a V8 heap snapshot of the server (after a GC) to `path`. */
  heapSnapshot(path: string): Promise<void>;
  /** Stores loaded documents and exits (SIGTERM path). */
  stop(): Promise<void>;
  /** SIGKILL: no chance to store anything. */
  kill(): Promise<void>;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** JSON-safe server options (the secret travels as WAYMARK_TOKEN_SECRET). */
export type ChildOptions = Omit<StartServerOptions, 'store' | 'tokenSecret' | 'log'>;

export function startServerProcess(
  options: ChildOptions,
  secret: Uint8Array,
  startTimeoutMs = 90_000, // a loaded machine starts the server slowly
): Promise<ServerProcess> {
  const child = fork(join(import.meta.dirname, 'server-child.ts'), [], {
    execPath: process.execPath,
    // WAYMARK_SERVER_CPU_PROF=<folder>: a V8 CPU profile of each server process, written when it stops.
    execArgv: [
      '--expose-gc',
      ...(process.env['WAYMARK_SERVER_CPU_PROF']
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env['WAYMARK_SERVER_CPU_PROF']}`]
        : []),
    ],
    env: {
      ...process.env,
      WAYMARK_CHILD_OPTIONS: JSON.stringify(options),
      WAYMARK_TOKEN_SECRET: Buffer.from(secret).toString('base64'),
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const output: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let nextId = 1;
  const waiting = new Map<number, (stats: ChildStats) => void>();
  const snapshots = new Map<number, () => void>();
  /** Sends a request to the child; its answer (same id) resolves the promise. */
  const ask = <T>(answers: Map<number, (answer: T) => void>, request: (id: number) => object): Promise<T> =>
    new Promise((resolve, reject) => {
      if (child.exitCode !== null || child.signalCode !== null || !child.connected) {
        reject(new Error('the server process is not running'));
        return;
      }
      const id = nextId++;
      answers.set(id, resolve);
      child.send(request(id));
    });
  child.on('message', (message: { type: string; id?: number } & ChildStats) => {
    if (message.type === 'snapshot' && message.id !== undefined) {
      snapshots.get(message.id)?.();
      snapshots.delete(message.id);
    }
    if (message.type === 'stats' && message.id !== undefined) {
      waiting.get(message.id)?.(message);
      waiting.delete(message.id);
    }
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not start:\n${output.join('')}`)),
      startTimeoutMs,
    );
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`server exited early (${code ?? signal}):\n${output.join('')}`));
    });
    child.on('message', (message: { type: string; url?: string; syncUrl?: string; port?: number }) => {
      if (message.type !== 'listening' || !message.url || !message.syncUrl || message.port === undefined)
        return;
      clearTimeout(timer);
      const pid = child.pid ?? -1;
      resolve({
        url: message.url,
        syncUrl: message.syncUrl,
        port: message.port,
        pid,
        child,
        output,
        exited,
        stats(gc = false, resetLoop = false) {
          return ask(waiting, (id) => ({ type: 'stats', id, gc, resetLoop }));
        },
        heapSnapshot(path) {
          return ask(snapshots, (id) => ({ type: 'snapshot', id, path }));
        },
        async stop() {
          if (child.exitCode === null && child.signalCode === null) {
            if (child.connected) child.send({ type: 'stop' });
            else child.kill('SIGTERM');
          }
          await exited;
        },
        async kill() {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
          await exited;
        },
      });
    });
  });
}
