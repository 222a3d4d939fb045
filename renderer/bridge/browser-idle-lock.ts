import type { IdleLockEvent } from '../../shared/bridge.ts';

const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * The browser's idle lock: fires once after `idleMinutes` without keyboard, pointer or touch input in
 * this page (a browser cannot see system-wide input as Electron's powerMonitor does), then re-arms
 * on the next input. Returns a function that stops watching.
 */
export function watchPageIdle(
  idleMinutes: () => Promise<number>,
  listener: (event: IdleLockEvent) => void,
): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  let lastInput = Date.now();
  const arm = async () => {
    const minutes = await idleMinutes();
    if (stopped || minutes <= 0) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      listener({ reason: 'idle', idleSeconds: Math.round((Date.now() - lastInput) / 1000) });
    }, minutes * 60_000);
  };
  const onInput = () => {
    lastInput = Date.now();
    if (timer) {
      clearTimeout(timer);
      timer = null;
    }
    void arm();
  };
  for (const name of ACTIVITY_EVENTS) window.addEventListener(name, onInput, { passive: true });
  void arm();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, onInput);
  };
}
