/**
 * The DfE's validation rules for the SSDA903 care-leaver table (OC3), current year (2025-26), each with
 * its rule number and the DfE's message. Source: the public SSDA903 validator maintained for the DfE
 * return, data-to-insight/csc-validator-be-903 (lac_validator/rules/lac2022_23 … lac2025_26, each year
 * adding to and overriding the one before): rule_131, rule_132, rule_133, rule_153, rule_344, rule_345,
 * rule_347 (2023-24), rule_348 (2025-26), rule_391, rule_1007, rule_1016 (2023-24), rule_3001 and the
 * integrity check INT34 (one OC3 row per child).
 *
 * Rules that need tables Waymark does not hold (AD1 adoption 134, OC2 215, UASC 1014, Header MOTHER 165
 * and 628, episodes' reason for ceasing E2/E3/E11 1000, 1001, 1011, and earlier years' episodes 1002,
 * 1010) are left to the council's case management system, which produces those tables.
 *
 * Ages and birthdays follow the DfE tooling: a 29 February birthday falls on 28 February in a common
 * year (returnBirthday in oc3.ts).
 */
import { ACCOM_VALUES, ACTIV_CODES, IN_TOUCH_CODES, OC3_ZERO } from '../domain/codes.ts';
import { isWithin, type IsoDate } from '../domain/dates.ts';
import { collectionYear, type CollectionYear } from './collection-year.ts';
import { fromDfeDate, ordinal, returnAgeOn, returnBirthday, type Oc3Field, type Oc3RowInput } from './oc3.ts';

export interface Oc3Failure {
  /** The DfE rule number ('INT34' for the validator's integrity check), or 'local' for CHILD and DOB present. */
  readonly rule: string;
  readonly field: Oc3Field;
  /** The DfE's message, with what was found. */
  readonly message: string;
}

/** The DfE's messages, by rule number. */
export const OC3_RULE_MESSAGES = {
  '131': 'Data entry for being in touch after leaving care is invalid.',
  '132': 'Data entry for activity after leaving care is invalid.',
  '133':
    'Data entry for accommodation after leaving care is invalid. If reporting on a childs accommodation after leaving care the data entry must be valid',
  '153':
    "All data items relating to a child's activity or accommodation after leaving care must be coded or left blank.",
  '344':
    'The record shows the young person has died or returned home to live with parent(s) or someone with parental responsibility for a continuous period of 6 months or more, but activity and/or accommodation on leaving care have been completed.',
  '345':
    'The data collection record shows the local authority is in touch with this young person, but activity and/or accommodation data items are zero.',
  '347':
    'Only care leavers aged 18 years or over can be accommodated in a Foyer or similar accommodation. Check if the accommodation should be reported instead as ‘D’ (registered supported accommodation) or ‘Y’ (other accommodation).',
  '348': 'Care leaver has previously been reported as having died.',
  '391': 'Young person was not 17, 18, 19, 20 or 21 during the current collection year.',
  '1007':
    'Care leaver information is not required for 17- or 18-year olds who are still looked after [on their 17th or 18th birthday.]',
  '1016':
    'Care leaver information is not required for 17- or 18-year olds who cease to be looked after, after their birthday.',
  '3001':
    'Where care leavers information is being returned for a young person around their 17th birthday, the accommodation cannot be with their former foster carer(s).',
  INT34: 'A child appears in the OC3 table more than once.',
} as const;
export type Oc3RuleNumber = keyof typeof OC3_RULE_MESSAGES;

/** The rule numbers Waymark checks, in the order failures are listed. */
export const OC3_RULES = Object.keys(OC3_RULE_MESSAGES) as Oc3RuleNumber[];

const IN_TOUCH_SET: ReadonlySet<string> = new Set(IN_TOUCH_CODES);
const ACTIV_SET: ReadonlySet<string> = new Set<string>([...ACTIV_CODES, OC3_ZERO]);
const ACCOM_SET: ReadonlySet<string> = new Set<string>([...ACCOM_VALUES, OC3_ZERO]);
const CARE_FIELDS = ['IN_TOUCH', 'ACTIV', 'ACCOM'] as const;

