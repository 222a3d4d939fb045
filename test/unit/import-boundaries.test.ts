import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: root });

/** Lints a fixture's text as though it were the file `asFile` in the repository. */
async function lintAs(fixture: string, asFile: string) {
  const code = readFileSync(path.join(root, 'test', 'lint-fixtures', fixture), 'utf8');
  const [result] = await eslint.lintText(code, { filePath: path.join(root, asFile) });
  if (!result) throw new Error('ESLint returned no result');
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import boundaries (DESIGN.md §3), enforced by ESLint', () => {
  it.each([
    ['renderer-imports-node-fs.fixture.ts', 'renderer/bad.ts', /Node built-ins/],
    ['renderer-imports-fs.fixture.ts', 'renderer/bad.ts', /Node built-ins/],
    ['renderer-imports-electron.fixture.ts', 'renderer/bad.ts', /may not import Electron/],
    ['shared-imports-renderer.fixture.ts', 'shared/bad.ts', /may not import from renderer\//],
    ['server-imports-renderer.fixture.ts', 'server/bad.ts', /may not import from renderer\//],
    ['electron-imports-server.fixture.ts', 'electron/bad.ts', /may not import from server\//],
  ])('rejects %s linted as %s', async (fixture, asFile, expected) => {
    const messages = await lintAs(fixture, asFile);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(expected);
  });

  it('allows the renderer to import shared/', async () => {
    expect(await lintAs('renderer-imports-shared.fixture.ts', 'renderer/good.ts')).toEqual([]);
  });

  it('allows the server to use Node built-ins', async () => {
    expect(await lintAs('renderer-imports-node-fs.fixture.ts', 'server/good.ts')).toEqual([]);
  });
});
