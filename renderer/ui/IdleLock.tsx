import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useBridge } from '../bridge/bridge-context.tsx';
import { useSession } from '../sync/session-context.tsx';

/**
 * Hides case data behind re-authentication when the host reports the laptop idle, locked or
 * suspended. While locked the children are unmounted, not just covered, so no record stays in the
 * page. The password is checked locally (it works offline).
 */
export function IdleLock({ children }: { children: ReactNode }) {
  const bridge = useBridge();
  const session = useSession();
  const [locked, setLocked] = useState(false);
  const [needsPassword, setNeedsPassword] = useState(true);
  const [problem, setProblem] = useState<string | null>(null);
  const passwordId = useId();
  const problemId = useId();
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(
    () =>
      bridge.onIdleLock(() => {
        setLocked(true);
        void session.unlockNeedsPassword().then(setNeedsPassword);
      }),
    [bridge, session],
  );
  useEffect(() => {
    if (locked) heading.current?.focus();
  }, [locked]);

  async function unlock(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const password = String(new FormData(event.currentTarget).get('password') ?? '');
    if (await session.unlock(password)) {
      setProblem(null);
      setLocked(false);
    } else {
      setProblem('That password is not right. Try again.');
    }
  }

  if (!locked) return <>{children}</>;
  return (
    <main id="main" className="main">
      <h1 ref={heading} tabIndex={-1}>
        Waymark is locked
      </h1>
      <p>Records are hidden because the laptop was left idle or locked. Your work is saved.</p>
      <form className="form" onSubmit={(event) => void unlock(event)} noValidate>
        {problem ? (
          <p id={problemId} className="error-summary" role="alert">
            {problem}
          </p>
        ) : null}
        {needsPassword ? (
          <div className="field">
            <label htmlFor={passwordId}>Your password</label>
            <input
              id={passwordId}
              name="password"
              type="password"
              autoComplete="current-password"
              aria-describedby={problem ? problemId : undefined}
            />
          </div>
        ) : (
          <p>No one has signed in on this laptop yet, so no password is needed.</p>
        )}
        <button type="submit" className="button">
          Unlock
        </button>
      </form>
    </main>
  );
}
