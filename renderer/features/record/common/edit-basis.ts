/**
 * What a form showed when it opened: a snapshot of the record's Y.Doc, passed with the form's save so
 * the edit replaces only the values the person saw (shared/ydoc/contested.ts). A change that reaches
 * the laptop while the form is open then shows as contested instead of being silently written over.
 */
import { useState } from 'react';
import * as Y from 'yjs';
import type { SaveOptions } from '../use-record.ts';

export function useEditBasis(doc: Y.Doc): SaveOptions {
  const [seen] = useState(() => Y.snapshot(doc));
  return { seen };
}
