/**
 * The repository carries its own documents: no Markdown link or path mention may point outside it, and
 * every relative link must name a file that exists.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
const markdownFiles = execFileSync(
  'git',
  ['ls-files', '--cached', '--others', '--exclude-standard', '*.md'],
  {
    cwd: root,
    encoding: 'utf8',
  },
)
  .split('\n')
  .filter((file) => file !== '' && !file.startsWith('node_modules/'));

/** `[text](target)` links, minus web links and in-page anchors. */
function relativeLinks(markdown: string): string[] {
  return [...markdown.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((match) => match[1] ?? '')
    .filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target) && !target.startsWith('#'))
    .map((target) => target.split('#')[0] ?? '');
}

describe('documentation links', () => {
  it('finds the documents to check', () => {
    expect(markdownFiles).toContain('README.md');
    expect(markdownFiles).toContain('docs/design.md');
  });

  it.each(markdownFiles)('%s links only to files inside the repository', (file) => {
    const text = readFileSync(path.join(root, file), 'utf8');
    const outside: string[] = [];
    const missing: string[] = [];
    for (const target of relativeLinks(text)) {
      const resolved = path.resolve(root, path.dirname(file), target);
      if (!resolved.startsWith(root + path.sep)) outside.push(target);
      else if (!existsSync(resolved)) missing.push(target);
    }
    // A mention of the brief beside the repository is a link outside it too.
    if (/\.\.\/shared\/DESIGN\.md/.test(text)) outside.push('../shared/DESIGN.md');
    expect({ outside, missing }).toEqual({ outside: [], missing: [] });
  });
});
