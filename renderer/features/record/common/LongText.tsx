/**
 * A note that may be long (contact notes hold up to 20,000 characters): the first few lines, with a
 * "Show full note" button that opens the rest in place (and "Show less" to close it again).
 */
import { useId, useState } from 'react';

/** Notes longer than this are shown cut, at a word boundary where there is one. */
export const SHORT_NOTE_LENGTH = 300;

export function shortened(text: string, length = SHORT_NOTE_LENGTH): string | null {
  if (text.length <= length) return null;
  const cut = text.slice(0, length);
  const space = cut.lastIndexOf(' ');
  return `${(space > length * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

export function LongText({ text, what = 'note' }: { text: string; what?: string }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const short = shortened(text);
  if (short === null) return <span className="prewrap">{text}</span>;
  return (
    <>
      <span id={id} className="prewrap">
        {open ? text : short}
      </span>{' '}
      <button
        type="button"
        className="button button--secondary button--small"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen(!open)}
      >
        {open ? 'Show less' : `Show full ${what}`}
        <span className="visually-hidden"> ({text.length.toLocaleString('en-GB')} characters)</span>
      </button>
    </>
  );
}
