/** Server configuration from the environment: session lifetime and the OIDC claim people are mapped by. */
import { describe, expect, it } from 'vitest';
import { optionsFromEnv } from './main.ts';

const oidc = {
  WAYMARK_OIDC_ISSUER: 'https://login.example/t',
  WAYMARK_OIDC_JWKS_URL: 'https://login.example/t/jwks',
  WAYMARK_OIDC_AUDIENCE: 'waymark',
};

describe('optionsFromEnv', () => {
  it('reads several-instance settings (Redis, instance id, prefix) and refuses nonsense', () => {
    const pg = { WAYMARK_DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/w' };
    expect(optionsFromEnv({}).redisUrl).toBeUndefined();
    const options = optionsFromEnv({
      ...pg,
      WAYMARK_REDIS_URL: 'redis://:secret@127.0.0.1:6380/2',
      WAYMARK_INSTANCE_ID: 'web-1',
      WAYMARK_REDIS_PREFIX: 'council-a',
    });
    expect(options).toMatchObject({
      redisUrl: 'redis://:secret@127.0.0.1:6380/2',
      instanceId: 'web-1',
      redisPrefix: 'council-a',
    });
    expect(() => optionsFromEnv({ WAYMARK_REDIS_URL: 'redis://127.0.0.1' })).toThrow(/WAYMARK_DATABASE_URL/);
    expect(() => optionsFromEnv({ ...pg, WAYMARK_REDIS_URL: 'http://x' })).toThrow(/redis:\/\//);
    expect(() => optionsFromEnv({ ...pg, WAYMARK_REDIS_URL: 'redis://h:99999' })).toThrow(
      /WAYMARK_REDIS_URL/,
    );
    expect(() => optionsFromEnv({ WAYMARK_INSTANCE_ID: 'a b' })).toThrow(/WAYMARK_INSTANCE_ID/);
    expect(() => optionsFromEnv({ WAYMARK_REDIS_PREFIX: '' })).toThrow(/WAYMARK_REDIS_PREFIX/);
  });

  it('reads the absolute session lifetime in hours, and refuses nonsense', () => {
    expect(optionsFromEnv({}).sessionHours).toBeUndefined();
    expect(optionsFromEnv({ WAYMARK_SESSION_HOURS: '8' }).sessionHours).toBe(8);
    expect(optionsFromEnv({ WAYMARK_SESSION_HOURS: '0.5' }).sessionHours).toBe(0.5);
    for (const bad of ['0', '-1', 'twelve', '745', ''])
      expect(() => optionsFromEnv({ WAYMARK_SESSION_HOURS: bad }), bad).toThrow(/WAYMARK_SESSION_HOURS/);
  });

  it('reads how long a record’s checked copy is kept without writes, and refuses nonsense', () => {
    expect(optionsFromEnv({}).checkedCopyIdleMs).toBeUndefined();
    expect(optionsFromEnv({ WAYMARK_CHECKED_COPY_IDLE_MS: '0' }).checkedCopyIdleMs).toBe(0);
    expect(optionsFromEnv({ WAYMARK_CHECKED_COPY_IDLE_MS: '5000' }).checkedCopyIdleMs).toBe(5000);
    for (const bad of ['-1', '1.5', 'soon', '3600001'])
      expect(() => optionsFromEnv({ WAYMARK_CHECKED_COPY_IDLE_MS: bad }), bad).toThrow(
        /WAYMARK_CHECKED_COPY_IDLE_MS/,
      );
  });

  it('maps OIDC people by sub unless told oid, and refuses mutable claims', () => {
    expect(optionsFromEnv(oidc).oidc?.userClaim).toBe('sub');
    expect(optionsFromEnv({ ...oidc, WAYMARK_OIDC_USER_CLAIM: 'oid' }).oidc?.userClaim).toBe('oid');
    for (const claim of ['preferred_username', 'email', 'upn'])
      expect(() => optionsFromEnv({ ...oidc, WAYMARK_OIDC_USER_CLAIM: claim })).toThrow(/"sub" or "oid"/);
  });
});
