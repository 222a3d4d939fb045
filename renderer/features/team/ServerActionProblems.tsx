/**
 * Above a team manager's form that calls the sync server (reassign, import, export): why it cannot run
 * now, and the problem the last attempt met.
 */
export function ServerActionProblems({
  allowed,
  action,
  problem,
}: {
  /** Signed in as a team manager with the sync server set. */
  allowed: boolean;
  /** What the form does, as in "… to import". */
  action: string;
  problem: string | null;
}) {
  return (
    <>
      {allowed ? null : (
        <p className="notice">Sign in as a team manager, with the sync server reachable, to {action}.</p>
      )}
      {problem ? (
        <p className="error-summary" role="alert">
          {problem}
        </p>
      ) : null}
    </>
  );
}
