/**
 * The app's own origin. The renderer is served from the privileged custom protocol `app://waymark/`
 * (never `file://`, never http), so it has a stable, secure origin for IndexedDB and a single origin to
 * check IPC senders and navigations against.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'waymark';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** True when `url` parses and belongs to the app's own origin. Malformed URLs are not ours. */
export function isAppUrl(url: string | null | undefined): boolean {
  if (typeof url !== 'string' || url.length === 0) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  // Custom schemes registered as "standard" parse with a host, so protocol + host identify the origin.
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host === APP_HOST &&
    parsed.username === '' &&
    parsed.password === ''
  );
}
