/** Opens the store harness page (the test build) in a page and waits for its API. */
import type { Page } from 'playwright-core';
import type { WaymarkHarness } from '../../harness/harness-api.ts';

export async function openHarness(page: Page, e2eUrl: string, query = ''): Promise<void> {
  await page.goto(`${new URL('test/harness/index.html', e2eUrl).toString()}${query}`);
  await page.waitForFunction(() => window.waymarkHarness !== undefined, null, { timeout: 30_000 });
}

/** Calls one harness method in the page and returns its (JSON-safe) result. */
export function harness<K extends keyof WaymarkHarness>(
  page: Page,
  method: K,
  ...args: WaymarkHarness[K] extends (...a: infer A) => unknown ? A : never
): Promise<WaymarkHarness[K] extends (...a: never[]) => infer R ? Awaited<R> : never> {
  return page.evaluate(
    ([name, callArgs]) => {
      const api = window.waymarkHarness as unknown as Record<string, (...a: unknown[]) => unknown>;
      const fn = api[name];
      if (!fn) throw new Error(`The harness has no method ${name}`);
      return fn(...callArgs);
    },
    [method, args] as const,
  ) as never;
}
