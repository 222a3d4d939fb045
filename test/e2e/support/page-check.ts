/**
 * One check for every page a browser test visits: axe-core clean (axe.ts), and no user id, device id or
 * internal field key shown as text (issue 16: people by name, fields by their plain-language label).
 * Call sites: `expect(await checkPage(page)).toEqual(CLEAN_PAGE)`.
 */
import type { Page } from 'playwright-core';
import { axeViolations, type AxeViolationSummary } from './axe.ts';

export interface PageProblems {
  readonly axe: AxeViolationSummary[];
  /** Each piece of visible text that looks like an id or an internal key, with what it looked like. */
  readonly internalText: string[];
}

export const CLEAN_PAGE: PageProblems = { axe: [], internalText: [] };

/** What users must never read, as [what it is, pattern]. Exported for the patterns' own unit test. */
export const INTERNAL_TEXT_PATTERNS: readonly (readonly [string, RegExp])[] = [
  ['uuid', /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi],
  // Ids as the seeds, fixtures and accounts make them: pa-1-2, pa-e2e-3, tm-team-e2e, yp-38x-00012, device-…
  ['prefixed id', /\b(?:pa|tm|yp|user|device|dev|team|admin|local)-(?=[\w-]*\d|user\b|team\b)[\w-]+/gi],
  ['short hex id', /\b(?=[0-9a-f]*[a-f])(?=[0-9a-f]*\d)[0-9a-f]{8,}\b/gi],
  [
    'record path',
    /\b(?:profile|accommodation|eet|plan|contacts|entitlements|oversight|actions|reviews|recontactPlans|needsAssessments|status)\.[\w-]+/g,
  ],
  ['camelCase key', /\b[a-z]+[A-Z][A-Za-z0-9]*\b/g],
];

/** The pieces of `text` that look like ids or internal keys. */
export function internalTextIn(text: string): string[] {
  const found: string[] = [];
  for (const [kind, pattern] of INTERNAL_TEXT_PATTERNS)
    for (const match of text.matchAll(pattern)) found.push(`${kind}: ${match[0]}`);
  return [...new Set(found)];
}

/**
 * The page's text as shown: each rendered text node on its own (so a badge beside a word never fuses with
 * it), plus the title and accessible names given in aria-label; not text marked data-verbatim.
 */
async function shownText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const pieces: string[] = [document.title];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      const parent = node.parentElement;
      // data-verbatim marks text made to be read out exactly (a one-time password): random, not an id.
      if (parent === null || parent.closest('script, style, template, [data-verbatim]') !== null) continue;
      if (parent.checkVisibility({ visibilityProperty: true, opacityProperty: false }))
        pieces.push(node.textContent ?? '');
    }
    for (const element of document.querySelectorAll('[aria-label]'))
      pieces.push(element.getAttribute('aria-label') ?? '');
    return pieces.join('\n');
  });
}

export async function checkPage(page: Page): Promise<PageProblems> {
  return { axe: await axeViolations(page), internalText: internalTextIn(await shownText(page)) };
}