function blank(value: string): boolean {
  return value.trim() === '';
}

function failure(rule: Oc3RuleNumber, field: Oc3Field, found?: string): Oc3Failure {
  const message = OC3_RULE_MESSAGES[rule];
  return { rule, field, message: found === undefined ? message : `${message} (${found})` };
}

/** Rules 131–133: each field holds a code from its list; a blank field is not a code and fails too. */
function codeListFailures(row: Oc3RowInput): Oc3Failure[] {
  const failures: Oc3Failure[] = [];
  const check = (rule: Oc3RuleNumber, field: Oc3Field, allowed: ReadonlySet<string>) => {
    if (!allowed.has(row[field]))
      failures.push(failure(rule, field, blank(row[field]) ? 'blank' : `got ${JSON.stringify(row[field])}`));
  };
  check('131', 'IN_TOUCH', IN_TOUCH_SET);
  check('132', 'ACTIV', ACTIV_SET);
  check('133', 'ACCOM', ACCOM_SET);
  return failures;
}

/** Rules 153 (all or none), 344 (DIED/RHOM ⇒ 0) and 345 (YES ⇒ not 0). */
function consistencyFailures(row: Oc3RowInput): Oc3Failure[] {
  const failures: Oc3Failure[] = [];
  const filled = CARE_FIELDS.filter((field) => !blank(row[field]));
  if (filled.length > 0 && filled.length < CARE_FIELDS.length)
    for (const field of CARE_FIELDS.filter((f) => blank(row[f])))
      failures.push(failure('153', field, `${field} is blank but ${filled.join(' and ')} is not`));
  const inTouch = row.IN_TOUCH.trim();
  for (const field of ['ACTIV', 'ACCOM'] as const) {
    const value = row[field].trim();
    if ((inTouch === 'DIED' || inTouch === 'RHOM') && value !== '' && value !== OC3_ZERO)
      failures.push(failure('344', field, `IN_TOUCH is ${inTouch} and ${field} is ${value}`));
    if (inTouch === 'YES' && value === OC3_ZERO) failures.push(failure('345', field, `${field} is 0`));
  }
  return failures;
}

function anyFilled(row: Oc3RowInput): boolean {
  return CARE_FIELDS.some((field) => !blank(row[field]));
}

/** Rules on one row that need its date of birth: 347, 391 and 3001. */
function ageFailures(row: Oc3RowInput, dob: IsoDate, year: CollectionYear): Oc3Failure[] {
  const failures: Oc3Failure[] = [];
  // Rule 391: under 17 at the end of the collection year ⇒ IN_TOUCH, ACTIV and ACCOM not provided.
  if (returnAgeOn(dob, year.end) < 17 && anyFilled(row))
    failures.push(failure('391', 'DOB', `17th birthday ${returnBirthday(dob, 17)}`));
  const accom = row.ACCOM.trim();
  // Rule 347 (2023-24): a Foyer (T) only for a young person 18 or over at the start of the collection year.
  if ((accom === 'T1' || accom === 'T2') && returnAgeOn(dob, year.start) < 18)
    failures.push(failure('347', 'ACCOM', `under 18 on ${year.start}`));
  // Rule 3001: no former foster carers (Z) for a 17th birthday in the collection year.
  if ((accom === 'Z1' || accom === 'Z2') && isWithin(returnBirthday(dob, 17), year.start, year.end))
    failures.push(failure('3001', 'ACCOM', `17th birthday ${returnBirthday(dob, 17)}`));
  return failures;
}

