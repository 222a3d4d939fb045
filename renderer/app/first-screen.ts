/**
 * The first screen after unlocking comes before background upkeep: the caseload says when its rows have
 * been drawn, and work that would compete with them (re-reading every row to see whether the day has
 * changed, rebuilding the projection) waits for that, or for `FIRST_SCREEN_WAIT_MS` at most when the
 * app was opened at another page.
 */

/** The longest background upkeep waits for the first screen. */
export const FIRST_SCREEN_WAIT_MS = 3000;

let drawn: () => void = () => undefined;
const firstScreen = new Promise<void>((resolve) => {
  drawn = resolve;
});

/** Runs `then` once the next frame has been painted (not before it, as a bare animation frame would). */
export function afterNextPaint(then: () => void): void {
  requestAnimationFrame(() => setTimeout(then));
}

/** The first screen's content is in the DOM: resolves the wait once the frame showing it has been painted. */
export function firstScreenShown(): void {
  afterNextPaint(drawn);
}

/** Resolves once the first screen has been painted, or after `FIRST_SCREEN_WAIT_MS`. */
export function afterFirstScreen(): Promise<void> {
  return Promise.race([
    firstScreen,
    new Promise<void>((resolve) => setTimeout(resolve, FIRST_SCREEN_WAIT_MS)),
  ]);
}
