/**
 * Keeps a visit's draft on the laptop as it is filled in: after every change (debounced), and at once
 * when the page is hidden or closed (pagehide, the lock screen, switching away) or the form goes away.
 * Nothing is written until the first change, so opening a visit and leaving creates no draft.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { VisitDraft } from '../../../shared/domain/home-visit.ts';
import { discardVisitDraft, keepVisitDraft } from './draft-store.ts';

const DEBOUNCE_MS = 400;

export interface DraftAutosave {
  /** Call on every change to the answers. */
  changed(): void;
  /** Writes any change not yet kept; resolves once it is stored. */
  flush(): Promise<void>;
  /** Stops keeping the draft and deletes it from the laptop (the PA discards the visit). */
  discard(): Promise<void>;
  /** When the draft was last kept on this laptop (ISO date-time), or null. */
  readonly savedAt: string | null;
}

export function useDraftAutosave(
  recordId: string,
  /** Reads the answers as they stand (a stable function, such as react-hook-form's getValues). */
  current: () => VisitDraft,
  initialSavedAt: string | null,
): DraftAutosave {
  const [savedAt, setSavedAt] = useState<string | null>(initialSavedAt);
  const dirty = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const writing = useRef<Promise<void>>(Promise.resolve());
  const discarded = useRef(false);

  const flush = useCallback((): Promise<void> => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
    if (dirty.current && !discarded.current) {
      dirty.current = false;
      const draft = current();
      writing.current = writing.current
        .then(() => keepVisitDraft(recordId, draft))
        .then(setSavedAt, () => {
          dirty.current = true; // kept for the next try; the page says the draft is not yet kept
          setSavedAt(null);
        });
    }
    return writing.current;
  }, [recordId, current]);

  const changed = useCallback(() => {
    dirty.current = true;
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), DEBOUNCE_MS);
  }, [flush]);

  useEffect(() => {
    const now = () => void flush();
    const hidden = () => {
      if (document.visibilityState === 'hidden') void flush();
    };
    window.addEventListener('pagehide', now);
    document.addEventListener('visibilitychange', hidden);
    return () => {
      window.removeEventListener('pagehide', now);
      document.removeEventListener('visibilitychange', hidden);
      void flush();
    };
  }, [flush]);

  const discard = useCallback(async (): Promise<void> => {
    discarded.current = true;
    if (timer.current !== null) clearTimeout(timer.current);
    await writing.current;
    await discardVisitDraft(recordId);
  }, [recordId]);

  return { changed, flush, discard, savedAt };
}
