import { useCallback, useState } from 'react';

/**
 * A button's call to the server: `busy` while it runs (to disable the button), and the problem in words
 * when it failed (cleared when the next call succeeds).
 */
export function useBusyAction(describe: (error: unknown) => string): {
  busy: boolean;
  problem: string | null;
  setProblem: (problem: string | null) => void;
  run: (action: () => Promise<void>) => Promise<void>;
} {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const run = useCallback(
    async (action: () => Promise<void>) => {
      setBusy(true);
      try {
        await action();
        setProblem(null);
      } catch (error) {
        setProblem(describe(error));
      } finally {
        setBusy(false);
      }
    },
    [describe],
  );
  return { busy, problem, setProblem, run };
}
