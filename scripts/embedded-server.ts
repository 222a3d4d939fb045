/** Starts the embedded sync server for `npm start`: SQLite in .waymark-data/, demo accounts and caseload. */
import path from 'node:path';
import { startServer } from '../server/server.ts';

export interface EmbeddedServer {
  readonly url: string;
  stop(): Promise<void>;
}

export async function startEmbeddedServer(root: string): Promise<EmbeddedServer> {
  const port = Number(process.env.WAYMARK_PORT ?? 1234);
  const server = await startServer({
    sqlitePath: path.join(root, '.waymark-data', 'waymark.sqlite'),
    host: '127.0.0.1',
    port,
    seedDemo: true,
    demoCaseload: true,
  });
  return { url: server.url, stop: () => server.stop() };
}
