import { useEffect, useState } from 'react';

/** The time now, re-read every `intervalMs` (for "… ago" texts that must keep up). */
export function useNow(intervalMs: number): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
