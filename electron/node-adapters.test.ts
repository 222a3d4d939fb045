import { describe, expect, it } from 'vitest';
import { fileExists, runCommand } from './node-adapters.ts';

const node = process.execPath;

describe('runCommand', () => {
  it('returns stdout and a zero exit code without a shell', async () => {
    const result = await runCommand(node, ['-e', 'process.stdout.write("a  $HOME")']);
    expect(result).toEqual({ exitCode: 0, stdout: 'a  $HOME', stderr: '' });
  });

  it('reports a non-zero exit as a result, and a missing program as a rejection', async () => {
    const result = await runCommand(node, ['-e', 'process.stderr.write("no key"); process.exit(1)']);
    expect(result).toEqual({ exitCode: 1, stdout: '', stderr: 'no key' });
    await expect(runCommand('/nonexistent/reg.exe', ['query'])).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('checks file existence', () => {
    expect(fileExists(node)).toBe(true);
    expect(fileExists('/nonexistent/Uninstall Waymark.exe')).toBe(false);
  });
});
