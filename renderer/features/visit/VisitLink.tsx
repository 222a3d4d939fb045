/**
 * "Start a visit" or, when a paused visit is kept on this laptop, "Resume visit": on the caseload row
 * and the record. Showing the link loads the visit page's code, so a visit can start with no network
 * in the browser build too (the desktop app has its code on the laptop).
 */
import { useEffect } from 'react';
import { Link } from 'wouter';
import { afterNextPaint } from '../../app/first-screen.ts';
import { preloadRecordCode } from '../../db/record-store.ts';
import { useVisitDraftIds } from '../../db/visit-drafts.ts';

export function visitPath(recordId: string): string {
  return `/young-people/${encodeURIComponent(recordId)}/visit`;
}

/** The visit page's code was asked for (and has not failed to load). */
let visitCodeAsked = false;

/**
 * Loads the visit page's code once, after the screen showing the link has been painted (a caseload
 * shows one link a row: the first screen does not wait for the visit's code, nor ask for it 50 times).
 */
export function preloadVisitPage(): void {
  if (visitCodeAsked) return;
  visitCodeAsked = true;
  afterNextPaint(() => {
    // Offline in the browser build the code may not load yet: the route loads it when it is opened,
    // and the next link shown asks again.
    import('./VisitPage.tsx').catch(() => {
      visitCodeAsked = false;
    });
    // The visit writes through the record's Y.Doc: its code (Yjs, y-indexeddb) must be there offline too.
    preloadRecordCode();
  });
}

export function VisitLink({
  recordId,
  name,
  paused,
  button,
}: {
  recordId: string;
  /** The young person's name, for screen readers (many rows have the same link text). */
  name: string;
  /** A paused visit to this record is kept on this laptop. */
  paused: boolean;
  /** Styled as a button (on the record) rather than a plain link (in a caseload row). */
  button?: boolean;
}) {
  useEffect(preloadVisitPage, []);
  return (
    <Link href={visitPath(recordId)} className={button ? 'button button--link' : undefined}>
      {paused ? 'Resume visit' : 'Start a visit'}
      <span className="visually-hidden"> with {name}</span>
    </Link>
  );
}

/** The visit link on a young person's record: "Resume visit" when a visit to them is paused. */
export function RecordVisitLink({ recordId, name }: { recordId: string; name: string }) {
  const paused = useVisitDraftIds()?.has(recordId) ?? false;
  return (
    <p className="visit-link">
      <VisitLink recordId={recordId} name={name} paused={paused} button />
    </p>
  );
}
