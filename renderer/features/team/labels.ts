/** Plain-English wording shared by the team views. */
import type { CaseloadRow } from '../../db/caseload-row.ts';

export const IN_TOUCH_WORDS: Readonly<Record<CaseloadRow['inTouchState'], string>> = {
  'in-touch': 'In touch',
  'not-in-touch': 'Not in touch',
  'refuses-contact': 'Refuses contact',
  'no-longer-requires-services': 'No longer requires services',
  died: 'Died',
};

export function percentText(percent: number | null): string {
  return percent === null ? 'No one to count' : `${percent}%`;
}

export function peopleText(count: number): string {
  return `${count} young ${count === 1 ? 'person' : 'people'}`;
}
