/**
 * The lock screen's and sign-in page's form checks its two fields itself (no zod on the first screen):
 * the same GOV.UK messages and trimmed username the schema gave.
 */
import type { ResolverOptions } from 'react-hook-form';
import { describe, expect, it } from 'vitest';
import { credentialsResolver } from './CredentialsForm.tsx';

const options = { fields: {}, shouldUseNativeValidation: false } as ResolverOptions<{
  username: string;
  password: string;
}>;

async function check(askUsername: boolean, username: string, password: string) {
  return credentialsResolver(askUsername)({ username, password }, undefined, options);
}

describe('credentialsResolver', () => {
  it('asks for the username and the password when both are empty', async () => {
    const { errors } = await check(true, '  ', '');
    expect(errors.username?.message).toBe('Enter your username');
    expect(errors.password?.message).toBe('Enter your password');
  });

  it('refuses a username over 200 characters, in the form layer’s words', async () => {
    const { errors } = await check(true, 'a'.repeat(201), 'secret');
    expect(errors.username?.message).toBe('Username must be 200 characters or fewer');
    expect(errors.password).toBeUndefined();
  });

  it('gives the trimmed username and the password as typed', async () => {
    expect(await check(true, '  pa.synthetic ', ' pass word ')).toEqual({
      values: { username: 'pa.synthetic', password: ' pass word ' },
      errors: {},
    });
  });

  it('on the lock screen asks only for the password', async () => {
    expect((await check(false, '', '')).errors).toEqual({
      password: { type: 'required', message: 'Enter your password' },
    });
    expect((await check(false, '', 'secret')).values).toEqual({ username: '', password: 'secret' });
  });
});
