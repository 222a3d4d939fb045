/**
 * SSDA903 care-leaver codes (DfE, "Children looked after by local authorities in England" return,
 * table OC3: CHILD, DOB, IN_TOUCH, ACTIV, ACCOM, reported around the 17th–21st birthdays).
 * Code lists as in the DfE's validation rules 131 (IN_TOUCH), 132 (ACTIV) and 133 (ACCOM).
 */

/** IN_TOUCH: whether the local authority is in touch with the young person around the birthday. */
export const IN_TOUCH_CODES = ['YES', 'NO', 'DIED', 'REFU', 'NREQ', 'RHOM'] as const;
export type InTouchCode = (typeof IN_TOUCH_CODES)[number];

export const IN_TOUCH_LABELS: Readonly<Record<InTouchCode, string>> = {
  YES: 'In touch',
  NO: 'Not in touch',
  DIED: 'Died',
  REFU: 'Refuses contact',
  NREQ: 'No longer requires services',
  RHOM: 'Returned home to parents for 6 months or more',
};

/** ACTIV: main activity (education, employment or training). F = full time, P = part time, G = NEET. */
export const ACTIV_CODES = ['F1', 'P1', 'F2', 'P2', 'F4', 'P4', 'F5', 'P5', 'G4', 'G5', 'G6'] as const;
export type ActivCode = (typeof ACTIV_CODES)[number];

export const ACTIV_LABELS: Readonly<Record<ActivCode, string>> = {
  F1: 'Higher education, full time',
  P1: 'Higher education, part time',
  F2: 'Other education, full time',
  P2: 'Other education, part time',
  F4: 'Apprenticeship, full time',
  P4: 'Apprenticeship, part time',
  F5: 'Training or employment, full time',
  P5: 'Training or employment, part time',
  G4: 'Not in education, employment or training: illness or disability',
  G5: 'Not in education, employment or training: other reasons',
  G6: 'Not in education, employment or training: pregnancy or parenting',
};

/** True for the codes that count as in education, employment or training (F and P). */
export function isEetCode(code: ActivCode): boolean {
  return code.startsWith('F') || code.startsWith('P');
}

/** ACCOM: the accommodation letter; the OC3 value adds a suitability digit (1 suitable, 2 unsuitable). */
export const ACCOM_LETTERS = [
  'B',
  'C',
  'D',
  'E',
  'G',
  'H',
  'K',
  'R',
  'S',
  'T',
  'U',
  'V',
  'W',
  'X',
  'Y',
  'Z',
] as const;
export type AccomLetter = (typeof ACCOM_LETTERS)[number];

export const ACCOM_LABELS: Readonly<Record<AccomLetter, string>> = {
  B: 'With parents or relatives',
  C: 'Community home',
  D: 'Semi-independent, transitional accommodation',
  E: 'Supported lodgings',
  G: 'Gone abroad',
  H: 'Deported',
  K: 'Ordinary lodgings',
  R: 'Residence not known',
  S: 'No fixed abode or homeless',
  T: 'Foyer',
  U: 'Independent living',
  V: 'Emergency accommodation',
  W: 'Bed and breakfast',
  X: 'In custody',
  Y: 'Other accommodation',
  Z: 'With former foster carers (Staying Put, 18 and over)',
};

/**
 * Letters that are never suitable: the DfE code list (rule 133) has no S1 or X1, so no fixed abode (S)
 * and custody (X) are always reported as unsuitable.
 */
export const NEVER_SUITABLE_LETTERS: ReadonlySet<AccomLetter> = new Set<AccomLetter>(['S', 'X']);

/**
 * B&B (W) and emergency accommodation (V): valid both ways in the DfE code list (V1, W1, V2, W2), and
 * they need a senior manager's approval. Statutory guidance says B&B is not suitable for 16- and
 * 17-year-olds ("Prevention of homelessness and provision of accommodation for 16 and 17 year old young
 * people", DfE/MHCLG 2018); treating V and W as unsuitable by default for under-18s is Waymark's local
 * policy default (a PA can record otherwise), not a rule of the return.
 */
export const SENIOR_APPROVAL_LETTERS: ReadonlySet<AccomLetter> = new Set<AccomLetter>(['V', 'W']);

/** Letters recorded as unsuitable unless the PA decides otherwise: never-suitable ones, and B&B/emergency. */
export const UNSUITABLE_BY_DEFAULT_LETTERS: ReadonlySet<AccomLetter> = new Set<AccomLetter>([
  ...NEVER_SUITABLE_LETTERS,
  ...SENIOR_APPROVAL_LETTERS,
]);

/**
 * Whether a new accommodation period starts out recorded as unsuitable: never-suitable letters always;
 * B&B and emergency accommodation for a young person under 18 on the start date (local policy default,
 * see SENIOR_APPROVAL_LETTERS).
 */
export function unsuitableByDefault(letter: AccomLetter, ageOnStart: number): boolean {
  return NEVER_SUITABLE_LETTERS.has(letter) || (SENIOR_APPROVAL_LETTERS.has(letter) && ageOnStart < 18);
}

/** Staying Put with former foster carers: only from 18 (Children Act 1989 s23CZA). */
export const STAYING_PUT_LETTER: AccomLetter = 'Z';

export type AccomValue = `${AccomLetter}${1 | 2}`;

/** All valid ACCOM values other than '0', as the DfE lists them (rule 133). */
export const ACCOM_VALUES: readonly AccomValue[] = ACCOM_LETTERS.flatMap((letter) =>
  NEVER_SUITABLE_LETTERS.has(letter)
    ? [`${letter}2` as const]
    : [`${letter}1` as const, `${letter}2` as const],
);

export function accomValue(letter: AccomLetter, suitable: boolean): AccomValue {
  return `${letter}${suitable ? 1 : 2}`;
}

/** The code reported in ACTIV and ACCOM when the young person is not in touch, has died or returned home. */
export const OC3_ZERO = '0';
