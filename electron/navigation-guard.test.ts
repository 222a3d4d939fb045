import { describe, expect, it } from 'vitest';
import { installNavigationGuards, isAllowedExternalUrl } from './navigation-guard.ts';
import type { GuardedEvent, GuardedWebContents, NavigationEventLike } from './navigation-guard.ts';

function fakeContents() {
  const listeners = new Map<GuardedEvent, (event: NavigationEventLike, url?: unknown) => void>();
  let openHandler: ((details: { readonly url: string }) => { readonly action: 'deny' }) | undefined;
  const contents: GuardedWebContents = {
    on: (event, listener) => listeners.set(event, listener),
    setWindowOpenHandler: (handler) => (openHandler = handler),
  };
  const fire = (name: GuardedEvent, url: string, urlOnEvent = true): boolean => {
    let prevented = false;
    const event: NavigationEventLike = {
      preventDefault: () => (prevented = true),
      ...(urlOnEvent ? { url } : {}),
    };
    listeners.get(name)?.(event, urlOnEvent ? undefined : url);
    return prevented;
  };
  return { contents, fire, open: (url: string) => openHandler?.({ url }) };
}

function setup() {
  const fake = fakeContents();
  const opened: string[] = [];
  const blocked: string[] = [];
  installNavigationGuards(fake.contents, {
    openExternal: async (url) => {
      opened.push(url);
    },
    onBlocked: (kind, origin) => blocked.push(`${kind} ${origin}`),
  });
  return { ...fake, opened, blocked };
}

describe('navigation guards', () => {
  it('blocks navigation away from the app and opens allow-listed links in the OS browser', () => {
    const { fire, opened, blocked } = setup();
    expect(fire('will-navigate', 'https://www.gov.uk/leaving-foster-or-local-authority-care')).toBe(true);
    expect(fire('will-navigate', 'https://evil.example/phish')).toBe(true);
    expect(opened).toEqual(['https://www.gov.uk/leaving-foster-or-local-authority-care']);
    expect(blocked).toEqual(['will-navigate https://www.gov.uk', 'will-navigate https://evil.example']);
  });

  it('allows in-app navigation and reads the URL from the older argument form too', () => {
    const { fire } = setup();
    expect(fire('will-navigate', 'app://waymark/index.html')).toBe(false);
    expect(fire('will-navigate', 'file:///etc/passwd', false)).toBe(true);
  });

  it('blocks redirects, sub-frame navigations and webviews without opening anything', () => {
    const { fire, opened } = setup();
    expect(fire('will-redirect', 'https://www.gov.uk/')).toBe(true);
    expect(fire('will-frame-navigate', 'https://www.gov.uk/')).toBe(true);
    expect(fire('will-attach-webview', 'app://waymark/')).toBe(true);
    expect(opened).toEqual([]);
  });

  it('denies every new window, opening only allow-listed https links externally', () => {
    const { open, opened } = setup();
    expect(open('https://www.legislation.gov.uk/ukpga/1989/41/section/23C')).toEqual({ action: 'deny' });
    expect(open('app://waymark/index.html')).toEqual({ action: 'deny' });
    expect(open('http://www.gov.uk/')).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://www.legislation.gov.uk/ukpga/1989/41/section/23C']);
  });
});

describe('isAllowedExternalUrl', () => {
  it.each([
    ['https://www.gov.uk/x', true],
    ['https://WWW.GOV.UK/x', true],
    ['http://www.gov.uk/x', false],
    ['https://www.gov.uk.evil.example/', false],
    ['https://user:pw@www.gov.uk/', false],
    ['https://www.gov.uk:8443/', false],
    ['javascript:alert(1)', false],
    ['file:///C:/Windows/system32/calc.exe', false],
    ['garbage', false],
  ])('%s → %s', (url, allowed) => {
    expect(isAllowedExternalUrl(url)).toBe(allowed);
  });
});
