/**
 * Navigation and new-window control for every WebContents (installed from app 'web-contents-created').
 * The app never navigates away from `app://waymark`; no new windows are ever created. Links to a small
 * allow-list of public HTTPS hosts open in the user's own browser via shell.openExternal.
 */
import { isAppUrl } from './app-origin.ts';

/** Public hosts a link may open in the OS browser: statutory guidance and legislation. */
export const DEFAULT_EXTERNAL_HOSTS: readonly string[] = ['www.gov.uk', 'www.legislation.gov.uk'];

export interface NavigationEventLike {
  preventDefault(): void;
  /** Electron ≥ 25 puts the target URL on the event; older signatures pass it as the second argument. */
  readonly url?: string;
}

export type GuardedEvent = 'will-navigate' | 'will-redirect' | 'will-frame-navigate' | 'will-attach-webview';

export interface GuardedWebContents {
  on(event: GuardedEvent, listener: (event: NavigationEventLike, url?: unknown) => void): unknown;
  setWindowOpenHandler(handler: (details: { readonly url: string }) => { readonly action: 'deny' }): void;
}

export interface NavigationGuardOptions {
  /** shell.openExternal */
  openExternal(url: string): Promise<void>;
  readonly externalHosts?: readonly string[];
  /** Called for every refused navigation (logging hook; receives the URL's origin only). */
  onBlocked?(kind: GuardedEvent | 'window-open', origin: string): void;
}

/** True for `https://<allow-listed host>/…` with no credentials and the default port. */
export function isAllowedExternalUrl(
  url: string,
  hosts: readonly string[] = DEFAULT_EXTERNAL_HOSTS,
): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === 'https:' &&
    parsed.username === '' &&
    parsed.password === '' &&
    parsed.port === '' &&
    hosts.includes(parsed.hostname.toLowerCase())
  );
}

function originOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return '(malformed)';
  }
}

export function installNavigationGuards(contents: GuardedWebContents, options: NavigationGuardOptions): void {
  const hosts = options.externalHosts ?? DEFAULT_EXTERNAL_HOSTS;
  const openIfAllowed = (url: string): void => {
    if (isAllowedExternalUrl(url, hosts)) {
      options.openExternal(url).catch(() => undefined);
    }
  };

  const guardNavigation =
    (kind: GuardedEvent) =>
    (event: NavigationEventLike, urlArgument?: unknown): void => {
      const url = event.url ?? (typeof urlArgument === 'string' ? urlArgument : '');
      if (isAppUrl(url)) return;
      event.preventDefault();
      options.onBlocked?.(kind, originOf(url));
      if (kind === 'will-navigate') openIfAllowed(url);
    };

  contents.on('will-navigate', guardNavigation('will-navigate'));
  contents.on('will-frame-navigate', guardNavigation('will-frame-navigate'));
  contents.on('will-redirect', guardNavigation('will-redirect'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    options.onBlocked?.('will-attach-webview', '(webview)');
  });
  contents.setWindowOpenHandler(({ url }) => {
    options.onBlocked?.('window-open', originOf(url));
    openIfAllowed(url);
    return { action: 'deny' };
  });
}
