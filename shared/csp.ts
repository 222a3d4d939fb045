/**
 * The Content Security Policy of the renderer, in one place: the Vite build writes it into
 * index.html as a meta tag, the local preview server and the Electron main process send it as a
 * header (the header adds `frame-ancestors`, which a meta tag cannot carry).
 */
const directives: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  // The sync server: wss:// anywhere a policy points, plain ws:// and http:// only on this machine.
  'connect-src': [
    "'self'",
    'wss:',
    'https:',
    'ws://127.0.0.1:*',
    'ws://localhost:*',
    'http://127.0.0.1:*',
    'http://localhost:*',
  ],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
};

function render(extra: Readonly<Record<string, readonly string[]>>): string {
  return Object.entries({ ...directives, ...extra })
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}

/** The policy for a `<meta http-equiv="Content-Security-Policy">` tag. */
export const contentSecurityPolicyMeta: string = render({});

/** The policy for a `Content-Security-Policy` response header. */
export const contentSecurityPolicyHeader: string = render({ 'frame-ancestors': ["'none'"] });
