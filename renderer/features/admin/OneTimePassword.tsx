import { useEffect, useRef } from 'react';

/** A new one-time password, shown once: the administrator passes it on; the server keeps only its hash. */
export function OneTimePassword({ name, password }: { name: string; password: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div ref={ref} tabIndex={-1} className="panel" role="status" aria-labelledby="one-time-password-title">
      <h2 id="one-time-password-title">One-time password for {name}</h2>
      <p className="one-time-password" data-testid="one-time-password" data-verbatim>
        {password}
      </p>
      <p>
        Give it to {name} in person or by phone. It is shown only this once: if it is lost, reset the password
        again. Every session they had has ended.
      </p>
    </div>
  );
}
