/** Shared pieces of the benchmarks: statistics, the test build served locally, result printing. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { build, preview, type PreviewServer } from 'vite';

export const root = path.resolve(import.meta.dirname, '..');

export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const at = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[at] ?? Number.NaN;
}

export const median = (values: readonly number[]) => quantile(values, 0.5);

/** Serves the test build (app + store harness) and returns its URL. */
export async function serveTestBuild(): Promise<{ url: string; server: PreviewServer }> {
  const configFile = path.join(root, 'test', 'harness', 'vite.config.ts');
  if (!existsSync(path.join(root, 'dist', 'e2e', 'test', 'harness', 'index.html'))) {
    await build({ configFile, logLevel: 'warn' });
  }
  const server = await preview({ configFile, logLevel: 'warn', preview: { port: 4400, strictPort: false } });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('The preview server did not report a URL.');
  return { url, server };
}

export interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** The target it is judged by (same unit), if any: ratio = value / target, ≤ 1 meets it. */
  readonly target?: number;
}

export function printFigures(title: string, figures: readonly Figure[]): string {
  const lines = [
    `### ${title}`,
    '',
    '| figure | value | target | ratio (value / target) |',
    '| --- | ---: | ---: | ---: |',
    ...figures.map((f) => {
      const value = `${f.value.toFixed(f.value < 10 ? 2 : 1)} ${f.unit}`;
      const target = f.target === undefined ? '' : `${f.target} ${f.unit}`;
      const ratio =
        f.target === undefined
          ? ''
          : `${(f.value / f.target).toFixed(2)}${f.value <= f.target ? ' ✓' : ' ✗'}`;
      return `| ${f.name} | ${value} | ${target} | ${ratio} |`;
    }),
    '',
  ];
  const text = lines.join('\n');
  console.log(text);
  return text;
}

/** A figure that is the median of several runs, divided by `per` (e.g. 1000 for ms → s). */
export function medianFigure(name: string, values: readonly number[], unit: string, per = 1): Figure {
  return { name, value: median(values) / per, unit };
}
