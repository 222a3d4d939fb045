/**
 * The form layer's wording about text length, without zod or Intl, so a form that needs no schema (the
 * lock screen's) loads neither.
 */

/**
 * A whole number as en-GB writes it (20000 → "20,000"), without Intl: its first use loads the locale's
 * number data (tens of milliseconds), and form schemas build their messages as the app starts.
 */
function wholeNumber(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "Note must be 20,000 characters or fewer". */
export function tooLongMessage(label: string, max: number): string {
  return `${label} must be ${wholeNumber(max)} characters or fewer`;
}

/** The character count under a textarea: "You have 19,850 characters remaining" or "… too many". */
export function characterCountMessage(length: number, max: number): string {
  const left = max - length;
  const count = (n: number, what: string) =>
    `${wholeNumber(n)} ${n === 1 ? 'character' : 'characters'} ${what}`;
  return left >= 0 ? `You have ${count(left, 'remaining')}` : `You have ${count(-left, 'too many')}`;
}
