/**
 * The lock screen's and sign-in page's form checks its two fields itself (no zod and no react-hook-form
 * on the first screen): the same GOV.UK messages and trimmed username the schema gave, and the form
 * layer's markup for a labelled field.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { checkCredentials, CredentialsForm } from './CredentialsForm.tsx';

describe('checkCredentials', () => {
  it('asks for the username and the password when both are empty', () => {
    expect(checkCredentials({ username: '  ', password: '' }, true).errors).toEqual({
      username: 'Enter your username',
      password: 'Enter your password',
    });
  });

  it('refuses a username over 200 characters, in the form layer’s words', () => {
    expect(checkCredentials({ username: 'a'.repeat(201), password: 'secret' }, true).errors).toEqual({
      username: 'Username must be 200 characters or fewer',
    });
    expect(checkCredentials({ username: 'a'.repeat(200), password: 'secret' }, true).errors).toBeNull();
  });

  it('gives the trimmed username and the password as typed', () => {
    expect(checkCredentials({ username: '  pa.synthetic ', password: ' pass word ' }, true)).toEqual({
      values: { username: 'pa.synthetic', password: ' pass word ' },
      errors: null,
    });
  });

  it('on the lock screen asks only for the password', () => {
    expect(checkCredentials({ username: '', password: '' }, false).errors).toEqual({
      password: 'Enter your password',
    });
    expect(checkCredentials({ username: '', password: 'secret' }, false).values).toEqual({
      username: '',
      password: 'secret',
    });
  });
});

describe('CredentialsForm', () => {
  const check = () => Promise.resolve(null);

  it('labels each field, fills in the username and shows no problem before a submit', () => {
    const html = renderToStaticMarkup(
      <CredentialsForm askUsername username="pa.synthetic" submitLabel="Sign in" check={check} />,
    );
    const label = (text: string) => new RegExp(`<label for="([^"]+)">${text}</label>`).exec(html)?.[1];
    const username = label('Username');
    const password = label('Password');
    expect(username).toBeTruthy();
    expect(html).toContain(
      `id="${username}" type="text" autoComplete="username" name="username" value="pa.synthetic"`,
    );
    expect(html).toContain(
      `id="${password}" type="password" autoComplete="current-password" name="password" value=""`,
    );
    expect(html).not.toContain('There is a problem');
    expect(html).toContain('<button type="submit" class="button">Sign in</button>');
  });

  it('on the lock screen asks only for the password, under the label it is given', () => {
    const html = renderToStaticMarkup(
      <CredentialsForm
        askUsername={false}
        passwordLabel="Your password"
        submitLabel="Unlock"
        check={check}
        disabled
      />,
    );
    expect(html).not.toContain('Username');
    expect(html).toMatch(/<label for="[^"]+">Your password<\/label>/);
    expect(html).toContain('<button type="submit" class="button" disabled="">Unlock</button>');
  });
});
