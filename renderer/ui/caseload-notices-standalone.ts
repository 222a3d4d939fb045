/**
 * Renders the caseload's notices (CaseloadNotices.tsx) on their own under a "My caseload" heading, with
 * the record store they read: for the store harness used by the browser tests (test/harness), like
 * features/team/standalone.ts for the team view.
 */
import { createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type { RecordStore } from '../db/record-store.ts';
import { RecordStoreProvider } from '../db/store-context.tsx';
import { CaseloadNotices } from './CaseloadNotices.tsx';

export function renderCaseloadNoticesStandalone(store: RecordStore): Root {
  const container = document.createElement('main');
  container.id = 'main';
  const heading = document.createElement('h1');
  heading.textContent = 'My caseload';
  const notices = document.createElement('div');
  container.replaceChildren(heading, notices);
  document.body.replaceChildren(container);
  const root = createRoot(notices);
  root.render(createElement(RecordStoreProvider, { store, children: createElement(CaseloadNotices) }));
  return root;
}