/** Validates one OC3 row for the collection year ending in `yearEnding`. An empty list means it passes. */
export function validateOc3Row(row: Oc3RowInput, yearEnding: number): Oc3Failure[] {
  const year = collectionYear(yearEnding);
  const failures: Oc3Failure[] = [...codeListFailures(row), ...consistencyFailures(row)];
  if (blank(row.CHILD)) failures.unshift({ rule: 'local', field: 'CHILD', message: 'CHILD is required' });
  const dob = fromDfeDate(row.DOB);
  if (dob === null)
    return [
      ...failures,
      {
        rule: 'local',
        field: 'DOB',
        message: `must be a real date written dd/mm/yyyy (got ${JSON.stringify(row.DOB)})`,
      },
    ];
  return [...failures, ...ageFailures(row, dob, year)];
}

/**
 * What the other tables of the return say about each child, for the cross-table rules:
 * `careEnded` is the date the child ceased to be looked after (the last episode's DEC), null while
 * still looked after; `lastYear` is the OC3 table submitted for the year before.
 */
export interface Oc3Context {
  readonly careEnded?: ReadonlyMap<string, IsoDate | null>;
  readonly lastYear?: readonly Oc3RowInput[];
}

/**
 * Rules 1007 and 1016: for a young person whose 17th or 18th birthday falls in the collection year,
 * no care-leaver information when they were still looked after on that birthday (1007: the episode
 * ends after it or has not ended) or ceased to be looked after on or after it (1016). Leaving care on
 * the birthday itself is 1016's case: most young people leave care on their 18th birthday.
 */
function episodeFailures(row: Oc3RowInput, dob: IsoDate, year: CollectionYear, context: Oc3Context) {
  const failures: Oc3Failure[] = [];
  const child = row.CHILD.trim();
  if (context.careEnded === undefined || !context.careEnded.has(child) || !anyFilled(row)) return failures;
  const age = returnAgeOn(dob, year.end);
  if (age !== 17 && age !== 18) return failures;
  const birthday = returnBirthday(dob, age);
  const ended = context.careEnded.get(child) ?? null;
  if (ended === null || ended > birthday)
    failures.push(
      failure(
        '1007',
        'IN_TOUCH',
        `${ordinal(age)} birthday ${birthday}, ${ended === null ? 'still looked after' : `left care ${ended}`}`,
      ),
    );
  if (ended !== null && ended >= birthday)
    failures.push(failure('1016', 'IN_TOUCH', `${ordinal(age)} birthday ${birthday}, left care ${ended}`));
  return failures;
}

export interface Oc3RowFailures {
  readonly index: number;
  readonly child: string;
  readonly failures: readonly Oc3Failure[];
}

/**
 * Validates a whole OC3 table: each row, one row per child (INT34) and, given the context, the
 * cross-table rules 1007, 1016 (episode end date) and 348 (last year's table). Rows that pass are
 * left out.
 */
export function validateOc3Table(
  rows: readonly Oc3RowInput[],
  yearEnding: number,
  context: Oc3Context = {},
): Oc3RowFailures[] {
  const year = collectionYear(yearEnding);
  const diedLastYear = new Set(
    (context.lastYear ?? []).filter((row) => row.IN_TOUCH.trim() === 'DIED').map((row) => row.CHILD.trim()),
  );
  const seen = new Set<string>();
  const out: Oc3RowFailures[] = [];
  rows.forEach((row, index) => {
    const failures = validateOc3Row(row, yearEnding);
    const child = row.CHILD.trim();
    const dob = fromDfeDate(row.DOB);
    if (dob !== null) failures.push(...episodeFailures(row, dob, year, context));
    if (diedLastYear.has(child) && row.IN_TOUCH.trim() !== 'DIED')
      failures.push(
        failure('348', 'IN_TOUCH', `reported as DIED in ${collectionYear(yearEnding - 1).label}`),
      );
    if (seen.has(child)) failures.push(failure('INT34', 'CHILD', child === '' ? 'blank' : child));
    seen.add(child);
    if (failures.length > 0) out.push({ index, child, failures });
  });
  return out;
}
