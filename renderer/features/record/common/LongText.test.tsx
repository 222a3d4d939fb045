import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { LongText, shortened, SHORT_NOTE_LENGTH } from './LongText.tsx';

describe('long notes', () => {
  it('cuts a long note at a word boundary and leaves a short one alone', () => {
    expect(shortened('A short note.')).toBeNull();
    const long = 'word '.repeat(2000).trim();
    const cut = shortened(long);
    expect(cut?.endsWith('word…')).toBe(true);
    expect(cut?.length).toBeLessThanOrEqual(SHORT_NOTE_LENGTH + 1);
  });

  it('shows a 10,000-character note cut, with a "Show full note" button', () => {
    const html = renderToStaticMarkup(<LongText text={'x '.repeat(5000)} />);
    expect(html).toContain('Show full note');
    expect(html).toContain('aria-expanded="false"');
    expect(html).toContain('(10,000 characters)');
    expect(html.length).toBeLessThan(1000);
  });
});
