/**
 * Finding 13 (issue 13), the desktop app's own defences, replayed against the modules that hold them
 * (Electron APIs injected, as in electron/*.test.ts):
 *  - a user's settings.json cannot set the update server (only managed policy may);
 *  - WAYMARK_SYNC_URL is not honoured by a packaged (installed) build;
 *  - the CSP header pins connect-src to the configured sync server: no other https:/wss: host;
 *  - the renderer's session refuses connections to any other host;
 *  - no source maps in the production build.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import appConfig from '../../vite.config.ts';
import { contentSecurityPolicyFor, contentSecurityPolicyHeader } from '../../shared/csp.ts';
import { buildContentSecurityPolicy, isRendererRequestAllowed } from '../../electron/content-security.ts';
import { withDevelopmentSyncUrl } from '../../electron/development-sync-url.ts';
import { resolvePolicy } from '../../electron/policy-schema.ts';
import { readUserPolicySettings } from '../../electron/policy-user.ts';

const root = path.resolve(import.meta.dirname, '..', '..');
const file = (text: string) => async () => new TextEncoder().encode(text);

/** The connect-src sources of a CSP. */
const connectSources = (csp: string): string[] =>
  (csp.split(/;\s*/).find((d) => d.startsWith('connect-src ')) ?? '').split(' ').slice(1);

describe('finding 13: the Electron main process and the build', () => {
  it("a user's settings.json naming an update server is ignored: updates stay off", async () => {
    const user = await readUserPolicySettings(
      file(JSON.stringify({ updateUrl: 'https://attacker.example/waymark/' })),
      '/home/pa/.config/Waymark/settings.json',
    );
    const { policy, problems } = resolvePolicy([], user.settings);
    expect(policy.updateUrl).toEqual({ value: null, locked: false });
    expect([...user.problems, ...problems].map((p) => p.message)).toContain(
      'updateUrl can be set only by managed policy; value ignored',
    );
  });

  it('managed policy still sets the update server', () => {
    const managed = {
      source: 'HKLM\\Software\\Policies\\Waymark',
      values: { UpdateUrl: 'https://updates.council.example/waymark/' },
      problems: [],
    };
    expect(resolvePolicy([managed]).policy.updateUrl).toEqual({
      value: 'https://updates.council.example/waymark/',
      locked: true,
    });
  });

  it('WAYMARK_SYNC_URL cannot point an installed build at another server', () => {
    const env = { WAYMARK_SYNC_URL: 'https://attacker.example' };
    const packaged = withDevelopmentSyncUrl({ settings: {}, env, isPackaged: true });
    expect(resolvePolicy([], packaged.settings).policy.syncServerUrl.value).toBeNull();
    const development = withDevelopmentSyncUrl({ settings: {}, env, isPackaged: false });
    expect(resolvePolicy([], development.settings).policy.syncServerUrl.value).toBe(
      'https://attacker.example',
    );
  });

  it('the CSP header allows connections to the configured sync server only', () => {
    const csp = buildContentSecurityPolicy({ syncServerUrl: 'wss://sync.council.example/sync' });
    expect(connectSources(csp)).toEqual([
      "'self'",
      'wss://sync.council.example',
      'https://sync.council.example',
    ]);
    expect(connectSources(contentSecurityPolicyFor(null))).toEqual(["'self'"]);
    for (const header of [csp, contentSecurityPolicyHeader, contentSecurityPolicyFor(null)]) {
      expect(connectSources(header)).not.toContain('https:');
      expect(connectSources(header)).not.toContain('wss:');
    }
  });

  it("the renderer's session cancels a connection to any other host", () => {
    const network = { syncServerUrl: 'wss://sync.council.example/sync' };
    expect(isRendererRequestAllowed('https://attacker.example/exfiltrate', 'xhr', network)).toBe(false);
    expect(isRendererRequestAllowed('wss://attacker.example/', 'webSocket', network)).toBe(false);
    expect(isRendererRequestAllowed('https://sync.council.example/api/login', 'xhr', network)).toBe(true);
  });

  it('the production build writes no source maps, and the installer leaves any out', () => {
    expect(appConfig.build?.sourcemap).toBe(false);
    const builder = parse(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as {
      files: string[];
    };
    expect(builder.files).toContain('!**/*.map');
    const electronBuild = readFileSync(path.join(root, 'scripts', 'build-electron.ts'), 'utf8');
    expect(electronBuild.match(/sourcemap: !production/g)).toHaveLength(2);
  });
});
