import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parsePlistXml } from './plist-xml.ts';

const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const schemaPath = require.resolve('app-builder-lib/scheme.json');
const config: unknown = parse(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8'));
const validate = new Ajv({ strict: false, allErrors: true }).compile(
  JSON.parse(readFileSync(schemaPath, 'utf8')) as object,
);

/** Only the settings this test asserts; everything else is checked by electron-builder's own schema. */
const SecuritySettings = z.object({
  appId: z.string(),
  electronVersion: z.string(),
  files: z.array(z.string()),
  electronFuses: z.record(z.string(), z.boolean()),
  publish: z.object({ provider: z.string(), url: z.string(), channel: z.string() }),
  win: z.object({
    target: z.array(z.object({ target: z.string() })),
    verifyUpdateCodeSignature: z.boolean(),
  }),
  nsis: z.object({ perMachine: z.boolean(), oneClick: z.boolean(), runAfterFinish: z.boolean() }),
  msi: z.object({ perMachine: z.boolean(), upgradeCode: z.string() }),
  mac: z.object({
    hardenedRuntime: z.boolean(),
    entitlements: z.string(),
    entitlementsInherit: z.string(),
    notarize: z.boolean(),
    target: z.array(z.object({ target: z.string() })),
  }),
  linux: z.object({ target: z.array(z.string()) }),
});

describe('electron-builder.yml', () => {
  it("validates against electron-builder's own configuration schema", () => {
    const valid = validate(config);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('the schema check catches a misspelt option', () => {
    expect(validate({ ...(config as object), nsis: { perMachnie: true } })).toBe(false);
  });

  const settings = SecuritySettings.parse(config);

  it('flips the security fuses', () => {
    expect(settings.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('builds per-machine NSIS and MSI with a fixed upgrade code', () => {
    expect(settings.win.target.map((t) => t.target)).toEqual(['nsis', 'msi']);
    expect(settings.nsis).toMatchObject({ perMachine: true, runAfterFinish: false });
    expect(settings.msi.perMachine).toBe(true);
    expect(settings.msi.upgradeCode).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(settings.win.verifyUpdateCodeSignature).toBe(true);
  });

  it('signs macOS with the hardened runtime, minimal entitlements and notarization', () => {
    expect(settings.mac).toMatchObject({
      hardenedRuntime: true,
      notarize: true,
      entitlements: 'build/entitlements.mac.plist',
      entitlementsInherit: 'build/entitlements.mac.plist',
    });
    expect(settings.mac.target.map((t) => t.target)).toEqual(['dmg', 'zip']);
    const entitlements = parsePlistXml(readFileSync(path.join(root, settings.mac.entitlements), 'utf8'));
    expect(entitlements).toEqual({ 'com.apple.security.cs.allow-jit': true });
  });

  it('publishes to a generic (private) update server, pins Electron 45 and ships only the bundles', () => {
    expect(settings.publish).toEqual({
      provider: 'generic',
      url: '${env.WAYMARK_UPDATE_URL}',
      channel: 'stable',
    });
    expect(settings.electronVersion).toMatch(/^45\.\d+\.\d+$/);
    expect(settings.appId).toBe('uk.gov.waymark');
    expect(settings.files).toEqual(
      expect.arrayContaining(['dist/electron/**/*', 'dist/renderer/**/*', '!node_modules']),
    );
    expect(settings.linux.target).toEqual(['AppImage', 'deb']);
  });
});
