/**
 * Test fixtures for the server tests: a real SQLite store in a temp dir with two teams, and real
 * Hocuspocus providers over real websockets (the `ws` package as the WebSocket implementation).
 * Synthetic data only.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { LoginResponse } from '../../shared/protocol.ts';
import { hashPassword } from '../auth/passwords.ts';
import { startServer, type RunningServer, type StartServerOptions } from '../server.ts';
import { SqliteStore } from '../store/sqlite-store.ts';
import { deviceFor, signIn } from './device-identity.ts';
import type { Store, User } from '../store/types.ts';

export const PASSWORD = 'correct horse battery';

export interface World {
  readonly dir: string;
  readonly store: Store;
  readonly server: RunningServer;
  readonly users: Record<'paN1' | 'paN2' | 'tmN' | 'paS1' | 'tmS' | 'admin', User>;
  readonly teams: { north: string; south: string };
  close(): Promise<void>;
}

export function textUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, text);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

export function textOf(update: Uint8Array | null, root = 't'): string {
  if (!update) return '';
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  const text = doc.getText(root).toString();
  doc.destroy();
  return text;
}

/** Creates accounts (display name = username) that all sign in with `password` (hashed once). */
export async function accountMaker(
  store: Store,
  password: string,
): Promise<(username: string, role: User['role'], teamId: string | null) => Promise<User>> {
  const hash = await hashPassword(password);
  return (username, role, teamId) =>
    store.createUser({ username, displayName: username, role, teamId, passwordHash: hash });
}

export async function makeWorld(options: Partial<StartServerOptions> = {}): Promise<World> {
  const dir = mkdtempSync(join(tmpdir(), 'waymark-server-'));
  const store = new SqliteStore(join(dir, 'waymark.sqlite'));
  const north = await store.createTeam('North');
  const south = await store.createTeam('South');
  const mk = await accountMaker(store, PASSWORD);
  const users = {
    paN1: await mk('pa.n1', 'pa', north.id),
    paN2: await mk('pa.n2', 'pa', north.id),
    tmN: await mk('tm.n', 'team_manager', north.id),
    paS1: await mk('pa.s1', 'pa', south.id),
    tmS: await mk('tm.s', 'team_manager', south.id),
    admin: await mk('admin', 'admin', null),
  };
  await store.setAssignment('ypN1', users.paN1.id, north.id);
  await store.setAssignment('ypN2', users.paN2.id, north.id);
  await store.setAssignment('ypS1', users.paS1.id, south.id);
  await store.appendUpdate('yp:ypN1', textUpdate('seed-N1'));
  await store.appendUpdate('yp:ypS1', textUpdate('seed-S1'));
  const server = await startServer({
    store,
    tokenSecret: new Uint8Array(randomBytes(32)),
    storeDebounceMs: 50,
    accessRecheckMs: 60_000,
    log: () => undefined,
    ...options,
  });
  return {
    dir,
    store,
    server,
    users,
    teams: { north: north.id, south: south.id },
    close: async () => {
      await server.stop();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function newDeviceId(): string {
  return `dev-${randomUUID()}`;
}

export async function postJson(
  url: string,
  body: unknown,
  token?: string,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

export async function getJson(url: string, token?: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: response.status, body: await response.json() };
}

/** Signs in with the fixture password; the device id keeps one key pair for the test run (device-identity.ts). */
export async function login(
  server: RunningServer,
  username: string,
  deviceId = newDeviceId(),
): Promise<LoginResponse & { deviceId: string }> {
  const answer = await signIn(server.url, username, PASSWORD, await deviceFor(deviceId));
  return { ...answer, deviceId };
}

export function openSocket(server: RunningServer): HocuspocusProviderWebsocket {
  return new HocuspocusProviderWebsocket({
    url: server.syncUrl,
    WebSocketPolyfill: WebSocket,
    delay: 50,
    minDelay: 50,
    maxDelay: 200,
  });
}

export interface OpenedDoc {
  readonly provider: HocuspocusProvider;
  readonly doc: Y.Doc;
  /** Reasons from server CLOSE messages for this document. */
  readonly closeReasons: string[];
  readonly deniedReasons: string[];
}

export type OpenResult =
  { status: 'synced'; opened: OpenedDoc } | { status: 'denied'; reason: string; opened: OpenedDoc };

/** Opens a document on a socket; resolves when synced or when the server refuses it. */
export function openDoc(
  socket: HocuspocusProviderWebsocket,
  name: string,
  token: string,
  timeoutMs = 5000,
): Promise<OpenResult> {
  const doc = new Y.Doc();
  const closeReasons: string[] = [];
  const deniedReasons: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`opening ${name} timed out`)), timeoutMs);
    const provider: HocuspocusProvider = new HocuspocusProvider({
      websocketProvider: socket,
      name,
      token,
      document: doc,
      onSynced: () => {
        clearTimeout(timer);
        resolve({ status: 'synced', opened });
      },
      onAuthenticationFailed: ({ reason }) => {
        deniedReasons.push(reason);
        clearTimeout(timer);
        resolve({ status: 'denied', reason, opened });
      },
      onClose: ({ event }) => {
        if (event.reason) closeReasons.push(event.reason);
      },
    });
    const opened: OpenedDoc = { provider, doc, closeReasons, deniedReasons };
    provider.attach();
  });
}

export async function waitFor(
  predicate: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 5000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Waits until the server acknowledged every local change of the provider. */
export function acknowledged(opened: OpenedDoc, what = 'acknowledgement'): Promise<void> {
  return waitFor(() => !opened.provider.hasUnsyncedChanges, what);
}
