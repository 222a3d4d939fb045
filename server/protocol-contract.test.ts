/** The client/server contract in shared/protocol.ts. */
import { describe, expect, it } from 'vitest';
import {
  SERVER_REASONS,
  clientActionFor,
  docNameFor,
  isServerReason,
  loginRequestSchema,
  parseDocName,
} from '../shared/protocol.ts';

describe('document names', () => {
  it('round-trips UUIDs and short ids', () => {
    for (const id of ['3f1c2a9e-8d4b-4c1a-9f2e-1a2b3c4d5e6f', 'yp_01', 'A'.repeat(64)]) {
      expect(parseDocName(docNameFor(id))).toEqual({ youngPersonId: id });
    }
  });

  it('rejects anything else', () => {
    expect(() => docNameFor('')).toThrow(/Invalid youngPersonId/);
    expect(() => docNameFor('a'.repeat(65))).toThrow(/Invalid youngPersonId/);
    expect(() => docNameFor('../etc')).toThrow(/Invalid youngPersonId/);
    for (const name of ['yp:', 'yp:a b', 'YP:abc', 'abc', 'yp:a/b', `yp:${'x'.repeat(65)}`]) {
      expect(parseDocName(name)).toBeNull();
    }
  });
});

describe('server reasons', () => {
  it('maps every reason to a client action; device-revoked means wipe', () => {
    expect(clientActionFor(SERVER_REASONS.deviceRevoked)).toBe('wipe-local-data');
    expect(clientActionFor(SERVER_REASONS.tokenExpired)).toBe('reauthenticate');
    expect(clientActionFor(SERVER_REASONS.forbidden)).toBe('close-document');
    expect(clientActionFor(SERVER_REASONS.accountDisabled)).toBe('sign-out');
    expect(clientActionFor(SERVER_REASONS.rateLimited)).toBe('retry-later');
    // An out-of-date app keeps its session and its unsynced work: it shows the server's message.
    expect(clientActionFor(SERVER_REASONS.appUpdateRequired)).toBe('show-error');
    expect(clientActionFor('something-new')).toBe('show-error');
    expect(clientActionFor(SERVER_REASONS.sessionEnded)).toBe('reauthenticate');
    expect(clientActionFor(SERVER_REASONS.sessionExpired)).toBe('reauthenticate');
    expect(isServerReason('device-revoked')).toBe(true);
    expect(isServerReason('nope')).toBe(false);
  });
});

describe('login request', () => {
  it('names the failing field', () => {
    const result = loginRequestSchema.safeParse({ username: 'a', password: '', deviceId: 'device-0001' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['password']);
  });
});
