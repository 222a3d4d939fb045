import { usePageTitle } from '../../ui/use-page-title.ts';

/** The PA's caseload. Lists come from the Dexie projection (see renderer/db). */
export function CaseloadPage() {
  usePageTitle('My caseload');
  return (
    <>
      <h1>My caseload</h1>
      <section aria-labelledby="caseload-empty-heading" className="empty-state">
        <h2 id="caseload-empty-heading">No young people yet</h2>
        <p>
          When young people are allocated to you, or you add one, they appear here with what needs doing
          first: reviews due, contact overdue and accommodation to check.
        </p>
      </section>
    </>
  );
}
