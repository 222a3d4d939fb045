/** The readiness registry: every check must pass; a throwing or silent check fails it, by name only. */
import { describe, expect, it } from 'vitest';
import { ReadinessChecks } from './readiness.ts';

describe('ReadinessChecks', () => {
  it('is ready when every check passes and names the ones that fail, without their errors', async () => {
    const checks = new ReadinessChecks(50);
    checks.add('store', async () => 'answered');
    expect(await checks.run()).toEqual({ ready: true, checks: { store: 'ok' } });
    checks.add('redis', () => {
      throw new Error('connect ECONNREFUSED redis://secret@10.0.0.1');
    });
    checks.add('never-answers', () => new Promise(() => undefined));
    const report = await checks.run();
    expect(report).toEqual({
      ready: false,
      checks: { store: 'ok', redis: 'failed', 'never-answers': 'failed' },
    });
    expect(JSON.stringify(report)).not.toContain('secret');
    checks.remove('redis');
    checks.remove('never-answers');
    expect((await checks.run()).ready).toBe(true);
  });

  it('refuses a check name that is not lower-case letters, digits and dashes', () => {
    const checks = new ReadinessChecks();
    expect(() => checks.add('Redis Primary', () => undefined)).toThrow(/lower-case/);
  });
});
